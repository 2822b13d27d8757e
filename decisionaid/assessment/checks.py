"""The catalogue of guideline checks: one plain function per `Check` value.

Each check compares one profile with one criterion and returns a CriterionResult. Thresholds come from the
criterion (data); the logic is here. Unknown answers are handled by trying every value the answer could
take: if all of them give the same result, that result stands; if not, the criterion is `unknown`, never a
guess. The rules are those of GUIDELINE_RULES.md.

Where the rules leave a gap, these decisions hold (the tests name them too):
- Subtype "unsure" makes every scope criterion unknown, even where all subtypes would agree.
- EBMT scope: any progressive answer (spms or ppms) with MRI activity or a relapse is "progressive MS with an
  inflammatory component" (borderline); spms answered together with activity also gets a note to ask whether
  it is active SPMS. Without a relapse and without MRI activity it is outside.
- Activity: 1 relapse without MRI activity is outside (neither "≥2 relapses or 1 plus MRI" nor "MRI only").
- Structural checks (scope, activity, treatment) decide their own effect as the rules say; only threshold
  checks (age, EDSS, duration) take the effect from the criterion's `not_met_effect`.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import product

from django.utils.formats import number_format
from django.utils.translation import gettext as _, gettext_lazy, ngettext

from decisionaid.evidence.choices import Check, Effect

from .evidence import CriterionData, Evidence
from .profile import Profile

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"
BORDERLINE = Effect.BORDERLINE.value
OUTSIDE = Effect.OUTSIDE.value

# "Aggressive" in GUIDELINE_RULES.md: at least this many relapses in 12 months and disability worsened.
AGGRESSIVE_RELAPSES = 2

# Lazy: the words are read in the language of each request; str() them where they become part of a result.
SUBTYPE_PLAIN = {
    "rrms": gettext_lazy("relapsing-remitting MS"),
    "spms_active": gettext_lazy("secondary progressive MS with relapses or MRI activity"),
    "spms": gettext_lazy("secondary progressive MS without relapses or MRI activity"),
    "ppms": gettext_lazy("primary progressive MS"),
    "unsure": gettext_lazy("type of MS not known"),
}
MRI_PLAIN = {"yes": gettext_lazy("yes"), "no": gettext_lazy("no"), "unknown": gettext_lazy("not known")}

# (result, effect) for one set of fully known answers.
Outcome = tuple[str, str | None]


@dataclass(frozen=True)
class CriterionResult:
    key: str
    order: int
    check_name: str
    label_plain: str
    label_technical: str
    guideline_text: str
    result: str  # met / not_met / unknown
    effect: str | None  # borderline / outside when not met; None otherwise
    person_value: str
    threshold: str  # the criterion's threshold in plain words
    threshold_value: Decimal | None = None
    note: str = ""
    # Profile fields whose unknown answer leaves this criterion open (empty unless result is unknown).
    missing: tuple[str, ...] = ()
    approximate: bool = False  # the EDSS used was worked out from the walking range
    points_to_trials: bool = False  # first-line aHSCT only within a trial (ECTRIMS/EBMT 2025)


# -- plain words -----------------------------------------------------------------------------------------


def number_plain(value: Decimal | int | float) -> str:
    """A number as people write it in the active language: 6, 6.5, 1.4 (never 6.0 or 1.40); 6,5 in Norwegian."""
    value = Decimal(str(value))
    if value == value.to_integral_value():
        return number_format(int(value))
    return number_format(value.normalize())


def edss_number(value: Decimal | int | float) -> str:
    """An EDSS score with its one decimal, as the scale is written: 3.0, 6.5 (3,0 and 6,5 in Norwegian)."""
    return number_format(Decimal(str(value)), 1)


def plural(count: int | Decimal, one: str, many: str) -> str:
    return f"{number_plain(count)} {one if count == 1 else many}"


def relapses_plain(profile: Profile) -> str:
    if profile.relapses_12m is None:
        return _("relapses in the last 12 months: not known")
    return ngettext("%(count)s relapse in the last 12 months", "%(count)s relapses in the last 12 months",
                    int(profile.relapses_12m)) % {"count": number_plain(profile.relapses_12m)}


def mri_plain(profile: Profile) -> str:
    return _("new MRI activity in the last 12 months: %(answer)s") % {"answer": MRI_PLAIN[profile.mri_activity_12m]}


def edss_plain(profile: Profile) -> str:
    span = profile.edss_range
    if span is None:
        return _("EDSS not known")
    low, high = span
    if not profile.edss_is_approximate:
        return f"EDSS {edss_number(low)}"
    if low == high:
        text = f"EDSS {edss_number(low)}"
    elif low == 0:
        text = _("EDSS %(edss)s or lower") % {"edss": edss_number(high)}
    elif high == 10:
        text = _("EDSS %(edss)s or more") % {"edss": edss_number(low)}
    else:
        text = _("EDSS %(low)s to %(high)s") % {"low": edss_number(low), "high": edss_number(high)}
    return _("approximately %(edss)s (from walking range)") % {"edss": text}


def duration_plain(profile: Profile) -> str:
    if profile.disease_duration_years is None:
        return _("years since first symptoms: not known")
    years = profile.disease_duration_years
    return ngettext("%(count)s year since first symptoms", "%(count)s years since first symptoms",
                    int(years) if years == int(years) else 2) % {"count": number_plain(years)}


def treatments_plain(profile: Profile, evidence: Evidence) -> str:
    if not profile.dmts:
        return _("no MS treatment tried yet")
    catalogue, high = evidence.treatment_by_slug, evidence.high_efficacy_slugs
    names = [
        (_("%(name)s (high-efficacy)") % {"name": catalogue[slug].name} if slug in high else catalogue[slug].name)
        if slug in catalogue else slug
        for slug in profile.dmts
    ]
    return _("tried: %(treatments)s") % {"treatments": ", ".join(names)}


# -- three-valued helpers ----------------------------------------------------------------------------------


def _relapse_options(profile: Profile, *, up_to: int) -> tuple[int, ...]:
    """The relapse counts to try: the answer, or every count that could change a result when unknown."""
    if profile.relapses_12m is not None:
        return (profile.relapses_12m,)
    return tuple(range(0, max(up_to, AGGRESSIVE_RELAPSES) + 1))


def _yes_no_options(answer: str) -> tuple[bool, ...]:
    return {"yes": (True,), "no": (False,)}.get(answer, (True, False))


def _bool_options(answer: bool | None) -> tuple[bool, ...]:
    return (True, False) if answer is None else (answer,)


def _settle(outcomes: Iterable[Outcome]) -> Outcome:
    distinct = set(outcomes)
    return distinct.pop() if len(distinct) == 1 else (UNKNOWN, None)


def open_answers(profile: Profile) -> tuple[str, ...]:
    """Profile fields answered "I don't know", in questionnaire order. EDSS counts until it is known exactly."""
    unknown = {
        "subtype": profile.subtype == "unsure",
        "relapses_12m": profile.relapses_12m is None,
        "mri_activity_12m": profile.mri_activity_12m == "unknown",
        "disability_worsened_12m": profile.disability_worsened_12m == "unknown",
        "high_efficacy_contraindicated": profile.high_efficacy_contraindicated is None,
        "edss": profile.edss is None,
        "disease_duration_years": profile.disease_duration_years is None,
    }
    return tuple(name for name, is_open in unknown.items() if is_open)


def _unknown_fields(profile: Profile, fields: Iterable[str]) -> tuple[str, ...]:
    open_fields = open_answers(profile)
    return tuple(name for name in fields if name in open_fields)


def _result(
    profile: Profile,
    criterion: CriterionData,
    outcome: Outcome,
    *,
    person_value: str,
    reads: tuple[str, ...],
    note: str = "",
    **extra,
) -> CriterionResult:
    result, effect = outcome
    return CriterionResult(
        key=criterion.key,
        order=criterion.order,
        check_name=criterion.check_name,
        label_plain=criterion.label_plain,
        label_technical=criterion.label_technical,
        guideline_text=criterion.guideline_text,
        result=result,
        effect=effect if result == NOT_MET else None,
        person_value=person_value,
        threshold=criterion.threshold_plain,
        threshold_value=criterion.threshold,
        note=note,
        missing=_unknown_fields(profile, reads) if result == UNKNOWN else (),
        **extra,
    )


def _required_threshold(criterion: CriterionData) -> Decimal:
    if criterion.threshold is None:
        raise ValueError(f"criterion {criterion.key!r} ({criterion.check_name}) has no threshold")
    return criterion.threshold


def aggressive(profile: Profile) -> bool | None:
    """≥2 relapses in 12 months and disability worsened; None when the answers leave it open."""
    outcomes = {
        relapses >= AGGRESSIVE_RELAPSES and worsened
        for relapses, worsened in product(
            _relapse_options(profile, up_to=AGGRESSIVE_RELAPSES), _yes_no_options(profile.disability_worsened_12m)
        )
    }
    return outcomes.pop() if len(outcomes) == 1 else None


# -- scope -----------------------------------------------------------------------------------------------

_SCOPE_READS = ("subtype", "relapses_12m", "mri_activity_12m")


def _scope_value(profile: Profile) -> str:
    value = str(SUBTYPE_PLAIN[profile.subtype])
    if profile.is_progressive:
        value += f"; {relapses_plain(profile)}; {mri_plain(profile)}"
    return value


def _subtype_unknown(profile: Profile, criterion: CriterionData) -> CriterionResult:
    return _result(
        profile,
        criterion,
        (UNKNOWN, None),
        person_value=str(SUBTYPE_PLAIN["unsure"]),
        reads=("subtype",),
        note=_("Which type of MS you have decides whether this guideline covers you."),
    )


def _progressive_activity_note(profile: Profile) -> str:
    if profile.subtype == "spms":
        return _(
            "Your answers say secondary progressive MS without activity, but also report relapses or MRI "
            "activity. Ask whether your MS counts as active secondary progressive MS."
        )
    return ""


def scope_relapsing_only(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    """NMSS 2021: relapsing MS is in scope; progressive MS is outside."""
    if profile.subtype == "unsure":
        return _subtype_unknown(profile, criterion)
    outcome = (MET, None) if profile.is_relapsing else (NOT_MET, OUTSIDE)
    return _result(profile, criterion, outcome, person_value=str(SUBTYPE_PLAIN[profile.subtype]), reads=("subtype",))


def scope_progressive_if_mri_active(
    *, profile: Profile, criterion: CriterionData, evidence: Evidence
) -> CriterionResult:
    """EBMT 2020: relapsing MS in scope; progressive MS with inflammatory activity borderline; else outside.

    The rules name `ppms` with MRI activity. We treat any progressive answer (spms or ppms) with MRI activity
    or a relapse the same way: the guideline's "progressive forms with a significant inflammatory component".
    """
    if profile.subtype == "unsure":
        return _subtype_unknown(profile, criterion)
    if profile.is_relapsing:
        return _result(profile, criterion, (MET, None), person_value=str(SUBTYPE_PLAIN[profile.subtype]), reads=("subtype",))
    outcome = _settle(
        (NOT_MET, BORDERLINE if relapses >= 1 or mri else OUTSIDE)
        for relapses, mri in product(_relapse_options(profile, up_to=1), _yes_no_options(profile.mri_activity_12m))
    )
    note = _progressive_activity_note(profile) if outcome == (NOT_MET, BORDERLINE) else ""
    return _result(profile, criterion, outcome, person_value=_scope_value(profile), reads=_SCOPE_READS, note=note)


def scope_progressive_if_relapse_and_mri(
    *, profile: Profile, criterion: CriterionData, evidence: Evidence
) -> CriterionResult:
    """ECTRIMS/EBMT 2025: relapsing MS in scope; progressive MS only with ≥1 relapse and MRI activity."""
    if profile.subtype == "unsure":
        return _subtype_unknown(profile, criterion)
    if profile.is_relapsing:
        return _result(profile, criterion, (MET, None), person_value=str(SUBTYPE_PLAIN[profile.subtype]), reads=("subtype",))
    outcome = _settle(
        (MET, None) if relapses >= 1 and mri else (NOT_MET, OUTSIDE)
        for relapses, mri in product(_relapse_options(profile, up_to=1), _yes_no_options(profile.mri_activity_12m))
    )
    note = _progressive_activity_note(profile) if outcome[0] == MET else ""
    return _result(profile, criterion, outcome, person_value=_scope_value(profile), reads=_SCOPE_READS, note=note)


# -- disease activity --------------------------------------------------------------------------------------


def highly_active(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    """≥threshold relapses, or ≥1 relapse plus MRI activity → met; MRI activity only → borderline; else outside."""
    threshold = _required_threshold(criterion)

    def outcome(relapses: int, mri: bool) -> Outcome:
        if relapses >= threshold or (relapses >= 1 and mri):
            return (MET, None)
        if relapses == 0 and mri:
            return (NOT_MET, BORDERLINE)
        return (NOT_MET, OUTSIDE)

    settled = _settle(
        outcome(relapses, mri)
        for relapses, mri in product(
            _relapse_options(profile, up_to=int(threshold)), _yes_no_options(profile.mri_activity_12m)
        )
    )
    return _result(
        profile,
        criterion,
        settled,
        person_value=f"{relapses_plain(profile)}; {mri_plain(profile)}",
        reads=("relapses_12m", "mri_activity_12m"),
    )


def breakthrough_despite_he(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    """NMSS 2021: (≥1 relapse or MRI activity) and (≥1 high-efficacy treatment tried, or they are contraindicated)."""
    tried_he = bool(set(profile.dmts) & evidence.high_efficacy_slugs)
    settled = _settle(
        (MET, None) if (relapses >= 1 or mri) and (tried_he or contraindicated) else (NOT_MET, OUTSIDE)
        for relapses, mri, contraindicated in product(
            _relapse_options(profile, up_to=1),
            _yes_no_options(profile.mri_activity_12m),
            _bool_options(profile.high_efficacy_contraindicated),
        )
    )
    contraindicated = {True: _("yes"), False: _("no"), None: _("not known")}[profile.high_efficacy_contraindicated]
    value = "; ".join((
        relapses_plain(profile), mri_plain(profile), treatments_plain(profile, evidence),
        _("high-efficacy treatments not possible for medical reasons: %(answer)s") % {"answer": contraindicated},
    ))
    return _result(
        profile,
        criterion,
        settled,
        person_value=value,
        reads=("relapses_12m", "mri_activity_12m", "high_efficacy_contraindicated"),
    )


# -- treatment history -------------------------------------------------------------------------------------


def failed_he_or_platform(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    """EBMT 2020: ≥1 high-efficacy treatment → met; platform only → borderline; none: aggressive → borderline."""
    note = ""
    if set(profile.dmts) & evidence.high_efficacy_slugs:
        outcome: Outcome = (MET, None)
    elif profile.dmts:
        outcome = (NOT_MET, BORDERLINE)
        note = _(
            "The two published summaries of this guideline disagree on whether the treatment that did not work "
            "must be a high-efficacy one."
        )
    else:
        is_aggressive = aggressive(profile)
        outcome = {True: (NOT_MET, BORDERLINE), False: (NOT_MET, OUTSIDE), None: (UNKNOWN, None)}[is_aggressive]
        if is_aggressive is not False:
            note = _("The guideline allows exceptional cases of aggressive MS before any other treatment.")
    return _result(
        profile,
        criterion,
        outcome,
        person_value=treatments_plain(profile, evidence),
        reads=("relapses_12m", "disability_worsened_12m"),
        note=note,
    )


FIRST_LINE_TRIAL_NOTE = gettext_lazy(
    "For aggressive MS that has not been treated yet, this consensus considers aHSCT as a first treatment "
    "only within a clinical trial or research study."
)


def failed_he_required(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    """ECTRIMS/EBMT 2025: after ≥1 high-efficacy treatment → met; otherwise outside."""
    tried_he = bool(set(profile.dmts) & evidence.high_efficacy_slugs)
    first_line = not profile.dmts and aggressive(profile) is True
    return _result(
        profile,
        criterion,
        (MET, None) if tried_he else (NOT_MET, OUTSIDE),
        person_value=treatments_plain(profile, evidence),
        reads=(),
        note=str(FIRST_LINE_TRIAL_NOTE) if first_line else "",
        points_to_trials=first_line,
    )


# -- thresholds --------------------------------------------------------------------------------------------


def age_below(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    outcome = (MET, None) if profile.age < _required_threshold(criterion) else (NOT_MET, criterion.not_met_effect)
    return _result(profile, criterion, outcome, person_value=_("%(age)s years old") % {"age": profile.age}, reads=())


def _edss_check(
    profile: Profile, criterion: CriterionData, passes: Callable[[Decimal], bool]
) -> CriterionResult:
    """EDSS as an interval: met if all of it passes, not met if none of it does, unknown otherwise."""
    span = profile.edss_range
    if span is None:
        outcome: Outcome = (UNKNOWN, None)
    else:
        low, high = span
        steps = [low + Decimal("0.5") * i for i in range(int((high - low) * 2) + 1)]
        outcome = _settle((MET, None) if passes(step) else (NOT_MET, criterion.not_met_effect) for step in steps)
    note = _("Approximate: worked out from how far you can walk.") if profile.edss_is_approximate else ""
    return _result(
        profile,
        criterion,
        outcome,
        person_value=edss_plain(profile),
        reads=("edss",),
        note=note,
        approximate=profile.edss_is_approximate,
    )


def edss_at_most(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    threshold = _required_threshold(criterion)
    return _edss_check(profile, criterion, lambda edss: edss <= threshold)


def edss_below(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    threshold = _required_threshold(criterion)
    return _edss_check(profile, criterion, lambda edss: edss < threshold)


def duration_below(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    threshold = _required_threshold(criterion)
    duration = profile.disease_duration_years
    if duration is None:
        outcome: Outcome = (UNKNOWN, None)
    else:
        outcome = (MET, None) if duration < threshold else (NOT_MET, criterion.not_met_effect)
    return _result(
        profile, criterion, outcome, person_value=duration_plain(profile), reads=("disease_duration_years",)
    )


CHECKS: dict[str, Callable[..., CriterionResult]] = {
    Check.SCOPE_RELAPSING_ONLY.value: scope_relapsing_only,
    Check.SCOPE_PROGRESSIVE_IF_MRI_ACTIVE.value: scope_progressive_if_mri_active,
    Check.SCOPE_PROGRESSIVE_IF_RELAPSE_AND_MRI.value: scope_progressive_if_relapse_and_mri,
    Check.HIGHLY_ACTIVE.value: highly_active,
    Check.BREAKTHROUGH_DESPITE_HE.value: breakthrough_despite_he,
    Check.FAILED_HE_OR_PLATFORM.value: failed_he_or_platform,
    Check.FAILED_HE_REQUIRED.value: failed_he_required,
    Check.AGE_BELOW.value: age_below,
    Check.EDSS_AT_MOST.value: edss_at_most,
    Check.EDSS_BELOW.value: edss_below,
    Check.DURATION_BELOW.value: duration_below,
}


def run_check(*, profile: Profile, criterion: CriterionData, evidence: Evidence) -> CriterionResult:
    try:
        check = CHECKS[criterion.check_name]
    except KeyError:
        raise ValueError(f"criterion {criterion.key!r} names an unknown check {criterion.check_name!r}") from None
    return check(profile=profile, criterion=criterion, evidence=evidence)
