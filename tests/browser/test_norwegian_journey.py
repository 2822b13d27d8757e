"""The whole journey in Norwegian, in Chromium: every question (and a question answered wrongly), the results,
every topic page, the check of answers, both summaries, the three PDFs and the pages anyone can open. On each page
the rendered text is compared with the English catalogue (and the English of the evidence rows): no English is left
outside names and citations, and axe-core finds nothing."""
import io
import re

import pytest
from pypdf import PdfReader

from benchmarks.journeys import PATIENT_ANSWERS

from ..english_left import citations, english_left, evidence_texts
from .conftest import axe_violations, format_violations
from .flow import answer, next_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Thinking of treatment abroad and wanting a child: the fertility and abroad parts are there too.
STEPS = [(step, answers) for step, answers in PATIENT_ANSWERS.items()]
STEPS[-1] = ("values", {**PATIENT_ANSWERS["values"], "treatment_abroad": "unsure"})
AFTER_RESULTS = ["/nb/answers/", "/nb/summary/", "/nb/summary/large-print/", "/nb/summary/clinician/",
                 "/nb/start-again/"]
ANYONE = ["/nb/", "/nb/treatment-abroad/", "/nb/glossary/", "/nb/about/", "/nb/privacy/", "/nb/evidence/"]
PDFS = ["/nb/summary.pdf", "/nb/summary/large-print.pdf", "/nb/summary/clinician.pdf"]

# Every text node's own text, trimmed: where a one- or two-word English text ("Next") would be found.
ELEMENT_TEXTS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const parent = walker.currentNode.parentElement;
    if (parent && !parent.closest('script, style, template')) texts.push(walker.currentNode.textContent.trim());
  }
  return texts.filter(Boolean);
}"""
# The same outside citations and names (a source's title, a trial's English name): where an English text that
# never reached the catalogue (not wrapped in gettext) would still be found by its little words.
PROSE_TEXTS = ELEMENT_TEXTS.replace(
    "'script, style, template'", "'script, style, template, .source, .citation, .source-details, .source-links, "
    "[lang]:not(html), [translate=no]'")
# Words that English prose cannot do without and bokmål does not have.
ENGLISH_WORDS = re.compile(r"\b(the|and|with|you|your|this|that|which|what|are|from|of)\b", re.I)
# Where those words belong in a Norwegian text too: web addresses, and the names of organisations.
NOT_PROSE = re.compile(r"https?://\S+|European Academy of Neurology|National Multiple Sclerosis Society")
# What a person can read but is not a text node: the labels of buttons and fields given by attributes.
ATTRIBUTE_TEXTS = """() => [...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap(
  e => ['aria-label', 'title', 'alt', 'placeholder'].map(a => e.getAttribute(a)).filter(Boolean))"""


class Reading:
    """The English found, and the axe violations, page by page."""

    def __init__(self, evidence, quoted):
        self.evidence = evidence
        self.quoted = quoted
        self.english: dict[str, list[str]] = {}
        self.violations: list[str] = []
        self.pages: list[str] = []

    def read(self, page, where: str):
        assert page.evaluate("document.documentElement.lang") == "nb", where
        # What the person reads, without citations and names (marked translate="no", or as sources).
        prose = page.evaluate(PROSE_TEXTS) + page.evaluate(ATTRIBUTE_TEXTS)
        found = english_left(" ".join(prose), prose, evidence=self.evidence)
        found += [f"…{match.string[max(0, match.start() - 30):match.end() + 30]}…"
                  for text in prose for match in ENGLISH_WORDS.finditer(NOT_PROSE.sub(" ", text))]
        if found:
            self.english[where] = found
        violations = axe_violations(page)
        if violations:
            self.violations.append(format_violations(where, violations))
        self.pages.append(where)

    def read_pdf(self, page, url: str):
        response = page.request.get(url)
        assert response.status == 200 and response.headers["content-type"] == "application/pdf", url
        reader = PdfReader(io.BytesIO(response.body()))
        assert reader.trailer["/Root"]["/Lang"] == "nb", url
        text = " ".join(sheet.extract_text() or "" for sheet in reader.pages)
        found = english_left(text, evidence=self.evidence, quoted=self.quoted)
        if found:
            self.english[url] = found
        self.pages.append(url)


def test_the_whole_journey_in_norwegian_has_no_english_left(page, live_url):
    reading = Reading(evidence_texts(), citations())

    # A wrong answer first: the error summary and the field's message are Norwegian too.
    page.goto("/nb/questions/role/")
    next_page(page)
    assert page.locator(".error-summary").count() == 1
    reading.read(page, "/nb/questions/role/ (with an error)")

    answer(page, STEPS, prefix="/nb", on_page=lambda page, step: reading.read(page, f"/nb/questions/{step}/"))
    reading.read(page, "/nb/results/")
    topics = page.eval_on_selector_all(
        "main a[href^='/nb/results/']", "links => [...new Set(links.map(a => a.getAttribute('href')))]")
    assert any("abroad" in url for url in topics) and len(topics) >= 10, topics
    for url in topics + AFTER_RESULTS + ANYONE:
        response = page.goto(url)
        assert response.status == 200, url
        reading.read(page, url)
    for url in PDFS:
        reading.read_pdf(page, url)

    assert not reading.english, f"English left on {len(reading.english)} of {len(reading.pages)} pages: {reading.english}"
    assert not reading.violations, "\n".join(reading.violations)
    assert page.js_errors == []
