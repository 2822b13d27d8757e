"""Published figures as the pages show them, and the choice of key figures for a person.

Every view carries the published value untouched (`per_100`), its source, population, time point and kind of
estimate, and a text equivalent built only from those numbers. Only the icon count is rounded, and flagged.
"""
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from decisionaid.evidence.choices import Estimate, Outcome, SubtypeGroup

from .checks import number_plain
from .evidence import Evidence, FigureData, SourceRef
from .profile import Profile

BENEFIT_OUTCOMES = (
    Outcome.NEDA.value,
    Outcome.RELAPSE_FREE.value,
    Outcome.PROGRESSION_FREE.value,
    Outcome.DISABILITY_IMPROVED.value,
)
RISK_OUTCOMES = (
    Outcome.DEATH_100_DAYS.value,
    Outcome.FEBRILE_NEUTROPENIA.value,
    Outcome.THYROID.value,
    Outcome.OVARIAN_FAILURE.value,
)
FERTILITY_OUTCOMES = (
    Outcome.OVARIAN_FAILURE.value, Outcome.MENSES_NOT_RECOVERED.value, Outcome.MENSES_RECOVERED.value, Outcome.PREGNANCY.value,
)
ESTIMATED = (Estimate.KAPLAN_MEIER.value, Estimate.POOLED.value, Estimate.CUMULATIVE_INCIDENCE.value)
OUTCOME_LABELS = dict(Outcome.choices)
ESTIMATE_LABELS = dict(Estimate.choices)
SUBTYPE_GROUP_LABELS = dict(SubtypeGroup.choices)
GROUP_PLAIN = {
    SubtypeGroup.RELAPSING: "relapsing MS",
    SubtypeGroup.PROGRESSIVE: "progressive MS",
    SubtypeGroup.SECONDARY_PROGRESSIVE: "secondary progressive MS",
    SubtypeGroup.PRIMARY_PROGRESSIVE: "primary progressive MS",
    SubtypeGroup.MIXED: "relapsing or progressive MS",
    SubtypeGroup.AUTOIMMUNE: "several autoimmune diseases",
}


@dataclass(frozen=True)
class ComparatorView:
    label: str
    numerator: int | None
    denominator: int | None
    per_100: Decimal | None
    icons: int | None
    icons_rounded: bool
    text: str


@dataclass(frozen=True)
class FigureView:
    key: str
    kind: str
    outcome: str
    outcome_label: str
    label_plain: str
    label_technical: str
    arm: str
    per_100: Decimal | None  # exactly as published (or computed from published counts, see per_100_computed)
    per_100_computed: bool
    icons: int | None  # per_100 rounded to whole people for an icon array of 100
    icons_rounded: bool
    icons_note: str
    numerator: int | None
    denominator: int | None
    estimate: str
    estimate_label: str
    is_estimate: bool
    ci_low: Decimal | None
    ci_high: Decimal | None
    ci_level: int | None
    amount: Decimal | None
    amount_unit: str
    amount_range: str
    time_point: str
    time_point_months: int | None
    population: str
    subtype_group: str
    subtype_group_label: str
    sex: str
    age_min: int | None
    age_max: int | None
    edss_min: Decimal | None
    edss_max: Decimal | None
    regimen: str
    source: SourceRef
    provenance: str
    correction_note: str
    comparison_note: str
    comparator: ComparatorView | None
    text: str
    zero_note: str  # said when no one in the study had the event: none is not the same as impossible
    matches_person: bool  # the population resembles the person's answers
    match_notes: tuple[str, ...]  # how the population differs from the person, in plain words
    prominent: bool = False  # fertility figures when a pregnancy is wished or the person is unsure


@dataclass(frozen=True)
class FigureGroup:
    kind: str
    outcome: str
    outcome_label: str
    figures: tuple[FigureView, ...]


# -- numbers into words ------------------------------------------------------------------------------------


def icons_for(per_100: Decimal | None) -> tuple[int | None, bool]:
    """Whole icons for an array of 100 (half people cannot be drawn), and whether that rounded the value."""
    if per_100 is None:
        return None, False
    whole = int(per_100.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return whole, whole != per_100


def _icons_note(per_100: Decimal | None, icons: int | None, rounded: bool, who: str) -> str:
    if not rounded or icons is None:
        return ""
    noun = who if icons != 1 else ("woman" if who == "women" else "person")
    return (
        f"The picture shows {icons} {noun} in 100 because it cannot show part of a person; "
        f"the study figure is {number_plain(per_100)} in 100."
    )


def _when(figure: FigureData) -> str:
    months = figure.time_point_months
    if months is None:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f" {years} year{'s' if years != 1 else ''} after treatment"
    return f" {months} month{'s' if months != 1 else ''} after treatment"


def _who(figure: FigureData) -> str:
    return "women" if figure.sex == "female" else "people"


def figure_text(figure: FigureData, *, name_arm: bool | None = None, with_time: bool = True) -> str:
    """A sentence built only from the figure's own fields. The arm is named when another group is shown."""
    name_arm = (figure.has_comparator if name_arm is None else name_arm) and bool(figure.arm)
    who = _who(figure)
    label = figure.label_plain
    if figure.per_100 is None:
        amount = f"{number_plain(figure.amount)} {figure.amount_unit}".strip() if figure.amount is not None else ""
        details = [figure.time_point] + ([f"range {figure.amount_range}"] if figure.amount_range else [])
        return f"{label[:1].upper()}{label[1:]}: {amount} ({'; '.join(details)})."
    value = number_plain(figure.per_100)
    details: list[str] = []
    if with_time and figure.time_point_months is None:
        details.append(figure.time_point)
    if figure.estimate == Estimate.COUNT and figure.numerator is not None and figure.denominator:
        lead = f"{figure.numerator} of {figure.denominator} {who}"
        exact = Decimal(100 * figure.numerator) / Decimal(figure.denominator)
        details.append(f"{'about ' if exact != figure.per_100 else ''}{value} in 100")
    elif figure.estimate in ESTIMATED:
        lead = f"{'about' if name_arm else 'About'} {value} of 100 {who}"
        details.append("estimated")
    else:
        lead = f"{value} of 100 {who}"
    if figure.ci_low is not None and figure.ci_high is not None:
        details.append(f"range {number_plain(figure.ci_low)} to {number_plain(figure.ci_high)}")
    text = f"{lead} {label}{_when(figure) if with_time else ''}"
    if name_arm:
        text = f"{figure.arm}: {text}"
    return f"{text} ({'; '.join(details)})." if details else f"{text}."


def _comparator(figure: FigureData) -> ComparatorView | None:
    if not figure.has_comparator:
        return None
    icons, rounded = icons_for(figure.comparator_per_100)
    if figure.comparator_per_100 is None:
        text = f"{figure.comparator_label}: {figure.comparison_note or 'see the study'}."
    else:
        # The comparator group in the same words and format as the aHSCT group; its time is left out because a
        # comparator may be measured at another time (e.g. "before aHSCT").
        twin = replace(
            figure,
            arm=figure.comparator_label,
            numerator=figure.comparator_numerator,
            denominator=figure.comparator_denominator,
            per_100=figure.comparator_per_100,
            ci_low=None,
            ci_high=None,
            comparator_label="",
            comparator_per_100=None,
        )
        text = figure_text(twin, name_arm=True, with_time=False)
    return ComparatorView(
        label=figure.comparator_label,
        numerator=figure.comparator_numerator,
        denominator=figure.comparator_denominator,
        per_100=figure.comparator_per_100,
        icons=icons,
        icons_rounded=rounded,
        text=text,
    )


def _zero_note(figure: FigureData) -> str:
    if figure.per_100 is not None and figure.per_100 == 0 and figure.kind == "risk":
        size = f"the {figure.denominator} {_who(figure)} in this study" if figure.denominator else "this study"
        return f"None of {size} {figure.label_plain}. That does not mean it cannot happen."
    return ""


# -- how closely a population resembles the person --------------------------------------------------------


def person_group(profile: Profile) -> str | None:
    if profile.is_relapsing:
        return SubtypeGroup.RELAPSING.value
    if profile.is_progressive:
        return SubtypeGroup.PROGRESSIVE.value
    return None


def group_rank(profile: Profile, subtype_group: str) -> int:
    """0: the person's own group; 1: mixed (or any MS group when the subtype is unsure); 2: other; 3: not MS."""
    if subtype_group == SubtypeGroup.AUTOIMMUNE:
        return 3
    own = person_group(profile)
    if subtype_group in (SubtypeGroup.SECONDARY_PROGRESSIVE, SubtypeGroup.PRIMARY_PROGRESSIVE):
        subtype_group = SubtypeGroup.PROGRESSIVE
    if own is None:
        return 0 if subtype_group == SubtypeGroup.MIXED else 1
    if subtype_group == own:
        return 0
    return 1 if subtype_group == SubtypeGroup.MIXED else 2


def sex_applies(profile: Profile, figure_sex: str) -> bool:
    return figure_sex == "any" or (figure_sex == "female" and profile.sex in ("female", "other"))


def bounds_plain(low, high, unit: str) -> str:
    if low is not None and high is not None:
        return f"{unit} {low} to {high}"
    if low is not None:
        return f"{unit} {low} or more"
    return f"{unit} {high} or less"


def _range_notes(profile: Profile, figure: FigureData) -> tuple[list[str], bool]:
    """Plain notes on age and EDSS ranges the figure states, and whether the person is clearly outside one."""
    notes, outside = [], False
    low, high = figure.age_min, figure.age_max
    if (low is not None and profile.age < low) or (high is not None and profile.age > high):
        outside = True
        notes.append(f"The study took people {bounds_plain(low, high, 'aged')}.")
    span = profile.edss_range
    e_low, e_high = figure.edss_min, figure.edss_max
    if e_low is not None or e_high is not None:
        described = bounds_plain(e_low, e_high, "with an EDSS of")
        if span is None:
            notes.append(f"The study took people {described}; your EDSS is not known.")
        elif (e_high is not None and span[0] > e_high) or (e_low is not None and span[1] < e_low):
            outside = True
            notes.append(f"The study took people {described}.")
    return notes, outside


def outside_stated_ranges(profile: Profile, figure: FigureData) -> bool:
    """The figure states an age or EDSS range that the person's answers are clearly outside."""
    return _range_notes(profile, figure)[1]


def match_notes(profile: Profile, figure: FigureData) -> tuple[tuple[str, ...], bool]:
    notes: list[str] = []
    rank = group_rank(profile, figure.subtype_group)
    if rank == 3:
        notes.append("This study was about several autoimmune diseases, not only MS.")
    elif person_group(profile) is None:
        if figure.subtype_group != SubtypeGroup.MIXED:
            notes.append(f"This study was in people with {GROUP_PLAIN[figure.subtype_group]}.")
    elif rank == 1:
        notes.append("This study included people with relapsing and people with progressive MS.")
    elif rank == 2:
        notes.append(
            f"This study was in people with {GROUP_PLAIN[figure.subtype_group]}; your answers "
            f"say {GROUP_PLAIN[person_group(profile)]}."
        )
    range_notes, outside = _range_notes(profile, figure)
    notes.extend(range_notes)
    return tuple(notes), rank == 0 and not outside


def figure_view(figure: FigureData, *, profile: Profile, prominent: bool = False) -> FigureView:
    icons, rounded = icons_for(figure.per_100)
    notes, matches = match_notes(profile, figure)
    return FigureView(
        key=figure.key,
        kind=figure.kind,
        outcome=figure.outcome,
        outcome_label=OUTCOME_LABELS.get(figure.outcome, figure.outcome),
        label_plain=figure.label_plain,
        label_technical=figure.label_technical,
        arm=figure.arm,
        per_100=figure.per_100,
        per_100_computed=figure.per_100_computed,
        icons=icons,
        icons_rounded=rounded,
        icons_note=_icons_note(figure.per_100, icons, rounded, _who(figure)),
        numerator=figure.numerator,
        denominator=figure.denominator,
        estimate=figure.estimate,
        estimate_label=ESTIMATE_LABELS.get(figure.estimate, figure.estimate),
        is_estimate=figure.estimate in ESTIMATED,
        ci_low=figure.ci_low,
        ci_high=figure.ci_high,
        ci_level=figure.ci_level,
        amount=figure.amount,
        amount_unit=figure.amount_unit,
        amount_range=figure.amount_range,
        time_point=figure.time_point,
        time_point_months=figure.time_point_months,
        population=figure.population,
        subtype_group=figure.subtype_group,
        subtype_group_label=SUBTYPE_GROUP_LABELS.get(figure.subtype_group, figure.subtype_group),
        sex=figure.sex,
        age_min=figure.age_min,
        age_max=figure.age_max,
        edss_min=figure.edss_min,
        edss_max=figure.edss_max,
        regimen=figure.regimen,
        source=figure.source,
        provenance=figure.provenance,
        correction_note=figure.correction_note,
        comparison_note=figure.comparison_note,
        comparator=_comparator(figure),
        text=figure_text(figure),
        zero_note=_zero_note(figure),
        matches_person=matches,
        match_notes=notes,
        prominent=prominent,
    )


# -- choosing the key figure for each outcome ------------------------------------------------------------


def _size(figure: FigureData) -> int:
    return figure.denominator or figure.source.n_patients or 0


def selection_rank(profile: Profile, figure: FigureData) -> tuple:
    """Lower is better: the person's population group, no stated range excluding them, a single study rather
    than a pooled estimate, a fixed time point, the larger then the more recent study, the time point
    nearest 5 years (so outcomes line up), then the editors' display order."""
    _, outside = _range_notes(profile, figure)
    months = figure.time_point_months
    return (
        group_rank(profile, figure.subtype_group),
        outside,
        figure.estimate == Estimate.POOLED,
        months is None,
        -_size(figure),
        -(figure.source.year or 0),
        abs(months - 60) if months is not None else 0,
        figure.display_order,
        figure.key,
    )


def candidates(profile: Profile, evidence: Evidence, *, kind: str, outcome: str) -> list[FigureData]:
    """Published figures for an outcome that can fill an icon array and concern this person."""
    return [
        f
        for f in evidence.figures
        if f.kind == kind
        and f.outcome == outcome
        and f.per_100 is not None
        and sex_applies(profile, f.sex)
        and f.subtype_group != SubtypeGroup.AUTOIMMUNE
    ]


def choose_key_figure(profile: Profile, evidence: Evidence, *, kind: str, outcome: str) -> FigureData | None:
    options = candidates(profile, evidence, kind=kind, outcome=outcome)
    return min(options, key=lambda f: selection_rank(profile, f)) if options else None


def wants_fertility_information(profile: Profile) -> bool:
    return profile.sex in ("female", "other")


def fertility_prominent(profile: Profile) -> bool:
    return wants_fertility_information(profile) and profile.pregnancy_wish in ("yes", "unsure")


def is_fertility_figure(figure: FigureData) -> bool:
    return figure.outcome in FERTILITY_OUTCOMES or figure.sex == "female"
