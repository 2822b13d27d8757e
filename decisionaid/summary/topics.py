"""The results, for a tired reader: a short overview first, then one page per topic, in this order.

Which topics a person gets is decided here, from the Assessment (the periods and fertility page only for
women and people who answered "another answer"; treatment abroad or at a private clinic only for a yes or not
sure to that question), so that the overview, each page's "part 2 of 9" navigation
and the tests all read the same list. Templates lay the pages out; they choose nothing.
"""
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from decisionaid.assessment.assess import Assessment


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str  # one line describing the part
    template: str
    short_title: str = ""  # the overview's list of parts

    @property
    def link_text(self) -> str:
        return self.short_title or self.title

    @property
    def url(self) -> str:
        return reverse("summary:topic", kwargs={"topic": self.slug})


GUIDELINES = Topic(
    "guidelines", _("The three guidelines, point by point"),
    _("How your answers compare with each guideline's criteria."), "summary/topics/guidelines.html", _("Guidelines"),
)
BENEFITS_AND_RISKS = Topic(
    "benefits-and-risks", _("Benefits and risks: all the figures"),
    _("Every study figure for people like you, benefits first."), "summary/topics/benefits_and_risks.html", _("Benefits and risks"),
)
COMPARED = Topic(
    "compared-with-other-treatments", _("Compared with other treatments"),
    _("Studies that compared aHSCT with MS drugs, or two kinds of chemotherapy."), "summary/topics/compared.html", _("Other treatments"),
)
FERTILITY = Topic(
    "periods-pregnancy-and-fertility", _("Periods, pregnancy and fertility"),
    _("What the studies found about periods, early menopause and pregnancy."), "summary/topics/fertility.html", _("Fertility"),
)
WHAT_IT_IS_LIKE = Topic(
    "what-it-is-like", _("What it is like"),
    _("The treatment step by step, and time in hospital."), "summary/topics/what_it_is_like.html", _("What it is like"),
)
WHO_BENEFITS = Topic(
    "who-benefits-most", _("Who benefits"),
    _("Things that go with better results or more risk, and whether they apply to you."),
    "summary/topics/who_benefits.html", _("Who benefits"),
)
TRIALS = Topic(
    "trials", _("Clinical trials"),
    _("Trials that compare aHSCT with the strongest MS drugs, and their status."), "summary/topics/trials.html", _("Trials"),
)
ABROAD = Topic(
    "treatment-abroad-or-at-a-private-clinic", _("Treatment abroad or at a private clinic"),
    _("Where the guidelines say aHSCT should be done, what to ask a clinic, and what your own health service can take over."),
    "summary/topics/abroad.html", _("Treatment abroad"),
)
VALUES = Topic(
    "what-matters-to-you", _("What matters"),
    _("Your answers about what matters most to you."), "summary/topics/values.html", _("What matters"),
)
QUESTIONS = Topic(
    "questions-to-ask", _("Questions to ask your neurologist"),
    _("A list to take to your appointment."), "summary/topics/questions.html", _("Questions"),
)
CHECK = Topic(
    "check-your-understanding", _("Check"),
    _("A few questions with answers, and how sure you feel."), "summary/topics/check.html", _("Check"),
)
ALL_TOPICS = (
    GUIDELINES, BENEFITS_AND_RISKS, COMPARED, FERTILITY, WHAT_IT_IS_LIKE, WHO_BENEFITS, TRIALS, ABROAD, VALUES,
    QUESTIONS, CHECK,
)
# Parts that apply only to some people, and what decides it.
ONLY_WHEN = {
    FERTILITY: lambda assessment: bool(assessment.fertility),
    ABROAD: lambda assessment: assessment.abroad is not None,
}
BY_SLUG = {topic.slug: topic for topic in ALL_TOPICS}


def topics_for(assessment: Assessment) -> tuple[Topic, ...]:
    """The topic pages this person gets, in order."""
    return tuple(topic for topic in ALL_TOPICS if ONLY_WHEN.get(topic, lambda _assessment: True)(assessment))


@dataclass(frozen=True)
class Part:
    """Where a topic page sits in the list: "part 2 of 9", with the pages before and after it."""

    topic: Topic
    number: int
    total: int
    previous: Topic | None
    next: Topic | None


def part_of(assessment: Assessment, slug: str) -> Part | None:
    """The topic page's place in this person's list, or None when the person does not get that page."""
    topics = topics_for(assessment)
    slugs = [t.slug for t in topics]
    if slug not in slugs:
        return None
    index = slugs.index(slug)
    return Part(
        topic=topics[index],
        number=index + 1,
        total=len(topics),
        previous=topics[index - 1] if index else None,
        next=topics[index + 1] if index + 1 < len(topics) else None,
    )
