"""What each results page shows, arranged from one Assessment: plain functions, no request, no ORM.

Nothing here computes a verdict or a figure: it groups what `assess()` decided, so that the templates only lay
it out (benefits before harms on every page; each outcome once, under its own title).
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from decisionaid.assessment.assess import Assessment, GuidelineResult
from decisionaid.assessment.figures import FigureView, is_fertility_figure
from decisionaid.assessment.outcomes import OutcomeView
from decisionaid.assessment.trials import FINISHED, RECRUITING, RUNNING, TrialMatch


@dataclass(frozen=True)
class VerdictLine:
    """Guidelines that give the same verdict, said once: "EBMT 2020, NMSS 2021 and ECTRIMS/EBMT 2025"."""

    guidelines: tuple[GuidelineResult, ...]
    verdict: str

    @property
    def names(self) -> str:
        names = [g.short_name for g in self.guidelines]
        return names[0] if len(names) == 1 else _("%(first)s and %(last)s") % {
            "first": ", ".join(names[:-1]), "last": names[-1],
        }

    @property
    def anchor(self) -> str:
        return f"guideline-{self.guidelines[0].key}"


def verdict_lines(assessment: Assessment) -> tuple[VerdictLine, ...]:
    """The verdicts, the guidelines that agree grouped into one line (in the guidelines' order)."""
    groups: dict[str, list[GuidelineResult]] = {}
    for guideline in assessment.guidelines:
        groups.setdefault(guideline.verdict, []).append(guideline)
    return tuple(VerdictLine(tuple(g), verdict) for verdict, g in groups.items())


@dataclass(frozen=True)
class OutcomeSection:
    kind: str  # benefit / risk
    key: tuple[OutcomeView, ...]  # the key outcomes, each with its picture
    more: tuple[OutcomeView, ...]  # the other outcomes the studies measured


def _everyday(outcome: OutcomeView) -> bool:
    return outcome.kind in ("benefit", "risk") and not (outcome.figures and is_fertility_figure(outcome.figures[0]))


def outcome_sections(assessment: Assessment) -> tuple[OutcomeSection, ...]:
    """Benefits first, then harms; periods and fertility have a page of their own, practical facts too."""
    sections = []
    for kind in ("benefit", "risk"):
        outcomes = [o for o in assessment.outcomes if o.kind == kind and _everyday(o)]
        sections.append(
            OutcomeSection(
                kind=kind,
                key=tuple(o for o in outcomes if o.is_key and o.headline is not None),
                more=tuple(o for o in outcomes if not (o.is_key and o.headline is not None)),
            )
        )
    return tuple(sections)


def fertility_outcomes(assessment: Assessment) -> tuple[OutcomeView, ...]:
    return tuple(o for o in assessment.outcomes if o.figures and is_fertility_figure(o.figures[0]))


@dataclass(frozen=True)
class TrialGroups:
    recruiting: tuple[TrialMatch, ...]
    running: tuple[TrialMatch, ...]
    finished: tuple[TrialMatch, ...]
    not_fitting: tuple[TrialMatch, ...]


def trial_groups(assessment: Assessment) -> TrialGroups:
    def of(group: str) -> tuple[TrialMatch, ...]:
        return tuple(m for m in assessment.trials if m.group == group)

    return TrialGroups(recruiting=of(RECRUITING), running=of(RUNNING), finished=of(FINISHED),
                       not_fitting=assessment.other_trials)


@dataclass(frozen=True)
class ComparisonGroup:
    kind: str  # treatment / regimen / before_after
    figures: tuple[FigureView, ...]


COMPARISON_ORDER = ("treatment", "regimen", "before_after")


def comparison_groups(assessment: Assessment) -> tuple[ComparisonGroup, ...]:
    """Comparisons with MS drugs first, then between two kinds of chemotherapy, then before and after. Only
    those that picture both groups the same way (per 100): the others (a mean, a statistic) are in the
    clinician handout, and their aHSCT group with its outcome."""
    pictured = [f for f in assessment.comparisons if f.per_100 is not None and f.comparator.per_100 is not None]
    groups = [ComparisonGroup(kind, tuple(f for f in pictured if f.comparison_kind == kind)) for kind in COMPARISON_ORDER]
    return tuple(group for group in groups if group.figures)


# Where aHSCT is offered in Norway is for people who choose Norwegian (None: in every language). The one place
# that decides it.
NORWAY_SHOWN_IN: tuple[str, ...] | None = ("nb",)


def shows_norway(language_code: str | None) -> bool:
    return NORWAY_SHOWN_IN is None or (language_code or "").split("-")[0] in NORWAY_SHOWN_IN


def abroad_context(abroad, *, language_code: str | None) -> dict:
    """What the treatment-abroad part (and its public page) lays out from the evidence."""
    return {"abroad": abroad, "show_norway": shows_norway(language_code)}


def topic_context(slug: str, assessment: Assessment, *, language_code: str | None = None) -> dict:
    """The extra things a topic page lays out, by its slug (topics.py)."""
    if slug == "treatment-abroad-or-at-a-private-clinic":
        return abroad_context(assessment.abroad, language_code=language_code)
    if slug == "benefits-and-risks":
        return {"sections": outcome_sections(assessment)}
    if slug == "periods-pregnancy-and-fertility":
        return {"fertility_outcomes": fertility_outcomes(assessment)}
    if slug == "trials":
        return {"trial_groups": trial_groups(assessment)}
    if slug == "compared-with-other-treatments":
        return {"comparison_groups": comparison_groups(assessment)}
    return {}
