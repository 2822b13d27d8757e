"""The IPDAS scorecard as data: every item of the International Patient Decision Aid Standards (IPDASi v4.0),
whether this aid meets it, where, and an honest note.

44 items in three categories (Joseph-Williams et al. 2014): 6 qualifying, 10 certification (4 of them only for
screening or tests) and 28 quality (5 of them only for screening or tests). Item wording is shortened from the
sources. The IPDASi v4 number is given where our source for the items states it (qualifying and certification
items); the quality items carry only our own number, QL1 to QL28.

The statuses are our own assessment, not a certification: nobody outside the project has scored this aid.
The counts on the About page are computed from this data (`summary()`), never typed.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MET = "met"
PARTLY = "partly"
NOT_YET = "not_yet"
NOT_APPLICABLE = "not_applicable"
STATUSES = (MET, PARTLY, NOT_YET, NOT_APPLICABLE)
STATUS_LABELS = {MET: _("Met"), PARTLY: _("Partly met"), NOT_YET: _("Not yet"), NOT_APPLICABLE: _("Does not apply")}

QUALIFYING = "qualifying"
CERTIFICATION = "certification"
QUALITY = "quality"
# (key, title, what the category means)
CATEGORIES = (
    (QUALIFYING, _("Qualifying criteria"), _("An aid must meet all six to count as a patient decision aid.")),
    (
        CERTIFICATION,
        _("Certification criteria"),
        _("Without these, a decision aid is judged to have a high risk of harmful bias. Four of them are only for "
        "screening or tests."),
    ),
    (
        QUALITY,
        _("Quality criteria"),
        _("These make a decision aid stronger; missing one does not mean a high risk of harmful bias. Five of them "
        "are only for screening or tests."),
    ),
)


@dataclass(frozen=True)
class Where:
    """A page, section or feature of the aid; `url_name` (and `anchor`) when it has an address."""

    label: str
    url_name: str = ""
    anchor: str = ""
    step: str = ""  # for a questionnaire step
    topic: str = ""  # for a part of the results

    @property
    def url(self) -> str:
        if not self.url_name:
            return ""
        kwargs = {"step": self.step} if self.step else ({"topic": self.topic} if self.topic else None)
        url = reverse(self.url_name, kwargs=kwargs)
        return f"{url}#{self.anchor}" if self.anchor else url


@dataclass(frozen=True)
class Item:
    id: str  # Q1..Q6, C1..C10, QL1..QL28
    ipdasi: str  # the IPDASi v4 number, or "" where our source does not give it
    category: str
    wording: str  # "The decision aid …"
    status: str
    where: tuple[Where, ...]
    note: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _about(label: str, anchor: str) -> Where:
    return Where(label, "pages:about", anchor)


# The parts of the results (decisionaid/summary/topics.py) that each place in the scorecard names.
RESULTS_PARTS = {
    "comparisons": "compared-with-other-treatments",
    "trials": "trials",
    "benefits": "benefits-and-risks",
    "risks": "benefits-and-risks",
    "people-like-you": "benefits-and-risks",
    "what-it-is-like": "what-it-is-like",
    "values": "what-matters-to-you",
    "check": "check-your-understanding",
    "questions": "questions-to-ask",
}
RESULTS_ANCHORS = {"benefits": "section-benefit", "risks": "section-risk"}


def _results(label: str, place: str) -> Where:
    if place == "overview":
        return Where(label, "summary:results")
    return Where(label, "summary:topic", RESULTS_ANCHORS.get(place, ""), topic=RESULTS_PARTS[place])


EVIDENCE_PAGE = Where(_("Evidence page"), "pages:evidence")
GLOSSARY = Where(_("Glossary"), "pages:glossary")
VALUES_STEP = Where(_("Questions: “What matters to you”"), "questionnaire:step", step="values")
SUMMARY = Where(_("Printable summary"), "summary:patient")
TESTS_NA = _("This item is for decision aids about screening or tests. This aid is about a treatment.")
PROCESS_NOT_DONE = (
    _("Not done yet. It needs people outside the project, and we will report it here when it has been done.")
)

ITEMS: tuple[Item, ...] = (
    # Qualifying criteria
    Item("Q1", "1.1.1", QUALIFYING, _("describes the health condition or problem the decision is about"), MET,
         (_about(_("About: multiple sclerosis"), "ms"), GLOSSARY),
         _("A short description of MS and its types, with each medical word explained in the glossary.")),
    Item("Q2", "1.1.2", QUALIFYING, _("states the decision to be considered"), MET,
         (Where(_("Home page"), "pages:home"), _about(_("About: the decision"), "decision")),
         _("Whether to consider aHSCT, or to stay on or switch to another MS medicine.")),
    Item("Q3", "1.1.3", QUALIFYING, _("describes the options available for the decision"), MET,
         (_about(_("About: the options"), "decision"), _results(_("Results: compared with other treatments"), "comparisons"),
          _results(_("Results: clinical trials"), "trials")),
         _("aHSCT; staying on or switching MS medicines; or joining a trial that compares them.")),
    Item("Q4", "1.1.4", QUALIFYING, _("describes the positive features (benefits) of each option"), PARTLY,
         (_results(_("Results: benefits"), "benefits"), _results(_("Results: compared with other treatments"),
                                                                      "comparisons")),
         _("The benefits of aHSCT are shown in full. For MS medicines, only the groups that studies compared with "
         "aHSCT are shown (for example the drug group of the MIST trial); the benefits of each medicine are not "
         "described.")),
    Item("Q5", "1.1.5", QUALIFYING, _("describes the negative features (harms, side effects) of each option"),
         PARTLY, (_results(_("Results: harms"), "risks"),),
         _("The risks of aHSCT are shown in full. The side effects of MS medicines are not described; the About "
         "page suggests asking the neurologist about them.")),
    Item("Q6", "1.2.1", QUALIFYING,
         _("describes what it is like to experience the consequences of the options (physical, psychological, social)"),
         PARTLY, (_results(_("Results: what it is like"), "what-it-is-like"),),
         _("Physical and practical points (the hospital stay, isolation, hair loss, the risk of infection) come "
         "mostly from one expert review. Psychological and social consequences, and what it is like to stay on "
         "MS medicines, are not yet described.")),
    # Certification criteria
    Item("C1", "2.1.1", CERTIFICATION,
         _("shows negative and positive features of options in equal detail (fonts, order, statistics)"), MET,
         (_results(_("Results: people like you"), "people-like-you"),),
         _("Benefits and risks use the same picture of 100 people, the same kind of numbers and the same details "
         "(when, who, kind of number, uncertainty, source).")),
    Item("C2", "2.2.1", CERTIFICATION, _("provides citations to the evidence selected"), MET,
         (EVIDENCE_PAGE, _results(_("Results: a source under every figure"), "people-like-you")),
         _("Every figure names its source, with its DOI, PubMed or trial registry number where it has one; the "
         "Evidence page gives the full citation of every source.")),
    Item("C3", "2.2.2", CERTIFICATION, _("provides a production or publication date"), MET,
         (_about(_("About: dates"), "dates"), Where(_("The footer of every page")), SUMMARY),
         _("The date of the current evidence release, and when the evidence was last reviewed.")),
    Item("C4", "2.2.3", CERTIFICATION, _("provides information about the update policy"), MET,
         (_about(_("About: update policy"), "update-policy"),),
         _("How often each piece of evidence is checked again, how overdue ones are flagged, and how a new release "
         "is published with a note of what changed.")),
    Item("C5", "2.2.4", CERTIFICATION, _("gives the uncertainty around outcome probabilities"), MET,
         (_results(_("Results: people like you"), "people-like-you"), EVIDENCE_PAGE),
         _("An uncertainty range is shown wherever the study published one. Where it did not, the aid says whether "
         "the number is a count or an estimate, and how many people were studied.")),
    Item("C6", "2.3.1", CERTIFICATION, _("states the funding source used for development"), MET,
         (_about(_("About: funding"), "funding"),), _("None: nobody has paid for this aid.")),
    Item("C7", "2.4.1", CERTIFICATION, _("(tests) describes what the test is designed to measure"), NOT_APPLICABLE, (),
         TESTS_NA),
    Item("C8", "2.4.2", CERTIFICATION, _("(tests) describes next steps if the condition is detected"), NOT_APPLICABLE,
         (), TESTS_NA),
    Item("C9", "2.4.3", CERTIFICATION, _("(tests) describes next steps if the condition is not detected"),
         NOT_APPLICABLE, (), TESTS_NA),
    Item("C10", "2.4.4", CERTIFICATION,
         _("(screening) explains the consequences of detecting disease that would never have caused problems"),
         NOT_APPLICABLE, (), TESTS_NA),
    # Quality criteria
    Item("QL1", "", QUALITY, _("describes the natural course of the condition if no action is taken"), PARTLY,
         (_results(_("Results: compared with other treatments"), "comparisons"),),
         _("The aid shows what happened to people who stayed on MS medicines instead of having aHSCT (the MIST "
         "trial). It does not describe the course of MS without any treatment.")),
    Item("QL2", "", QUALITY, _("makes it possible to compare positive and negative features of the options"), MET,
         (_results(_("Results: the overview"), "overview"), _results(_("Results: people like you"), "people-like-you"),
          SUMMARY),
         _("Benefits and risks are side by side in the same format, on the results page and the summary.")),
    Item("QL3", "", QUALITY, _("gives outcome probabilities for the options"), MET,
         (_results(_("Results: people like you"), "people-like-you"),), _("As a number in 100 people, for every figure.")),
    Item("QL4", "", QUALITY, _("specifies the group of patients the probabilities apply to"), MET,
         (_results(_("Results: people like you"), "people-like-you"),),
         _("Beside every figure: who was studied, and whether the person's answers fit that group.")),
    Item("QL5", "", QUALITY, _("specifies the event rates for the outcome probabilities"), MET,
         (_results(_("Results: people like you"), "people-like-you"),),
         _("Numbers are given as “x in 100 people”, with the counts the study reported.")),
    Item("QL6", "", QUALITY, _("allows comparing outcome probabilities across options over the same time period"),
         PARTLY, (_results(_("Results: people like you"), "people-like-you"),),
         _("The studies report their results at different times (for example 100 days or 5 years). The time is "
         "stated beside each figure; figures compared side by side come from the same study and time.")),
    Item("QL7", "", QUALITY, _("allows comparing outcome probabilities across options with the same denominator"),
         PARTLY, (_results(_("Results: people like you"), "people-like-you"),),
         _("Every figure is shown per 100 people. But the figures come from studies of different sizes and "
         "groups of people, and practical facts such as days in hospital are not per 100.")),
    Item("QL8", "", QUALITY, _("gives more than one way of viewing probabilities (words, numbers, diagrams)"), MET,
         (_results(_("Results: people like you"), "people-like-you"),),
         _("Each figure is a picture of 100 people, a number and a sentence in words.")),
    Item("QL9", "", QUALITY, _("asks patients to think about which positive and negative features matter most to them"),
         MET, (VALUES_STEP, _results(_("Results: what matters to you"), "values")),
         _("Five questions about what matters most, read back on the results page and the summary.")),
    Item("QL10", "", QUALITY, _("provides a step-by-step way to make a decision"), PARTLY,
         (Where(_("Questions"), "questionnaire:start"), _results(_("Results: check your understanding"), "check")),
         _("The aid goes step by step through your situation, the evidence, what matters to you and the questions "
         "to ask, and ends with a short check of how sure you feel (the SURE test). It deliberately leaves the "
         "choice itself to you and your neurologist.")),
    Item("QL11", "", QUALITY, _("includes tools such as worksheets or lists of questions to use with a practitioner"),
         MET, (_results(_("Results: questions to ask"), "questions"), SUMMARY),
         _("A list of questions for the neurologist, built from the answers, and a printable summary with space "
         "for the answers.")),
    Item("QL12", "", QUALITY, _("development included a needs assessment with patients"), NOT_YET, (),
         PROCESS_NOT_DONE),
    Item("QL13", "", QUALITY, _("development included a needs assessment with health professionals"), NOT_YET, (),
         PROCESS_NOT_DONE),
    Item("QL14", "", QUALITY, _("development included review by patients not involved in producing it"), NOT_YET, (),
         PROCESS_NOT_DONE),
    Item("QL15", "", QUALITY, _("development included review by professionals not involved in producing it"), NOT_YET,
         (), PROCESS_NOT_DONE),
    Item("QL16", "", QUALITY, _("was field tested with patients facing the decision"), NOT_YET, (), PROCESS_NOT_DONE),
    Item("QL17", "", QUALITY, _("was field tested with practitioners who counsel patients facing the decision"),
         NOT_YET, (), PROCESS_NOT_DONE),
    Item("QL18", "", QUALITY, _("describes how research evidence was selected or synthesised"), MET,
         (Where(_("Evidence: how we chose and checked the evidence"), "pages:evidence", "how-chosen"),
          _about(_("About: how the evidence was chosen"), "evidence-methods")),
         _("Five source articles, followed back to the published abstracts, registry records and publisher pages. "
         "Not a full systematic review, and the page says so.")),
    Item("QL19", "", QUALITY, _("describes the quality of the research evidence used"), MET,
         (Where(_("Evidence: how strong the evidence is"), "pages:evidence", "quality"),
          Where(_("Evidence: what our labels mean"), "pages:evidence", "labels")),
         _("Mostly observational studies and one completed randomised trial; every source and figure carries a "
         "label that says how it was checked.")),
    Item("QL20", "", QUALITY, _("includes the authors' or developers' credentials or qualifications"), MET,
         (_about(_("About: who made this aid"), "who"),),
         _("Stated as they are: an open-source project by software developers, not a medical body.")),
    Item("QL21", "", QUALITY, _("reports readability levels (one or more scales)"), MET,
         (_about(_("About: reading level"), "reading-level"),),
         _("The Flesch–Kincaid grade of the main pages, measured from the pages themselves.")),
    Item("QL22", "", QUALITY,
         _("there is evidence it improves the match between the informed patient's preferences and the option chosen"),
         NOT_YET, (), _("Not done yet. It needs a study with people facing the decision.")),
    Item("QL23", "", QUALITY, _("there is evidence it helps patients improve knowledge of the options' features"),
         NOT_YET, (), _("Not done yet. It needs a study with people facing the decision.")),
    Item("QL24", "", QUALITY, _("(tests) gives the chances of a true-positive result"), NOT_APPLICABLE, (), TESTS_NA),
    Item("QL25", "", QUALITY, _("(tests) gives the chances of a true-negative result"), NOT_APPLICABLE, (), TESTS_NA),
    Item("QL26", "", QUALITY, _("(tests) gives the chances of a false-positive result"), NOT_APPLICABLE, (), TESTS_NA),
    Item("QL27", "", QUALITY, _("(tests) gives the chances of a false-negative result"), NOT_APPLICABLE, (), TESTS_NA),
    Item("QL28", "", QUALITY, _("(screening) gives the chances the disease is detected with and without the test"),
         NOT_APPLICABLE, (), TESTS_NA),
)


@dataclass(frozen=True)
class CategoryScore:
    key: str
    title: str
    description: str
    items: tuple[Item, ...]
    counts: dict[str, int]  # status: number of items

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def applicable(self) -> int:
        return self.total - self.counts[NOT_APPLICABLE]

    @property
    def met(self) -> int:
        return self.counts[MET]

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, its label, number of items), in the order of STATUSES."""
        return [(status, STATUS_LABELS[status], self.counts[status]) for status in STATUSES]


def summary(items: tuple[Item, ...] = ITEMS) -> list[CategoryScore]:
    """The items of each category with the number in each status, counted from the data."""
    scores = []
    for key, title, description in CATEGORIES:
        in_category = tuple(item for item in items if item.category == key)
        counts = {status: sum(item.status == status for item in in_category) for status in STATUSES}
        scores.append(CategoryScore(key, title, description, in_category, counts))
    return scores
