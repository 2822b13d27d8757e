"""Which randomised trials of aHSCT the person's answers fit, using only the limits the trial rows hold."""
from dataclasses import dataclass

from decisionaid.evidence.choices import TrialStatus

from .evidence import Evidence, TrialData
from .figures import bounds_plain
from .profile import Profile

# Open trials first: a person can ask about joining them; finished ones are listed as evidence only.
STATUS_ORDER = {
    TrialStatus.RECRUITING: 0,
    TrialStatus.ACTIVE_NOT_RECRUITING: 1,
    TrialStatus.UNKNOWN: 2,
    TrialStatus.COMPLETED: 3,
    TrialStatus.TERMINATED: 4,
}
STATUS_LABELS = dict(TrialStatus.choices)


@dataclass(frozen=True)
class TrialMatch:
    trial: TrialData
    fits: bool | None  # None: an unknown answer leaves it open
    reasons: tuple[str, ...]  # why it does not fit, or what is not known
    status_label: str
    is_recruiting: bool
    is_finished: bool  # completed or terminated


def _edss_limit(trial: TrialData) -> str:
    return f"an EDSS of {trial.edss_max:.1f} or lower"


def trial_match(*, profile: Profile, trial: TrialData) -> TrialMatch:
    fails, unknown = [], []
    if (trial.age_min is not None and profile.age < trial.age_min) or (
        trial.age_max is not None and profile.age > trial.age_max
    ):
        fails.append(f"It takes people {bounds_plain(trial.age_min, trial.age_max, 'aged')}.")
    if trial.edss_max is not None:
        span = profile.edss_range
        if span is None:
            unknown.append(f"It takes people with {_edss_limit(trial)}; your EDSS is not known.")
        elif span[0] > trial.edss_max:
            fails.append(f"It takes people with {_edss_limit(trial)}.")
        elif span[1] > trial.edss_max:
            unknown.append(f"It takes people with {_edss_limit(trial)}; your approximate EDSS may be higher.")
    if trial.relapsing_only:
        if profile.subtype == "unsure":
            unknown.append("It is for relapsing MS only; your type of MS is not known.")
        elif not profile.is_relapsing:
            fails.append("It is for relapsing MS only.")
    if not profile.dmts and not trial.accepts_treatment_naive:
        fails.append("It is for people who have already had MS treatment.")
    fits = False if fails else (None if unknown else True)
    return TrialMatch(
        trial=trial,
        fits=fits,
        reasons=tuple(fails + unknown),
        status_label=STATUS_LABELS.get(trial.status, trial.status),
        is_recruiting=trial.status == TrialStatus.RECRUITING,
        is_finished=trial.status in (TrialStatus.COMPLETED, TrialStatus.TERMINATED),
    )


def _order(match: TrialMatch) -> tuple:
    return (STATUS_ORDER.get(match.trial.status, 2), match.trial.display_order, match.trial.name)


def trials_for(*, profile: Profile, evidence: Evidence) -> tuple[tuple[TrialMatch, ...], tuple[TrialMatch, ...]]:
    """(trials the answers fit or may fit, trials they do not fit), open trials first in each."""
    matches = sorted((trial_match(profile=profile, trial=t) for t in evidence.trials), key=_order)
    return (
        tuple(m for m in matches if m.fits is not False),
        tuple(m for m in matches if m.fits is False),
    )
