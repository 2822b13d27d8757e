"""/glossary/: every term has its own anchor, the listed terms are there, in plain language; other pages link
to a term with glossary_url."""
import re
from collections import Counter

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

from decisionaid.pages.glossary import TERMS, TERMS_BY_SLUG, glossary_url

from .html_tree import assert_headings_in_order, assert_nothing_inline, main, parse

URL = "/glossary/"

# The terms the aid needs (slug: a word that must be in the term's name).
REQUIRED = {
    "edss": "EDSS",
    "relapse": "Relapse",
    "mri-activity": "MRI activity",
    "gadolinium": "Gadolinium",
    "neda": "NEDA",
    "progression-free": "Progression-free",
    "relapse-free": "Relapse-free",
    "event-free-survival": "Event-free survival",
    "treatment-related-mortality": "Treatment-related mortality",
    "conditioning": "Conditioning",
    "beam-atg": "BEAM/ATG",
    "cy-atg": "Cy/ATG",
    "myeloablative": "non-myeloablative",
    "intermediate-intensity": "Intermediate intensity",
    "atg": "ATG",
    "stem-cells": "Stem cells",
    "ahsct": "aHSCT",
    "high-efficacy-treatment": "High-efficacy treatment",
    "platform-treatment": "Platform treatment",
    "febrile-neutropenia": "Febrile neutropenia",
    "secondary-autoimmune-disease": "Secondary autoimmune disease",
    "ovarian-failure": "early menopause",
    "kaplan-meier": "Kaplan\u2013Meier",
    "confidence-interval": "uncertainty range",
    "randomised-controlled-trial": "Randomised controlled trial",
    "cohort-study": "Cohort study",
    "meta-analysis": "Meta-analysis",
    "rrms": "Relapsing-remitting MS",
    "spms": "Secondary progressive MS",
    "ppms": "Primary progressive MS",
    "aggressive-ms": "Aggressive MS",
    "dmt": "Disease-modifying treatment (DMT)",
    "jacie": "JACIE",
}


@pytest.fixture
def page(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    return parse(response)


def test_the_url_is_named():
    assert reverse("pages:glossary") == URL


def test_slugs_are_unique_and_usable_as_anchors():
    slugs = [slug for slug, _, _ in TERMS]
    assert not [slug for slug, n in Counter(slugs).items() if n > 1]
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_every_listed_term_is_in_the_data():
    for slug, name in REQUIRED.items():
        assert slug in TERMS_BY_SLUG, slug
        assert name in TERMS_BY_SLUG[slug][0], (slug, TERMS_BY_SLUG[slug][0])


def test_every_term_is_on_the_page_with_its_own_anchor(page):
    ids = [e.attrs["id"] for e in page.iter() if "id" in e.attrs]
    assert not [i for i, n in Counter(ids).items() if n > 1], "ids on the page are unique"
    for slug, term, definition in TERMS:
        anchor = page.by_id(slug)
        assert anchor is not None and anchor.tag == "dt", slug
        assert anchor.text == term
        assert str(definition) in main(page).text  # the definitions are lazy translations: English here


def test_the_index_links_to_every_term(page):
    links = {a.attrs["href"] for a in main(page).find_all("a") if a.attrs.get("href", "").startswith("#")}
    assert links == {f"#{slug}" for slug, _, _ in TERMS}


def test_kaplan_meier_is_explained_as_the_aid_needs():
    definition = TERMS_BY_SLUG["kaplan-meier"][1]
    assert "an estimate that accounts for people followed for different lengths of time" in definition.lower()


def test_neda_explains_neda_3_and_mri_activity_explains_t2_lesions():
    assert "NEDA-3" in TERMS_BY_SLUG["neda"][1]
    assert "new or enlarging T2 lesions" in TERMS_BY_SLUG["mri-activity"][1]
    assert "enhancing lesions" in TERMS_BY_SLUG["gadolinium"][1]


def _syllables(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word.lower())
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def _grade(text: str) -> float:
    """Flesch–Kincaid grade level, with a simple syllable count."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    words = [part for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text) for part in word.split("-") if part]
    syllables = sum(_syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def test_definitions_are_plain_language():
    everything = " ".join(str(definition) for _, _, definition in TERMS)
    assert _grade(everything) <= 8, _grade(everything)
    for slug, _, definition in TERMS:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", str(definition)) if s]
        longest = max(len(s.split()) for s in sentences)
        assert longest <= 25, (slug, longest)


def test_glossary_url_links_to_a_term_and_refuses_typos():
    assert glossary_url("edss") == "/glossary/#edss"
    with pytest.raises(KeyError):
        glossary_url("edds")


def test_the_template_tag_gives_the_same_address():
    rendered = Template('{% load glossary %}<a href="{% glossary_url "kaplan-meier" %}">KM</a>').render(Context())
    assert rendered == '<a href="/glossary/#kaplan-meier">KM</a>'
    with pytest.raises((KeyError, TemplateSyntaxError)):
        Template('{% load glossary %}{% glossary_url "no-such-term" %}').render(Context())


def test_headings_in_order_and_nothing_inline(client, db):
    response = client.get(URL)
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)
