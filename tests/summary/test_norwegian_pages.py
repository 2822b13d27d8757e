"""The patient's pages in Norwegian: readable (LIX 40 or below, the issue's bar for plain bokmål) and with no
English left outside names and citations. Drawn by the views for a person who answered everything, wants a child
and is thinking of treatment abroad, so that every topic page is there, the fertility and abroad parts too."""
import html as html_module
import re

import pytest

from decisionaid.pages.readability import lix, main_text
from decisionaid.summary.topics import ABROAD, FERTILITY, topics_for

from ..english_left import english_left, evidence_texts, without_names
from ..questionnaire.test_wizard import GOOD_ANSWERS
from .summary_profiles import Renders

pytestmark = pytest.mark.django_db

PROFILE = "abroad"
LIX_LIMIT = 40
# Patient pages that do not depend on the answers, and the question steps (with the answers filled in).
STEADY = ["/nb/", "/nb/privacy/", "/nb/glossary/", "/nb/treatment-abroad/"]
STEPS = [f"/nb/questions/{step}/" for step in GOOD_ANSWERS]
RESULTS = ["/nb/results/", "/nb/answers/", "/nb/summary/", "/nb/summary/large-print/"]
CLINICIAN = ["/nb/summary/clinician/"]


def topic_pages(assessment) -> list[str]:
    return [f"/nb/results/{topic.slug}/" for topic in topics_for(assessment)]


@pytest.fixture(scope="module")
def renders(django_db_setup, django_db_blocker):
    return Renders(django_db_blocker)


@pytest.fixture(scope="module")
def pages(renders, django_db_blocker):
    """URL -> HTML of every Norwegian page the person reads, in one walk."""
    assessment = renders.assessment(PROFILE)
    urls = STEADY + STEPS + RESULTS + topic_pages(assessment) + CLINICIAN
    renders._render(PROFILE, urls)
    found = {}
    for url in urls:
        response = renders.get(PROFILE, url)
        assert response.status_code == 200, (url, response.status_code)
        found[url] = response.content.decode()
    return found


def patient_urls(pages) -> list[str]:
    return [url for url in pages if url not in CLINICIAN]


def test_every_norwegian_patient_page_reads_at_lix_40_or_below(pages):
    measured = {url: lix(main_text(pages[url])) for url in patient_urls(pages)}
    too_hard = {url: value for url, value in measured.items() if value > LIX_LIMIT}
    texts = {url: main_text(pages[url])[:3000] for url in too_hard}
    assert not too_hard, f"LIX above {LIX_LIMIT}: {too_hard} (all: {measured}); their text: {texts}"


def test_the_topic_pages_include_fertility_and_treatment_abroad(pages):
    assert f"/nb/results/{FERTILITY.slug}/" in pages and f"/nb/results/{ABROAD.slug}/" in pages


def _text_and_elements(html: str) -> tuple[str, list[str]]:
    body = without_names(re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
    elements = [re.sub(r"\s+", " ", html_module.unescape(piece)).strip() for piece in re.findall(r">([^<>]+)<", body)]
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", body))
    return text, [piece for piece in elements if piece]


def test_no_english_is_left_on_the_norwegian_pages(pages, django_db_blocker):
    from decisionaid.evidence.loading import load_evidence

    load_evidence()
    evidence = evidence_texts()
    left = {}
    for url, html in pages.items():
        text, elements = _text_and_elements(html)
        found = english_left(text, elements, evidence=evidence)
        if found:
            left[url] = found
    assert not left, "English left:\n" + "\n".join(f"{url}: {found}" for url, found in left.items())
