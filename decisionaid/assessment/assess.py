"""`assess(profile=..., evidence=...)`: one pure function from a profile and the published evidence to the
Assessment that every output (results page, printable summary, `manage.py assess`) renders.

It describes, never recommends: verdicts say how the answers compare with what each guideline describes.
"""
from dataclasses import dataclass
from datetime import date

from decisionaid.evidence.choices import Outcome

from .checks import (
    MET, NOT_MET, OUTSIDE, UNKNOWN, CriterionResult, aggressive, edss_plain, open_answers, run_check,
)
from .evidence import Evidence, GuidelineData, SourceRef
from .factors import Factor, factors_for
from .figures import (
    BENEFIT_OUTCOMES,
    RISK_OUTCOMES,
    FigureGroup,
    FigureView,
    choose_key_figure,
    fertility_prominent,
    figure_view,
    group_rank,
    is_fertility_figure,
    match_notes,
    outside_stated_ranges,
    sex_applies,
    wants_fertility_information,
)
from .profile import Profile, ProfileError
from .questions import ANSWER_TEXT, questions_for
from .knowledge import KnowledgeQuestion, knowledge_check
from .read_back import Line, answers_read_back, values_read_back
from .trials import TrialMatch, trials_for

MEETS = "meets"
BORDERLINE_VERDICT = "borderline"
OUTSIDE_VERDICT = "outside"
INCOMPLETE = "incomplete"

VERDICT_PLAIN = {
    MEETS: "Your answers match what this guideline describes as the people most likely to benefit.",
    BORDERLINE_VERDICT: (
        "Your answers partly match what this guideline describes: people like this 'may be considered'. "
        "This is something to discuss."
    ),
    OUTSIDE_VERDICT: "This guideline does not describe people with answers like yours as candidates for aHSCT.",
    INCOMPLETE: (
        "Some answers that decide this comparison are not known yet, so it cannot be completed. The questions "
        "below say what to ask."
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
class MatchedStudy:
    source: SourceRef
    closeness: str  # "close": the person's own MS group and no stated range excludes them; "partly": mixed
    population: str
    notes: tuple[str, ...]
    figure_keys: tuple[str, ...]


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
    matched_studies: tuple[MatchedStudy, ...]
    benefits: tuple[FigureView, ...]
    risks: tuple[FigureView, ...]
    fertility: tuple[FigureView, ...]  # only for women and sex "other"
    fertility_prominent: bool
    comparisons: tuple[FigureView, ...]  # figures with a comparator (e.g. MIST: 3 of 55 vs 34 of 55)
    further_evidence: tuple[FigureGroup, ...]
    factors: tuple[Factor, ...]
    trials: tuple[TrialMatch, ...]  # trials the answers fit or may fit; open ones first
    other_trials: tuple[TrialMatch, ...]  # trials the answers do not fit, with the reasons
    questions: tuple[str, ...]
    values: tuple[ValueAnswer, ...]
    knowledge_questions: tuple[KnowledgeQuestion, ...] = ()
    answers_plain: tuple[Line, ...] = ()  # the person's answers in plain words
    values_plain: tuple[Line, ...] = ()  # what matters to them, in plain words


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
        verdict_plain=VERDICT_PLAIN[verdict],
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
        label, question = ANSWER_TEXT[name]
        answers.append(UnknownAnswer(name, label, question, open_in, bool(open_in)))
    return tuple(sorted(answers, key=lambda a: not a.decides))  # stable: deciding answers first


def _fact_figures(profile: Profile, evidence: Evidence):
    """Published figures that concern this person: fertility figures only for women and sex "other"."""
    for figure in evidence.figures:
        if not sex_applies(profile, figure.sex):
            continue
        if is_fertility_figure(figure) and not wants_fertility_information(profile):
            continue
        yield figure


def matched_studies_for(*, profile: Profile, evidence: Evidence) -> tuple[MatchedStudy, ...]:
    by_source: dict[str, list] = {}
    for figure in _fact_figures(profile, evidence):
        if figure.kind == "practical":
            continue
        notes, matches = match_notes(profile, figure)
        rank = group_rank(profile, figure.subtype_group)
        if outside_stated_ranges(profile, figure) or rank > 1:
            continue
        closeness = "close" if matches else "partly"
        by_source.setdefault(figure.source.key, []).append((closeness, figure, notes))
    studies = []
    for entries in by_source.values():
        best = min(entries, key=lambda e: (e[0] != "close", e[1].display_order))
        closeness, figure, notes = best
        studies.append(
            MatchedStudy(
                source=figure.source,
                closeness=closeness,
                population=figure.population,
                notes=notes,
                figure_keys=tuple(e[1].key for e in entries),
            )
        )
    return tuple(
        sorted(studies, key=lambda s: (s.closeness != "close", -(s.source.n_patients or 0), s.source.short_name))
    )


def key_figures_for(
    *, profile: Profile, evidence: Evidence, kind: str, outcomes: tuple[str, ...]
) -> tuple[FigureView, ...]:
    """For each outcome, the published figure that best matches the person (see figures.selection_rank)."""
    prominent = fertility_prominent(profile)
    views = []
    for outcome in outcomes:
        figure = choose_key_figure(profile, evidence, kind=kind, outcome=outcome)
        if figure is None or (is_fertility_figure(figure) and not wants_fertility_information(profile)):
            continue
        views.append(figure_view(figure, profile=profile, prominent=prominent and is_fertility_figure(figure)))
    return tuple(views)


def further_evidence_for(*, profile: Profile, figures: list, shown_elsewhere: set[str]) -> tuple[FigureGroup, ...]:
    """The other published figures, by kind and outcome; comparisons and fertility have sections of their own."""
    groups: dict[tuple[str, str], list[FigureView]] = {}
    for f in figures:
        if f.key in shown_elsewhere or f.has_comparator or is_fertility_figure(f):
            continue
        groups.setdefault((f.kind, f.outcome), []).append(figure_view(f, profile=profile))
    kind_order = {"benefit": 0, "risk": 1, "practical": 2}
    outcome_order = {value: position for position, value in enumerate(Outcome.values)}
    ordered = sorted(
        groups.items(), key=lambda item: (kind_order.get(item[0][0], 3), outcome_order.get(item[0][1], 99))
    )
    return tuple(
        FigureGroup(kind=kind, outcome=outcome, outcome_label=views[0].outcome_label, figures=tuple(views))
        for (kind, outcome), views in ordered
    )


def assess(*, profile: Profile, evidence: Evidence) -> Assessment:
    validate_dmts(profile=profile, evidence=evidence)
    guidelines = tuple(
        guideline_result(profile=profile, guideline=g, evidence=evidence)
        for g in sorted(evidence.guidelines, key=lambda g: (g.display_order, g.key))
    )
    unknown_answers = unknown_answers_for(profile=profile, guidelines=guidelines)
    tried_he = bool(set(profile.dmts) & evidence.high_efficacy_slugs)
    trial_notes = [c.note for g in guidelines for c in g.criteria if c.points_to_trials]
    first_line_trial_note = trial_notes[0] if trial_notes else ""

    benefits = key_figures_for(profile=profile, evidence=evidence, kind="benefit", outcomes=BENEFIT_OUTCOMES)
    risks = key_figures_for(profile=profile, evidence=evidence, kind="risk", outcomes=RISK_OUTCOMES)
    prominent = fertility_prominent(profile)
    shown = list(_fact_figures(profile, evidence))
    fertility = tuple(
        figure_view(f, profile=profile, prominent=prominent)
        for f in sorted((f for f in shown if is_fertility_figure(f)), key=lambda f: (f.display_order, f.key))
    )
    comparisons = tuple(
        figure_view(f, profile=profile) for f in shown if f.has_comparator and not is_fertility_figure(f)
    )
    further = further_evidence_for(
        profile=profile, figures=shown, shown_elsewhere={view.key for view in benefits + risks}
    )

    factors = factors_for(profile=profile, evidence=evidence)
    trials, other_trials = trials_for(profile=profile, evidence=evidence)
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
        matched_studies=matched_studies_for(profile=profile, evidence=evidence),
        benefits=benefits,
        risks=risks,
        fertility=fertility,
        fertility_prominent=prominent,
        comparisons=comparisons,
        further_evidence=further,
        factors=factors,
        trials=trials,
        other_trials=other_trials,
        questions=questions,
        values=tuple(ValueAnswer(key, answer) for key, answer in profile.values),
        knowledge_questions=knowledge_check(
            guidelines=guidelines, risks=risks, fertility=fertility, show_fertility=bool(fertility)
        ),
        answers_plain=answers_read_back(profile=profile, evidence=evidence, edss_value=edss_plain(profile)),
        values_plain=values_read_back(profile=profile),
    )
