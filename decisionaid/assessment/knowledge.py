"""A short knowledge check, as the Ottawa decision aids have: questions with explained answers, built from
this person's assessment so that every fact in an answer comes from the evidence rows."""
from dataclasses import dataclass


@dataclass(frozen=True)
class KnowledgeQuestion:
    question: str
    answer: str
    explanation: str


def knowledge_check(*, guidelines, risks, fertility, show_fertility: bool) -> tuple[KnowledgeQuestion, ...]:
    questions = [
        KnowledgeQuestion(
            "Does this aid tell you whether to have aHSCT?",
            "No.",
            "It shows how your answers compare with the guidelines and what the studies found. "
            "You and your neurologist decide together.",
        )
    ]
    verdicts = {g.short_name: g.verdict_plain for g in guidelines}
    if len({g.verdict for g in guidelines}) > 1:
        explanation = "For your answers they differ: " + " ".join(f"{name}: {plain}" for name, plain in verdicts.items())
    else:
        explanation = (
            "For your answers they say the same thing, but they differ in places, for example in age limits. "
            + " ".join(g.confidence_note for g in guidelines[:1])
        )
    questions.append(KnowledgeQuestion("Do the three guidelines always agree?", "No.", explanation))
    if risks:
        questions.append(
            KnowledgeQuestion(
                "Is aHSCT free of serious risks?",
                "No.",
                " ".join(f"{risk.text} Source: {risk.source.short_name}." for risk in risks[:2]),
            )
        )
    if show_fertility and fertility:
        questions.append(
            KnowledgeQuestion(
                "Can aHSCT affect periods and fertility?",
                "Yes.",
                f"{fertility[0].text} Source: {fertility[0].source.short_name}.",
            )
        )
    return tuple(questions)
