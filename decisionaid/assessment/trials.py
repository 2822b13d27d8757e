"""Randomised trials of aHSCT, as true today: recruiting ones the person could ask to join, running ones, and
finished ones as background. Whether the answers fit uses only the limits the trial rows hold."""
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from decisionaid.evidence.choices import ParticipantsKind, TrialStatus

from .evidence import Evidence, TrialData
from .checks import edss_number
from .population import bounds_plain
from .profile import Profile

RECRUITING, RUNNING, FINISHED = "recruiting", "running", "finished"
GROUP_OF_STATUS = {
    TrialStatus.RECRUITING: RECRUITING,
    TrialStatus.ACTIVE_NOT_RECRUITING: RUNNING,
    TrialStatus.UNKNOWN: RUNNING,
    TrialStatus.COMPLETED: FINISHED,
    TrialStatus.TERMINATED: FINISHED,
}
GROUP_ORDER = {RECRUITING: 0, RUNNING: 1, FINISHED: 2}
STATUS_LABELS = dict(TrialStatus.choices)
# A status older than this is shown with a warning to ask whether it still holds.
STATUS_FRESH_FOR = timedelta(days=365)


@dataclass(frozen=True)
class TrialMatch:
    trial: TrialData
    group: str  # recruiting / running / finished
    fits: bool | None  # None: an unknown answer leaves it open (finished trials: never judged, always None)
    reasons: tuple[str, ...]  # why it does not fit, or what is not known
    status_label: str
    is_recruiting: bool
    is_finished: bool  # completed or terminated
    is_stale: bool  # the status is older than 12 months
    status_note: str  # "status last checked …; ask whether it is still recruiting", when stale
    registry_text: str  # the registry identifier, or that none is recorded
    size_text: str  # how many people, once


def _edss_limit(trial: TrialData) -> str:
    return _("an EDSS of %(edss)s or lower") % {"edss": edss_number(trial.edss_max)}


def _fit(profile: Profile, trial: TrialData) -> tuple[bool | None, tuple[str, ...]]:
    fails, unknown = [], []
    if (trial.age_min is not None and profile.age < trial.age_min) or (
        trial.age_max is not None and profile.age > trial.age_max
    ):
        fails.append(_("It takes people %(range)s.") % {"range": bounds_plain(trial.age_min, trial.age_max, _("aged"))})
    if trial.edss_max is not None:
        span = profile.edss_range
        if span is None:
            unknown.append(_("It takes people with %(limit)s; your EDSS is not known.") % {"limit": _edss_limit(trial)})
        elif span[0] > trial.edss_max:
            fails.append(_("It takes people with %(limit)s.") % {"limit": _edss_limit(trial)})
        elif span[1] > trial.edss_max:
            unknown.append(
                _("It takes people with %(limit)s; your approximate EDSS may be higher.") % {"limit": _edss_limit(trial)}
            )
    if trial.relapsing_only:
        if profile.subtype == "unsure":
            unknown.append(_("It is for relapsing MS only; your type of MS is not known."))
        elif not profile.is_relapsing:
            fails.append(_("It is for relapsing MS only."))
    if not profile.dmts and not trial.accepts_treatment_naive:
        fails.append(_("It is for people who have already had MS treatment."))
    return (False if fails else (None if unknown else True)), tuple(fails + unknown)


def registry_text(trial: TrialData) -> str:
    """The registry identifiers without brackets (they are quoted inside brackets), or that none is recorded."""
    if not trial.registry_id:
        return _("no registry number recorded")
    return trial.registry_id.replace(" (", ", ").replace(")", "")


def size_text(trial: TrialData) -> str:
    if trial.participants is None:
        return ""
    if trial.participants_kind == ParticipantsKind.ENROLLED:
        if trial.participants == 1:
            return _("1 person took part.")
        return _("%(n)s people took part.") % {"n": trial.participants}
    return _("Planned size: %(n)s people.") % {"n": trial.participants}


def _status_note(trial: TrialData, group: str, stale: bool) -> str:
    if not stale or group == FINISHED:
        return ""
    checked = trial.status_as_of
    if group == RECRUITING:
        return _("Status last checked: %(when)s. Ask whether it is still recruiting.") % {"when": checked}
    return _("Status last checked: %(when)s. Ask whether this is still true.") % {"when": checked}


def is_stale(trial, *, today: date) -> bool:
    """The status is older than 12 months (or its date is not known): say so, and say to ask."""
    return trial.status_known_on is None or today - trial.status_known_on > STATUS_FRESH_FOR


def stale_status_note(trial, *, today: date) -> str:
    """The warning for a trial's status, for pages that list trials without a person's answers."""
    return _status_note(trial, GROUP_OF_STATUS.get(trial.status, RUNNING), is_stale(trial, today=today))


def trial_match(*, profile: Profile, trial: TrialData, today: date) -> TrialMatch:
    group = GROUP_OF_STATUS.get(trial.status, RUNNING)
    stale = is_stale(trial, today=today)
    fits, reasons = (None, ()) if group == FINISHED else _fit(profile, trial)
    return TrialMatch(
        trial=trial,
        group=group,
        fits=fits,
        reasons=reasons,
        status_label=str(STATUS_LABELS.get(trial.status, trial.status)),
        is_recruiting=group == RECRUITING,
        is_finished=group == FINISHED,
        is_stale=stale,
        status_note=_status_note(trial, group, stale),
        registry_text=registry_text(trial),
        size_text=size_text(trial),
    )


def _order(match: TrialMatch) -> tuple:
    return (GROUP_ORDER[match.group], match.trial.display_order, match.trial.name)


def trials_for(
    *, profile: Profile, evidence: Evidence, today: date
) -> tuple[tuple[TrialMatch, ...], tuple[TrialMatch, ...]]:
    """(recruiting and running trials the answers fit or may fit, then finished trials as background;
    recruiting and running trials the answers do not fit), in that order within each."""
    matches = sorted((trial_match(profile=profile, trial=t, today=today) for t in evidence.trials), key=_order)
    return (
        tuple(m for m in matches if m.fits is not False),
        tuple(m for m in matches if m.fits is False),
    )
