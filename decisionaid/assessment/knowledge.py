"""A short knowledge check, as the Ottawa decision aids have: questions with explained answers, built from
this person's assessment, so that every fact in an answer is the same figure, range and pooled estimate the
pages show (outcomes.py)."""
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class KnowledgeQuestion:
    question: str
    answer: str
    explanation: str


def _outcome(outcomes, topic):
    return next((o for o in outcomes if o.topic == topic and o.headline is not None), None)


def _evidence_sentence(outcome) -> str:
    """The headline, the range across studies and any pooled estimate, with the headline's source."""
    parts = [outcome.headline.text, _("Source: %(source)s.") % {"source": outcome.headline.source.short_name}]
    if outcome.range_text:
        parts.append(outcome.range_text)
    parts.extend(outcome.pooled_text)
    return " ".join(parts)


def knowledge_check(*, guidelines, outcomes, show_fertility: bool) -> tuple[KnowledgeQuestion, ...]:
    questions = [
        KnowledgeQuestion(
            _("Does this aid tell you whether to have aHSCT?"),
            _("No."),
            _(
                "It shows how your answers compare with the guidelines and what the studies found. "
                "You and your neurologist decide together."
            ),
        )
    ]
    if len({g.verdict for g in guidelines}) > 1:
        explanation = _("For your answers they differ: ") + " ".join(
            f"{g.short_name}: {g.verdict_plain}" for g in guidelines
        )
    else:
        explanation = _(
            "For your answers they say the same thing, but they differ in places, for example in age limits. "
        ) + " ".join(g.confidence_note for g in guidelines[:1])
    questions.append(KnowledgeQuestion(_("Do the three guidelines always agree?"), _("No."), explanation))
    activity = _outcome(outcomes, "neda")
    if activity is not None:
        questions.append(
            KnowledgeQuestion(_("Does aHSCT stop MS activity in everyone?"), _("No."), _evidence_sentence(activity))
        )
    deaths = _outcome(outcomes, "death")
    if deaths is not None:
        questions.append(
            KnowledgeQuestion(_("Is aHSCT free of serious risks?"), _("No."), _evidence_sentence(deaths))
        )
    periods = _outcome(outcomes, "ovarian_failure")
    if show_fertility and periods is not None:
        questions.append(
            KnowledgeQuestion(_("Can aHSCT affect periods and fertility?"), _("Yes."), _evidence_sentence(periods))
        )
    return tuple(questions)
