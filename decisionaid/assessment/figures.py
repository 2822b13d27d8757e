"""Published figures as the pages show them.

Every view carries the published value untouched (`per_100`), its source, population, time point and kind of
estimate, and sentences built only from those fields: `text` in plain words for patients (no confidence levels,
hazard ratios, p-values or regimen names), `text_clinical` for the clinician view and handout. Only the icon
count and the "about N in 100" of the plain sentence are rounded, and both say so.
"""
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from decisionaid.evidence.choices import Estimate, Outcome, SubtypeGroup

from .checks import number_plain
from .evidence import FigureData, SourceRef
from .population import is_eligible, population_notes, types_plain
from .profile import Profile
from .selection import sex_applies, size, topic_of  # noqa: F401  (sex_applies: used by assess)

FERTILITY_OUTCOMES = (
    Outcome.OVARIAN_FAILURE.value, Outcome.MENSES_NOT_RECOVERED.value, Outcome.MENSES_RECOVERED.value,
    Outcome.PREGNANCY.value,
)
ESTIMATED = (Estimate.KAPLAN_MEIER.value, Estimate.POOLED.value, Estimate.CUMULATIVE_INCIDENCE.value)
ESTIMATE_LABELS = dict(Estimate.choices)
SUBTYPE_GROUP_LABELS = dict(SubtypeGroup.choices)


def _titles() -> dict[str, str]:
    """One plain title per outcome (the deaths share one: selection.RISK_TOPICS)."""
    return {
        "neda": _("No signs of MS activity"),
        "relapse_free": _("No relapses"),
        "mri_activity_free": _("No new MRI activity"),
        "progression_free": _("No lasting worsening of disability"),
        "event_free": _("No relapse, no new MRI activity and no worsening"),
        "disability_improved": _("Less disability than before"),
        "disability_stable": _("The same disability as before"),
        "disability_worsened": _("Disability got worse"),
        "treatment_failure": _("Treatment did not work (the trial's own measure)"),
        "working": _("Working full-time"),
        "death": _("Deaths linked to the treatment"),
        "febrile_neutropenia": _("Fever while white blood cells were very low"),
        "severe_adverse_event": _("A serious side effect"),
        "viral_reactivation": _("A virus became active again"),
        "herpes_zoster": _("Shingles"),
        "thyroid": _("Thyroid disease"),
        "secondary_autoimmune": _("Another autoimmune disease"),
        "itp": _("Low platelets caused by the immune system (ITP)"),
        "ovarian_failure": _("Periods stopped for more than a year"),
        "menses_not_recovered": _("Periods did not come back"),
        "menses_recovered": _("Periods came back"),
        "pregnancy": _("Became pregnant after treatment"),
        "hospital_stay": _("Time in hospital"),
        "other": _("Other"),
    }


def topic_title(topic: str) -> str:
    return _titles().get(topic, topic)


@dataclass(frozen=True)
class ComparatorView:
    label: str
    label_plain: str
    numerator: int | None
    denominator: int | None
    per_100: Decimal | None
    icons: int | None
    icons_rounded: bool
    text: str


@dataclass(frozen=True)
class CaveatView:
    key: str
    text: str
    source: SourceRef


@dataclass(frozen=True)
class FigureView:
    key: str
    kind: str
    outcome: str
    topic: str  # the title it is shown under (deaths of every kind share one)
    outcome_label: str  # that title in words
    label_plain: str
    label_technical: str
    arm: str
    arm_plain: str
    per_100: Decimal | None  # exactly as published (or computed from published counts, see per_100_computed)
    per_100_computed: bool
    icons: int | None  # per_100 rounded to whole people for an icon array of 100
    icons_rounded: bool
    icons_note: str
    numerator: int | None
    denominator: int | None
    size: int  # people the figure is about (its denominator, else the study's size)
    estimate: str
    estimate_label: str
    is_estimate: bool
    is_pooled: bool
    ci_low: Decimal | None
    ci_high: Decimal | None
    ci_level: int | None
    amount: Decimal | None
    amount_unit: str
    amount_range: str
    time_point: str
    time_point_months: int | None
    population: str  # the study's own description (clinician view)
    who: str  # the study's people in a few plain words, with their number and country
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
    comparison_kind: str  # treatment / regimen / before_after, or "" without a comparator
    comparator: ComparatorView | None
    text: str  # plain sentence: the picture's text equivalent
    text_short: str  # the same without restating what was measured, beside its title (the printed summary)
    text_clinical: str
    range_plain: str  # the study's uncertainty range in words, "" when there is none
    zero_note: str  # said when no one in the study had the event: none is not the same as impossible
    matches_person: bool  # the study's people match the person (selection: eligible)
    match_notes: tuple[str, ...]  # how the study's people differ from the person, in plain words
    caveats: tuple[CaveatView, ...] = ()
    companion_text: str = ""  # the sentence of the figure always shown with this one
    prominent: bool = False  # fertility figures when a pregnancy is wished or the person is unsure


# -- numbers into words ------------------------------------------------------------------------------------


def icons_for(per_100: Decimal | None) -> tuple[int | None, bool]:
    """Whole icons for an array of 100 (half people cannot be drawn), and whether that rounded the value."""
    if per_100 is None:
        return None, False
    whole = int(per_100.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return whole, whole != per_100


def _icons_note(per_100: Decimal | None, icons: int | None, rounded: bool, women: bool) -> str:
    """Said wherever the picture rounds a figure: a picture cannot show part of a person."""
    if not rounded or icons is None:
        return ""
    if icons == 1:
        noun = _("woman") if women else _("person")
    else:
        noun = _("women") if women else _("people")
    return _("The picture rounds %(value)s to %(icons)s whole %(noun)s.") % {
        "value": number_plain(per_100), "icons": icons, "noun": noun,
    }


def _who_word(figure: FigureData) -> str:
    return _("women") if figure.sex == "female" else _("people")


def _when(figure: FigureData) -> str:
    """The time in the sentence: "5 years after treatment", or the figure's own words."""
    months = figure.time_point_months
    if months is None:
        return f" {figure.time_point}" if figure.time_point else ""
    if months % 12 == 0:
        years = months // 12
        return " " + (_("1 year after treatment") if years == 1 else _("%(n)s years after treatment") % {"n": years})
    return " " + (_("1 month after treatment") if months == 1 else _("%(n)s months after treatment") % {"n": months})


def in_100_plain(value: Decimal, noun: str = "") -> str:
    """ "about 18 in 100 (18.4 in the study)", "73 in 100 people", "fewer than 1 in 100 (0.19 in the study)"."""
    whole, rounded = icons_for(value)
    noun = f" {noun}" if noun else ""
    if not rounded:
        return _("%(n)s in 100%(noun)s") % {"n": whole, "noun": noun}
    if whole == 0:
        return _("fewer than 1 in 100%(noun)s (%(exact)s in the study)") % {"noun": noun, "exact": number_plain(value)}
    return _("about %(n)s in 100%(noun)s (%(exact)s in the study)") % {
        "n": whole, "noun": noun, "exact": number_plain(value),
    }


def range_plain(figure: FigureData) -> str:
    if figure.ci_low is None or figure.ci_high is None:
        return ""
    return _("the study's range: %(low)s to %(high)s in 100") % {
        "low": number_plain(figure.ci_low), "high": number_plain(figure.ci_high),
    }


def figure_text(
    figure: FigureData, *, name_arm: bool | None = None, with_time: bool = True, with_label: bool = True
) -> str:
    """The plain sentence, built only from the figure's own fields: the count or estimate first, then what
    happened and when; then, in a sentence of its own (no brackets inside brackets), what kind of number it is.
    The group is named in plain words when another group is shown beside it."""
    name_arm = (figure.has_comparator if name_arm is None else name_arm) and bool(figure.arm_plain or figure.arm)
    who = _who_word(figure)
    label = figure.label_plain
    when = _when(figure) if with_time else ""
    if figure.per_100 is None:
        amount = f"{number_plain(figure.amount)} {figure.amount_unit}".strip() if figure.amount is not None else ""
        return f"{label[:1].upper()}{label[1:]}: {amount}, {figure.time_point}."
    value = figure.per_100
    if figure.estimate == Estimate.COUNT and figure.numerator is not None and figure.denominator:
        lead = _("%(n)s of %(d)s %(who)s") % {"n": figure.numerator, "d": figure.denominator, "who": who}
        detail = _("That is %(in_100)s.") % {"in_100": in_100_plain(value)}
    else:
        whole, rounded = icons_for(value)
        if whole == 0 and rounded:
            lead = _("Fewer than 1 in 100 %(who)s (%(exact)s in the study)") % {"who": who, "exact": number_plain(value)}
        elif rounded:
            lead = _("About %(n)s in 100 %(who)s (%(exact)s in the study)") % {
                "n": whole, "who": who, "exact": number_plain(value),
            }
        else:
            lead = _("%(n)s in 100 %(who)s") % {"n": whole, "who": who}
        kind = _("This is an estimate") if figure.estimate in ESTIMATED else _("This is the study's percentage")
        spread = range_plain(figure)
        detail = f"{kind}; {spread}." if spread else f"{kind}."
    arm = (figure.arm_plain or figure.arm) if name_arm else ""
    text = f"{lead} {label}{when}." if with_label else f"{lead},{when}."
    if arm:  # "aHSCT: 3 of 55 people ...", the group as written (it may start with "aHSCT")
        text = f"{arm}: {text[:1].lower() if text[:1] != 'A' or text[:2] == 'Ab' else text[:1]}{text[1:]}"
    return f"{text} {detail}"


def text_clinical(figure: FigureData) -> str:
    """One line for clinicians: label, value as published, interval with its level, n/N, time."""
    if figure.per_100 is None:
        return f"{figure.label_technical}: {number_plain(figure.amount)} {figure.amount_unit} ({figure.time_point})"
    parts = [f"{figure.label_technical}: " + _("%(value)s%%") % {"value": number_plain(figure.per_100)}]
    if figure.ci_low is not None and figure.ci_high is not None:
        level = _("%(level)s%% CI") % {"level": figure.ci_level} + " " if figure.ci_level else ""
        parts.append(f"({level}{number_plain(figure.ci_low)}–{number_plain(figure.ci_high)})")
    if figure.numerator is not None and figure.denominator:
        parts.append(f"{figure.numerator}/{figure.denominator}")
    elif figure.denominator:
        parts.append(f"n = {figure.denominator}")
    parts.append(figure.time_point)
    if figure.arm:
        parts.append(figure.arm)
    return f"{parts[0]} " + ", ".join(parts[1:])


def _comparator(figure: FigureData) -> ComparatorView | None:
    if not figure.has_comparator:
        return None
    icons, rounded = icons_for(figure.comparator_per_100)
    label_plain = figure.comparator_label_plain or figure.comparator_label
    if figure.comparator_per_100 is None:
        text = f"{label_plain[:1].upper()}{label_plain[1:]}: {figure.comparison_note or _('see the study')}."
    else:
        # The comparator group in the same words and format as the aHSCT group; its time is left out because a
        # comparator may be measured at another time (e.g. "before aHSCT").
        twin = replace(
            figure,
            arm=figure.comparator_label,
            arm_plain=label_plain,
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
        label_plain=label_plain,
        numerator=figure.comparator_numerator,
        denominator=figure.comparator_denominator,
        per_100=figure.comparator_per_100,
        icons=icons,
        icons_rounded=rounded,
        text=text,
    )


def _zero_note(figure: FigureData) -> str:
    if figure.per_100 is not None and figure.per_100 == 0 and figure.kind == "risk":
        if figure.denominator:
            size_words = _("the %(n)s %(who)s in this study") % {"n": figure.denominator, "who": _who_word(figure)}
        else:
            size_words = _("the people in this study")
        return _("None of %(people)s %(what)s. That does not mean it cannot happen.") % {
            "people": size_words, "what": figure.label_plain.rstrip(","),
        }
    return ""


def who_plain(figure: FigureData) -> str:
    """The study's people in a few words, with their number and country: "174 people with relapsing-remitting
    MS, Sweden". The study's full description is for the clinician view."""
    people = types_plain(figure)
    if figure.sex == "female":
        people = people.replace(_("people"), _("women"), 1)
    pooled = figure.estimate == Estimate.POOLED
    # The number is the figure's own denominator; without one, the study's size is said as the study's.
    words = f"{figure.denominator} {people}" if figure.denominator else people[:1].upper() + people[1:]
    if pooled:
        return _("%(people)s, several studies pooled") % {"people": words}
    country = figure.source.country
    words = f"{words}, {country}" if country else words
    if not figure.denominator and figure.source.n_patients:
        words += " " + _("(a study of %(n)s people)") % {"n": figure.source.n_patients}
    return words


def figure_view(
    figure: FigureData, *, profile: Profile, prominent: bool = False, companion: FigureData | None = None
) -> FigureView:
    icons, rounded = icons_for(figure.per_100)
    return FigureView(
        key=figure.key,
        kind=figure.kind,
        outcome=figure.outcome,
        topic=topic_of(figure.outcome),
        outcome_label=topic_title(topic_of(figure.outcome)),
        label_plain=figure.label_plain,
        label_technical=figure.label_technical,
        arm=figure.arm,
        arm_plain=figure.arm_plain,
        per_100=figure.per_100,
        per_100_computed=figure.per_100_computed,
        icons=icons,
        icons_rounded=rounded,
        icons_note=_icons_note(figure.per_100, icons, rounded, figure.sex == "female"),
        numerator=figure.numerator,
        denominator=figure.denominator,
        size=size(figure),
        estimate=figure.estimate,
        estimate_label=str(ESTIMATE_LABELS.get(figure.estimate, figure.estimate)),
        is_estimate=figure.estimate in ESTIMATED,
        is_pooled=figure.estimate == Estimate.POOLED,
        ci_low=figure.ci_low,
        ci_high=figure.ci_high,
        ci_level=figure.ci_level,
        amount=figure.amount,
        amount_unit=figure.amount_unit,
        amount_range=figure.amount_range,
        time_point=figure.time_point,
        time_point_months=figure.time_point_months,
        population=figure.population,
        who=who_plain(figure),
        subtype_group=figure.subtype_group,
        subtype_group_label=str(SUBTYPE_GROUP_LABELS.get(figure.subtype_group, figure.subtype_group)),
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
        comparison_kind=figure.comparison_kind,
        comparator=_comparator(figure),
        text=figure_text(figure),
        # Deaths keep their words: how each study counted them (from any cause, or from the treatment) matters.
        text_short=figure_text(figure, with_label=topic_of(figure.outcome) == "death"),
        text_clinical=text_clinical(figure),
        range_plain=range_plain(figure),
        zero_note=_zero_note(figure),
        matches_person=is_eligible(profile, figure),
        match_notes=population_notes(profile, figure),
        caveats=tuple(CaveatView(c.key, c.text_plain, c.source) for c in figure.caveats),
        companion_text=figure_text(companion) if companion is not None else "",
        prominent=prominent,
    )


def wants_fertility_information(profile: Profile) -> bool:
    return profile.sex in ("female", "other")


def fertility_prominent(profile: Profile) -> bool:
    return wants_fertility_information(profile) and profile.pregnancy_wish in ("yes", "unsure")


def is_fertility_figure(figure) -> bool:
    return figure.outcome in FERTILITY_OUTCOMES or figure.sex == "female"
