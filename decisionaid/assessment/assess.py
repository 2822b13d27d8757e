"""`assess(profile=..., evidence=...)`: one pure function from a profile and the published evidence to the
Assessment that every output (results pages, printable summaries, `manage.py assess`) renders.

It describes, never recommends: verdicts say how the answers compare with what each guideline describes, and
the figures are chosen by the written selection rule (selection.py), never by how good they look.
"""
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _, gettext_lazy

from .abroad import AbroadEvidence, abroad_evidence
from .checks import (
    MET, NOT_MET, OUTSIDE, UNKNOWN, CriterionResult, aggressive, edss_plain, open_answers, run_check,
)
from .evidence import Evidence, GuidelineData, SourceRef
from .factors import Factor, factors_for
from .figures import FigureView, fertility_prominent, figure_view, is_fertility_figure, wants_fertility_information
from .knowledge import KnowledgeQuestion, knowledge_check
from .outcomes import OutcomeView, outcome_views, overview_outcomes
from .population import OWN_TYPE, PERSON_TYPE_PLAIN, types_included
from .profile import Profile, ProfileError
from .questions import ANSWER_TEXT, questions_for
from .read_back import Line, answers_read_back, values_read_back
from .selection import sex_applies
from .trials import TrialMatch, trials_for

from .verdicts import BORDERLINE_VERDICT, INCOMPLETE, MEETS, OUTSIDE_VERDICT  # noqa: E402  (re-exported)

VERDICT_PLAIN = {
    MEETS: gettext_lazy("Your answers match what this guideline describes as the people most likely to benefit."),
    BORDERLINE_VERDICT: (
        gettext_lazy("Your answers partly match what this guideline describes: people like this 'may be considered'. "
        "This is something to discuss.")
    ),
    OUTSIDE_VERDICT: gettext_lazy("This guideline does not describe people with answers like yours as candidates for aHSCT."),
    INCOMPLETE: (
        gettext_lazy("Some answers that decide this comparison are not known yet, so it cannot be completed. The questions "
        "below say what to ask.")
    ),
}


@dataclass(frozen=True)
class GuidelineResult:
    key: str
    name: str
    short_name: str
    summary_plain: str
    confidence_note: str
    known_through: str
    source: SourceRef
    verdict: str  # meets / borderline / outside / incomplete
    verdict_plain: str
    criteria: tuple[CriterionResult, ...]
    deciding_criteria: tuple[str, ...]  # keys of the criteria that set the verdict (none when it is meets)
    missing: tuple[str, ...]  # profile fields whose unknown answer leaves a criterion open


@dataclass(frozen=True)
class UnknownAnswer:
    field: str
    label_plain: str
    question: str
    guidelines: tuple[str, ...]  # short names of the guidelines whose `incomplete` verdict it holds open
    decides: bool  # it holds at least one verdict open


@dataclass(frozen=True)
class ValueAnswer:
    key: str
    answer: str


@dataclass(frozen=True)
class Assessment:
    profile: Profile
    evidence_version: str | None
    evidence_released_on: date | None
    evidence_reviewed_on: date | None
    guidelines: tuple[GuidelineResult, ...]
    unknown_answers: tuple[UnknownAnswer, ...]
    edss_approximate: bool
    edss_value: str
    aggressive: bool | None  # ≥2 relapses and disability worsened; None when unknown answers leave it open
    treatment_naive: bool
    tried_high_efficacy: bool
    first_line_trial_note: str  # set when first-line aHSCT is considered only within a trial
    outcomes: tuple[OutcomeView, ...]  # every outcome with a figure for this person, each once (outcomes.py)
    overview_benefits: tuple[OutcomeView, ...]  # what the overview shows: as many benefits as harms
    overview_harms: tuple[OutcomeView, ...]
    benefits: tuple[FigureView, ...]  # the headline figure of each key benefit
    risks: tuple[FigureView, ...]  # the headline figure of each key harm (periods stopping among them, for women)
    fertility: tuple[FigureView, ...]  # periods, pregnancy and fertility: only for women and sex "other"
    fertility_prominent: bool
    comparisons: tuple[FigureView, ...]  # figures with a comparator (e.g. MIST: 3 of 55 vs 34 of 55)
    practical: tuple[FigureView, ...]  # what having the treatment is like (e.g. days in hospital)
    no_study_of_own_type: str  # said plainly before any figure when no study was only in the person's type of MS
    first_treatment_evidence: tuple[FigureView, ...]  # studies of aHSCT as a first treatment, for the untreated
    factors: tuple[Factor, ...]
    trials: tuple[TrialMatch, ...]  # recruiting trials, then running ones, then finished ones (background)
    other_trials: tuple[TrialMatch, ...]  # recruiting or running trials the answers do not fit, with the reasons
    questions: tuple[str, ...]
    values: tuple[ValueAnswer, ...]
    knowledge_questions: tuple[KnowledgeQuestion, ...] = ()
    answers_plain: tuple[Line, ...] = ()  # the person's answers in plain words
    values_plain: tuple[Line, ...] = ()  # what matters to them, in plain words
    # For a person thinking of a private clinic or treatment abroad (yes or not sure); None otherwise.
    abroad: AbroadEvidence | None = None

    @property
    def key_outcome_count(self) -> int:
        """How many key benefits and harms the overview links to."""
        return len(self.benefits) + len(self.risks)


def validate_dmts(*, profile: Profile, evidence: Evidence) -> None:
    known = evidence.treatment_by_slug
    for slug in profile.dmts:
        if slug not in known:
            raise ProfileError("dmts", f"'{slug}' is not in the treatment catalogue; known: {', '.join(known)}")


def verdict_for(results: tuple[CriterionResult, ...]) -> tuple[str, tuple[str, ...]]:
    """The generic rule: outside beats unknown, unknown beats borderline; meets only when all are met."""
    outside = tuple(r.key for r in results if r.result == NOT_MET and r.effect == OUTSIDE)
    if outside:
        return OUTSIDE_VERDICT, outside
    unknown = tuple(r.key for r in results if r.result == UNKNOWN)
    if unknown or not results:
        return INCOMPLETE, unknown
    not_met = tuple(r.key for r in results if r.result != MET)
    return (BORDERLINE_VERDICT, not_met) if not_met else (MEETS, ())


def guideline_result(*, profile: Profile, guideline: GuidelineData, evidence: Evidence) -> GuidelineResult:
    results = tuple(
        run_check(profile=profile, criterion=criterion, evidence=evidence)
        for criterion in sorted(guideline.criteria, key=lambda c: (c.order, c.key))
    )
    verdict, deciding = verdict_for(results)
    missing = tuple(dict.fromkeys(field for r in results for field in r.missing))
    return GuidelineResult(
        key=guideline.key,
        name=guideline.name,
        short_name=guideline.short_name,
        summary_plain=guideline.summary_plain,
        confidence_note=guideline.confidence_note,
        known_through=guideline.known_through,
        source=guideline.source,
        verdict=verdict,
        verdict_plain=str(VERDICT_PLAIN[verdict]),
        criteria=results,
        deciding_criteria=deciding,
        missing=missing,
    )


def unknown_answers_for(*, profile: Profile, guidelines: tuple[GuidelineResult, ...]) -> tuple[UnknownAnswer, ...]:
    answers = []
    for name in open_answers(profile):
        # The guidelines whose verdict this answer holds open (not those another answer already puts outside).
        open_in = tuple(g.short_name for g in guidelines if g.verdict == INCOMPLETE and name in g.missing)
        if name == "edss" and profile.edss_is_approximate and not open_in:
            continue  # an approximate EDSS that settles every criterion has its own question
        label, question = (str(text) for text in ANSWER_TEXT[name])
        answers.append(UnknownAnswer(name, label, question, open_in, bool(open_in)))
    return tuple(sorted(answers, key=lambda a: not a.decides))  # stable: deciding answers first


def no_study_of_own_type(*, profile: Profile, evidence: Evidence) -> str:
    """The plain statement that no study in the evidence was only in people with the person's type of MS."""
    own = OWN_TYPE.get(profile.subtype)
    if own is None:
        return ""
    if any(types_included(f) == {own} and not f.includes_other_diseases for f in evidence.figures):
        return ""
    return _(
        "No study in our evidence was only in people with %(type)s: the figures come from studies of several "
        "types of MS."
    ) % {"type": PERSON_TYPE_PLAIN[profile.subtype]}


def first_treatment_evidence(
    *, profile: Profile, evidence: Evidence, headlines: set[str] = frozenset()
) -> tuple[FigureView, ...]:
    """For a person who has had no MS treatment: the studies of aHSCT as a first treatment, wherever they exist
    (their caveats give their size and design), unless already a key outcome's headline."""
    if profile.dmts:
        return ()
    return tuple(
        figure_view(f, profile=profile)
        for f in evidence.figures
        if f.treatment_naive_population and sex_applies(profile, f.sex) and f.key not in headlines
    )


def assess(*, profile: Profile, evidence: Evidence, today: date | None = None) -> Assessment:
    """`today` decides which trial statuses are out of date (older than 12 months); by default, today."""
    validate_dmts(profile=profile, evidence=evidence)
    today = today or date.today()
    guidelines = tuple(
        guideline_result(profile=profile, guideline=g, evidence=evidence)
        for g in sorted(evidence.guidelines, key=lambda g: (g.display_order, g.key))
    )
    unknown_answers = unknown_answers_for(profile=profile, guidelines=guidelines)
    tried_he = bool(set(profile.dmts) & evidence.high_efficacy_slugs)
    trial_notes = [c.note for g in guidelines for c in g.criteria if c.points_to_trials]
    first_line_trial_note = trial_notes[0] if trial_notes else ""

    outcomes = outcome_views(profile=profile, evidence=evidence)
    overview_benefits, overview_harms = overview_outcomes(outcomes)
    fertility_topics = tuple(o for o in outcomes if o.figures and is_fertility_figure(o.figures[0]))
    all_views = [f for o in outcomes for f in o.figures]
    key_headlines = [o.headline for o in outcomes if o.is_key and o.headline is not None]

    factors = factors_for(profile=profile, evidence=evidence)
    trials, other_trials = trials_for(profile=profile, evidence=evidence, today=today)
    questions = questions_for(
        profile=profile,
        unknown_answers=unknown_answers,
        guidelines=guidelines,
        factors=factors,
        trials=trials,
        first_line_trial_note=first_line_trial_note,
        tried_high_efficacy=tried_he,
    )
    release = evidence.release
    return Assessment(
        profile=profile,
        evidence_version=release.version if release else None,
        evidence_released_on=release.released_on if release else None,
        evidence_reviewed_on=release.reviewed_on if release else None,
        guidelines=guidelines,
        unknown_answers=unknown_answers,
        edss_approximate=profile.edss_is_approximate,
        edss_value=edss_plain(profile),
        aggressive=aggressive(profile),
        treatment_naive=not profile.dmts,
        tried_high_efficacy=tried_he,
        first_line_trial_note=first_line_trial_note,
        outcomes=outcomes,
        overview_benefits=overview_benefits,
        overview_harms=overview_harms,
        benefits=tuple(f for f in key_headlines if f.kind == "benefit"),
        risks=tuple(f for f in key_headlines if f.kind == "risk"),
        fertility=tuple(f for o in fertility_topics for f in o.figures),
        fertility_prominent=fertility_prominent(profile),
        comparisons=tuple(f for f in all_views if f.comparator is not None and not is_fertility_figure(f)),
        practical=tuple(f for o in outcomes if o.kind == "practical" for f in o.figures),
        no_study_of_own_type=no_study_of_own_type(profile=profile, evidence=evidence),
        first_treatment_evidence=first_treatment_evidence(
            profile=profile, evidence=evidence, headlines={f.key for f in key_headlines}
        ),
        factors=factors,
        trials=trials,
        other_trials=other_trials,
        questions=questions,
        values=tuple(ValueAnswer(key, answer) for key, answer in profile.values),
        knowledge_questions=knowledge_check(
            guidelines=guidelines, outcomes=outcomes, show_fertility=wants_fertility_information(profile),
        ),
        answers_plain=answers_read_back(profile=profile, evidence=evidence, edss_value=edss_plain(profile)),
        values_plain=values_read_back(profile=profile),
        abroad=abroad_evidence(evidence=evidence, today=today) if profile.considering_treatment_abroad else None,
    )
