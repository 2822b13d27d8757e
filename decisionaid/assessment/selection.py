"""Which figures are put in front of a person: the selection rule, written down (the Evidence page says it in
plain words too, templates/pages/includes/selection_rule.html).

For each key outcome (a benefit or a harm):

1. Eligible figures are the published figures for that outcome whose study's people match the person
   (population.is_eligible): the person's type of MS was included, no age or EDSS range the study states excludes
   them, and the study was not of people with another treatment history. Figures of several autoimmune diseases,
   and figures that cannot fill a picture of 100 people, are never eligible.
2. Reports of the same people are one study (Source.same_cohort_as): each study is represented by one figure,
   its closest by the ranking below, so that no study counts twice.
3. The headline is the closest study's figure: ranked by closeness of population (population.closeness: type of
   MS, treatment history, a regimen still in common use, disability close to the person's), then the size of the
   study, then how recent it is, then the time point nearest 5 years (so that outcomes line up), then the
   editors' display order. Never by the value.
4. The range across all eligible studies is always shown with it: the lowest and the highest figure, each with
   its study and its number of people, so the least favourable figure is never hidden.
5. Pooled estimates (meta-analyses) are not single studies: they are never the headline nor an end of the range,
   and are always shown, as pooled, next to them.
6. When no study of people like the person measured an outcome, the closest figures from other people are shown
   instead (other MS types), each with a note that says so; the outcome is then marked as from other people.
"""
from dataclasses import dataclass

from decisionaid.evidence.choices import Estimate, Outcome

from .evidence import Evidence, FigureData
from .population import closeness, is_eligible, outside_stated_ranges, type_rank, OTHER_TYPE
from .profile import Profile

# The key outcomes, benefits first: (topic key, kind, the outcome values it gathers). One title per topic.
BENEFIT_TOPICS = (
    ("neda", "benefit", (Outcome.NEDA.value,)),
    ("relapse_free", "benefit", (Outcome.RELAPSE_FREE.value,)),
    ("progression_free", "benefit", (Outcome.PROGRESSION_FREE.value,)),
    ("disability_improved", "benefit", (Outcome.DISABILITY_IMPROVED.value,)),
)
RISK_TOPICS = (
    # Every figure on deaths after aHSCT sits under one title, whichever way the study counted them.
    ("death", "risk", (Outcome.DEATH_100_DAYS.value, Outcome.DEATH.value)),
    ("febrile_neutropenia", "risk", (Outcome.FEBRILE_NEUTROPENIA.value,)),
    ("thyroid", "risk", (Outcome.THYROID.value,)),
    ("ovarian_failure", "risk", (Outcome.OVARIAN_FAILURE.value,)),
)
KEY_TOPICS = BENEFIT_TOPICS + RISK_TOPICS
TOPIC_OF_OUTCOME = {outcome: key for key, _, outcomes in KEY_TOPICS for outcome in outcomes}
TARGET_MONTHS = 60


def topic_of(outcome: str) -> str:
    """The title an outcome is shown under: its key topic, or the outcome itself."""
    return TOPIC_OF_OUTCOME.get(outcome, outcome)


def size(figure: FigureData) -> int:
    return figure.denominator or figure.source.n_patients or 0


def rank_key(profile: Profile, figure: FigureData) -> tuple:
    """Lower is better: closeness of population, then size, then recency, then the time point nearest 5 years,
    then the editors' order. The value is never part of it."""
    months = figure.time_point_months
    return (
        closeness(profile, figure).key,
        -size(figure),
        -(figure.source.year or 0),
        abs(months - TARGET_MONTHS) if months is not None else 10_000,
        figure.display_order,
        figure.key,
    )


def can_be_pictured(figure: FigureData) -> bool:
    return figure.per_100 is not None and not figure.includes_other_diseases


def sex_applies(profile: Profile, figure_sex: str) -> bool:
    return figure_sex == "any" or (figure_sex == "female" and profile.sex in ("female", "other"))


@dataclass(frozen=True)
class Selection:
    """The figures chosen for one key outcome, as FigureData (figures.py turns them into views)."""

    topic: str
    kind: str
    headline: FigureData | None
    studies: tuple[FigureData, ...]  # one figure per eligible study, closest first (the headline's first)
    pooled: tuple[FigureData, ...]  # eligible pooled estimates, one per source
    from_other_people: bool  # no eligible study: the figures are the closest ones from other people
    lowest: FigureData | None  # the ends of the range across studies; None when there is one study
    highest: FigureData | None


def _one_per_study(profile: Profile, figures: list[FigureData]) -> tuple[FigureData, ...]:
    best: dict[str, FigureData] = {}
    for figure in sorted(figures, key=lambda f: rank_key(profile, f)):
        best.setdefault(figure.source.cohort or figure.source.key, figure)
    return tuple(best.values())


def _one_per_source(profile: Profile, figures: list[FigureData]) -> tuple[FigureData, ...]:
    best: dict[str, FigureData] = {}
    for figure in sorted(figures, key=lambda f: rank_key(profile, f)):
        best.setdefault(figure.source.key, figure)
    return tuple(best.values())


def select(profile: Profile, evidence: Evidence, *, topic: str, kind: str, outcomes: tuple[str, ...]) -> Selection:
    candidates = [
        f for f in evidence.figures
        if f.kind == kind and f.outcome in outcomes and can_be_pictured(f) and sex_applies(profile, f.sex)
    ]
    eligible = [f for f in candidates if is_eligible(profile, f)]
    from_other_people = not [f for f in eligible if f.estimate != Estimate.POOLED]
    if from_other_people:
        # Nobody like the person: the closest other MS types (never other diseases, never outside a stated range).
        eligible = [
            f for f in candidates
            if type_rank(profile, f) == OTHER_TYPE and not outside_stated_ranges(profile, f)
        ]
    single = [f for f in eligible if f.estimate != Estimate.POOLED]
    pooled = _one_per_source(profile, [f for f in eligible if f.estimate == Estimate.POOLED])
    studies = _one_per_study(profile, single)
    lowest = highest = None
    if len(studies) > 1:
        # Ties at either end go to the closest study, by the same ranking.
        low, top = min(f.per_100 for f in studies), max(f.per_100 for f in studies)
        lowest = min((f for f in studies if f.per_100 == low), key=lambda f: rank_key(profile, f))
        highest = min((f for f in studies if f.per_100 == top), key=lambda f: rank_key(profile, f))
    return Selection(
        topic=topic,
        kind=kind,
        headline=studies[0] if studies else None,
        studies=studies,
        pooled=pooled,
        from_other_people=from_other_people and bool(studies),
        lowest=lowest,
        highest=highest,
    )


def key_selections(profile: Profile, evidence: Evidence) -> tuple[Selection, ...]:
    """Every key outcome that has a figure for this person, benefits first. Periods stopping only for women
    and sex "other"."""
    selections = []
    for topic, kind, outcomes in KEY_TOPICS:
        if topic == "ovarian_failure" and profile.sex not in ("female", "other"):
            continue
        chosen = select(profile, evidence, topic=topic, kind=kind, outcomes=outcomes)
        if chosen.headline is not None:
            selections.append(chosen)
    return tuple(selections)
