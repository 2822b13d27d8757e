"""What the printable summaries show, arranged from one Assessment: plain functions, no request, no ORM.

Nothing here computes a verdict or a figure: it groups and orders what `assess()` already decided, so that the
templates only lay it out. Used by the HTML summary pages, their PDFs and the PDF benchmark.
"""
from dataclasses import dataclass
from itertools import zip_longest
from datetime import date

from decisionaid.assessment.assess import (
    BORDERLINE_VERDICT, INCOMPLETE, MEETS, OUTSIDE_VERDICT, Assessment, GuidelineResult,
)
from decisionaid.assessment.checks import MET, NOT_MET, UNKNOWN, CriterionResult, number_plain, treatments_plain
from decisionaid.assessment.evidence import Evidence, SourceRef
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext as _, gettext_lazy

from decisionaid.assessment.figures import FigureView
from decisionaid.assessment.outcomes import OutcomeView
from decisionaid.assessment.profile import Profile
from decisionaid.assessment.questions import unknown_answers_question
from decisionaid.assessment.read_back import PREGNANCY, WALKING, YES_NO_UNKNOWN

from .results_pages import fertility_outcomes, shows_norway

PATIENT = "patient"
LARGE_PRINT = "large-print"  # the patient summary in large print: the same content, bigger
CLINICIAN = "clinician"

# Short headings for each verdict; the full sentence is the assessment's own `verdict_plain`.
VERDICT_HEADING = {
    MEETS: gettext_lazy("Your answers match"),
    BORDERLINE_VERDICT: gettext_lazy("Your answers partly match"),
    OUTSIDE_VERDICT: gettext_lazy("Your answers are outside what it describes"),
    INCOMPLETE: gettext_lazy("Cannot be completed yet"),
}
# The same for several guidelines named together.
OUTSIDE_HEADING_PLURAL = gettext_lazy("Your answers are outside what they describe")
VERDICT_CLINICAL = {
    MEETS: gettext_lazy("Meets all criteria"),
    BORDERLINE_VERDICT: gettext_lazy("Borderline (“may be considered”)"),
    OUTSIDE_VERDICT: gettext_lazy("Outside the guideline"),
    INCOMPLETE: gettext_lazy("Incomplete: unknown answers leave criteria open"),
}
EFFECT_CLINICAL = {"borderline": gettext_lazy("borderline"), "outside": gettext_lazy("outside")}
SUBTYPE_CLINICAL = {
    "rrms": gettext_lazy("Relapsing-remitting MS (RRMS)"),
    "spms_active": gettext_lazy("Active secondary progressive MS (relapses or MRI activity)"),
    "spms": gettext_lazy("Non-active secondary progressive MS"),
    "ppms": gettext_lazy("Primary progressive MS (PPMS)"),
    "unsure": gettext_lazy("Not known (patient unsure of the phenotype)"),
}
SEX_CLINICAL = {"female": gettext_lazy("Female"), "male": gettext_lazy("Male"), "other": gettext_lazy("Other or not stated")}


@dataclass(frozen=True)
class CriterionLine:
    label: str
    threshold: str


@dataclass(frozen=True)
class GuidelineSummary:
    """One guideline on the patient summary: the verdict, then its points grouped by result."""

    guideline: GuidelineResult
    heading: str
    matches: tuple[str, ...]
    not_matched: tuple[CriterionLine, ...]
    not_known: tuple[str, ...]  # labels only: the questions list says what to ask


@dataclass(frozen=True)
class CriterionRow:
    """One row of the clinician's criterion table."""

    criterion: CriterionResult
    result: str  # "Met", "Not met (borderline)", "Not met (outside)", "Unknown"


@dataclass(frozen=True)
class GuidelineTable:
    guideline: GuidelineResult
    verdict: str
    rows: tuple[CriterionRow, ...]


@dataclass(frozen=True)
class ProfileLine:
    label: str
    value: str


@dataclass(frozen=True)
class FigureSection:
    title: str
    figures: tuple[FigureView, ...]


@dataclass(frozen=True)
class PatientFigure:
    outcome: OutcomeView  # its title, the range across studies and pooled estimates
    figure: FigureView  # the headline: the picture
    who: str  # the reference class in a few words (the full population is in the clinician handout)


@dataclass(frozen=True)
class PatientFigureSection:
    kind: str  # benefit / risk / fertility
    title: str
    items: tuple[PatientFigure, ...]


@dataclass(frozen=True)
class Reference:
    number: int
    source: SourceRef


# -- the patient summary ----------------------------------------------------------------------------------


def _criterion_line(criterion: CriterionResult) -> CriterionLine:
    # The threshold goes in brackets inside a sentence: without its own full stop.
    return CriterionLine(label=criterion.label_plain, threshold=criterion.threshold.rstrip(". "))


@dataclass(frozen=True)
class GuidelineGroup:
    """Guidelines with the same verdict, said once; then each one's points."""

    heading: str
    verdict_plain: str
    verdict: str
    items: tuple[GuidelineSummary, ...]


def guideline_groups(assessment: Assessment) -> tuple[GuidelineGroup, ...]:
    by_verdict: dict[str, list[GuidelineSummary]] = {}
    for item in guideline_summaries(assessment):
        by_verdict.setdefault(item.guideline.verdict, []).append(item)
    groups = []
    for verdict, items in by_verdict.items():
        names = [i.guideline.short_name for i in items]
        who = get_text_list(names, _("and"))
        heading = OUTSIDE_HEADING_PLURAL if verdict == OUTSIDE_VERDICT and len(items) > 1 else items[0].heading
        groups.append(GuidelineGroup(f"{who}: {heading}", items[0].guideline.verdict_plain, verdict, tuple(items)))
    return tuple(groups)


def guideline_summaries(assessment: Assessment) -> tuple[GuidelineSummary, ...]:
    return tuple(
        GuidelineSummary(
            guideline=g,
            heading=VERDICT_HEADING[g.verdict],
            matches=tuple(c.label_plain for c in g.criteria if c.result == MET),
            not_matched=tuple(_criterion_line(c) for c in g.criteria if c.result == NOT_MET),
            not_known=tuple(c.label_plain for c in g.criteria if c.result == UNKNOWN),
        )
        for g in assessment.guidelines
    )



def guideline_notes(assessment: Assessment) -> tuple[str, ...]:
    """The criteria's notes, each once, for under the three guidelines; not the first-line trial note (shown on
    its own) nor the approximate-EDSS notes (the answers say it)."""
    notes = (
        c.note
        for g in assessment.guidelines
        for c in g.criteria
        if c.note and not c.approximate and c.note != assessment.first_line_trial_note
    )
    return tuple(dict.fromkeys(notes))


def who_plain(figure: FigureView, profile: Profile) -> str:
    """Who the figure is about, in a few words, then how they differ from the person (the assessment's notes)."""
    return " ".join([figure.who + "."] + list(figure.match_notes))


def patient_figure_sections(assessment: Assessment) -> tuple[PatientFigureSection, ...]:
    """The key benefits and harms, each drawn the same way with the range across studies; for a person who may
    want a child, the other periods and fertility outcomes too."""
    key = [o for o in assessment.outcomes if o.is_key and o.headline is not None]
    sections = [
        ("benefit", _("Possible benefits"), [o for o in key if o.kind == "benefit"]),
        ("risk", _("Possible harms"), [o for o in key if o.kind == "risk"]),
    ]
    if assessment.fertility_prominent:
        # The other periods and fertility outcomes, one picture per study: another report of the same women
        # (periods came back, and did not, in the same Italian cohort) is on the fertility page only.
        shown_topics, shown_cohorts, extra = {o.topic for o in key}, set(), []
        for outcome in fertility_outcomes(assessment):
            cohort = outcome.headline.source.cohort if outcome.headline else None
            if outcome.headline is None or outcome.topic in shown_topics or cohort in shown_cohorts:
                continue
            extra.append(outcome)
            shown_cohorts.add(cohort)
        sections.append(("fertility", _("Periods and fertility"), extra))
    return tuple(
        PatientFigureSection(
            kind, title,
            tuple(PatientFigure(o, o.headline, who_plain(o.headline, assessment.profile)) for o in outcomes),
        )
        for kind, title, outcomes in sections
        if outcomes
    )


# From this many unknown answers, the printed summary asks for them in one question (with room to write them).
COMBINE_UNKNOWN_FROM = 3


def summary_questions(assessment: Assessment) -> tuple[str, ...]:
    """The questions as the printed summary lists them: when several answers were not known, one question asks
    for them all (the results page lists each), so that the list stays short enough to use at an appointment."""
    unknown = [a for a in assessment.unknown_answers if a.question in assessment.questions]
    if len(unknown) < COMBINE_UNKNOWN_FROM:
        return assessment.questions
    asked = {a.question for a in unknown}
    rest = tuple(q for q in assessment.questions if q not in asked)
    return (unknown_answers_question(unknown),) + rest


@dataclass(frozen=True)
class FigurePair:
    """A benefit and a harm, side by side on paper (either may be missing when their numbers differ)."""

    benefit: PatientFigure | None
    harm: PatientFigure | None


def figure_pairs(sections: tuple[PatientFigureSection, ...]) -> tuple[FigurePair, ...]:
    """The key benefits beside the key harms, row by row: the same format, the same weight on the page."""
    by_kind = {section.kind: section.items for section in sections}
    benefits, harms = by_kind.get("benefit", ()), by_kind.get("risk", ())
    return tuple(FigurePair(b, h) for b, h in zip_longest(benefits, harms))


def practical_figures(assessment: Assessment) -> tuple[FigureView, ...]:
    """The practical figures (e.g. days in hospital): what having the treatment is like."""
    return assessment.practical


# -- the clinician handout --------------------------------------------------------------------------------


def _result_clinical(criterion: CriterionResult) -> str:
    if criterion.result == MET:
        return _("Met")
    if criterion.result == UNKNOWN:
        return _("Unknown")
    effect = EFFECT_CLINICAL.get(criterion.effect or "")
    return _("Not met (%(effect)s)") % {"effect": effect} if effect else _("Not met")


def guideline_tables(assessment: Assessment) -> tuple[GuidelineTable, ...]:
    return tuple(
        GuidelineTable(
            guideline=g,
            verdict=VERDICT_CLINICAL[g.verdict],
            rows=tuple(CriterionRow(c, _result_clinical(c)) for c in g.criteria),
        )
        for g in assessment.guidelines
    )


def clinical_profile(assessment: Assessment, *, evidence: Evidence) -> tuple[ProfileLine, ...]:
    """The profile in clinical terms. The EDSS is the assessment's own wording: exact, or "approximately ...
    (from walking range)"."""
    profile = assessment.profile
    walking = WALKING.get(profile.walking_range or "")
    duration = profile.disease_duration_years
    relapses = profile.relapses_12m
    contraindicated = {True: _("Yes"), False: _("No"), None: _("Not known")}[profile.high_efficacy_contraindicated]
    lines = [
        ProfileLine(_("Completed by"), _("Clinician") if profile.role == "clinician" else _("Patient")),
        ProfileLine(_("Age"), _("%(age)s years") % {"age": profile.age}),
        ProfileLine(_("Sex"), SEX_CLINICAL[profile.sex]),
        ProfileLine(_("Phenotype"), SUBTYPE_CLINICAL[profile.subtype]),
        ProfileLine(
            _("Disease duration"),
            _("Not known") if duration is None
            else _("%(years)s years since first symptoms") % {"years": number_plain(duration)},
        ),
        ProfileLine(_("EDSS"), assessment.edss_value),
    ]
    if walking:
        lines.append(ProfileLine(_("Walking range (patient-reported)"), walking))
    lines += [
        ProfileLine(_("Relapses, last 12 months"), _("Not known") if relapses is None else str(relapses)),
        ProfileLine(_("New/enlarging T2 or Gd+ lesions, last 12 months"), YES_NO_UNKNOWN[profile.mri_activity_12m]),
        ProfileLine(_("Disability worsening, last 12 months"), YES_NO_UNKNOWN[profile.disability_worsened_12m]),
        ProfileLine(_("DMTs"), treatments_plain(profile, evidence)),
        ProfileLine(_("High-efficacy DMT contraindicated"), contraindicated),
        ProfileLine(_("Wishes a pregnancy in future"), PREGNANCY[profile.pregnancy_wish]),
    ]
    return tuple(lines)


@dataclass(frozen=True)
class ClinicianOutcome:
    """One key outcome in the handout: every eligible study (the headline first), pooled estimates, the range."""

    outcome: OutcomeView
    rows: tuple[FigureView, ...]


def clinician_outcomes(assessment: Assessment) -> tuple[ClinicianOutcome, ...]:
    """The key outcomes (benefits, then harms), then the periods and fertility outcomes for women."""
    chosen = [o for o in assessment.outcomes if o.is_key and o.headline is not None]
    chosen += [o for o in fertility_outcomes(assessment) if o not in chosen and o.headline is not None]
    return tuple(ClinicianOutcome(o, o.studies + o.pooled) for o in chosen)


def clinician_figure_sections(assessment: Assessment) -> tuple[FigureSection, ...]:
    sections = [
        FigureSection(_("Comparative figures (aHSCT and a comparator group)"), assessment.comparisons),
    ]
    return tuple(section for section in sections if section.figures)


def abroad_statements(assessment: Assessment) -> tuple:
    """The dated statements the treatment-abroad section of a summary shows (none when it does not apply)."""
    abroad = assessment.abroad
    if abroad is None:
        return ()
    return abroad.centres + abroad.estimates + (abroad.norway if shows_norway(get_language()) else ())


def cited_sources(assessment: Assessment) -> tuple[Reference, ...]:
    """Every source the handout cites, once, in order of first mention: guidelines, figures, factors, trials."""
    sources: dict[str, SourceRef] = {}
    for g in assessment.guidelines:
        sources.setdefault(g.source.key, g.source)
    for item in clinician_outcomes(assessment):
        for figure in item.rows:
            sources.setdefault(figure.source.key, figure.source)
    for section in clinician_figure_sections(assessment):
        for figure in section.figures:
            sources.setdefault(figure.source.key, figure.source)
    for factor in assessment.factors:
        for source in factor.sources:
            sources.setdefault(source.key, source)
    for match in assessment.trials:
        if match.trial.source is not None:
            sources.setdefault(match.trial.source.key, match.trial.source)
    for statement in abroad_statements(assessment):
        sources.setdefault(statement.source.key, statement.source)
    return tuple(Reference(number, source) for number, source in enumerate(sources.values(), start=1))


# -- both -------------------------------------------------------------------------------------------------


def pdf_filename(kind: str, made_on: date) -> str:
    name = {CLINICIAN: "ahsct-clinician-handout", LARGE_PRINT: "ahsct-summary-large-print"}.get(kind, "ahsct-summary")
    return f"{name}-{made_on.isoformat()}.pdf"


# The patient summary's page limit, and how many benefit-and-harm pairs keep their pictures when the whole
# summary would not fit otherwise (the others are then said in words, benefits and harms alike).
PATIENT_MAX_PAGES = 3
COMPACT_PICTURED_PAIRS = 3


def summary_context(
    assessment: Assessment, *, kind: str, made_on: date, evidence: Evidence, compact: bool = False
) -> dict:
    """Everything a summary template needs, for the patient summary or the clinician handout. `compact`: the
    patient summary with its last benefit-and-harm pairs in words, for when the full one runs too long."""
    context = {
        "assessment": assessment, "made_on": made_on, "kind": kind, "large_print": kind == LARGE_PRINT,
        "show_norway": shows_norway(get_language()),
        "compact": compact,
    }
    if kind == CLINICIAN:
        context.update(
            profile_lines=clinical_profile(assessment, evidence=evidence),
            guideline_tables=guideline_tables(assessment),
            outcomes=clinician_outcomes(assessment),
            figure_sections=clinician_figure_sections(assessment),
            references=cited_sources(assessment),
        )
    else:
        context.update(
            guideline_summaries=guideline_summaries(assessment),
            guideline_groups=guideline_groups(assessment),
            questions=summary_questions(assessment),
            guideline_notes=guideline_notes(assessment),
            figure_sections=patient_figure_sections(assessment),
            practical_figures=practical_figures(assessment),
            passages=evidence.passages,
        )
        pairs = figure_pairs(patient_figure_sections(assessment))
        pictured = pairs[:COMPACT_PICTURED_PAIRS] if compact else pairs
        context.update(
            figure_pairs=pictured,
            figure_words=tuple(item for pair in pairs[len(pictured):] for item in (pair.benefit, pair.harm) if item),
        )
    return context
