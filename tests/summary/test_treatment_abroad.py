"""The part on treatment abroad or at a private clinic: listed only for a yes or not sure, open to anyone on its
own page (linked from the Evidence and About pages), every statement with its source and date, the Norwegian
estimate only attributed, and a short section in both summaries and both PDFs when it applies."""
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from decisionaid.evidence.loading import load_evidence
from decisionaid.summary import results_pages
from decisionaid.summary.topics import ABROAD

from ..questionnaire.test_wizard import GOOD_ANSWERS
from .summary_profiles import Renders
from .test_results_page import all_pages, page_text_of, results_for

URL = f"/results/{ABROAD.slug}/"
ESTIMATE = "The Norwegian review of 2024 (Nygaard and Holmøy, in the journal of the Norwegian Medical Association) estimates"
NORWAY_HEADING = "Where aHSCT is offered in Norway"
# Words that would tell a person what to do, or name a clinic: the part describes and names none.
NOT_SAID = ("should not go", "do not go", "don't go", "we recommend", "you should go", "avoid clinics")


def values(answer):
    return {"values": {**GOOD_ANSWERS["values"], **({"treatment_abroad": answer} if answer else {})}}


@pytest.fixture
def loaded(db):
    load_evidence()


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_a_yes_or_not_sure_lists_the_part_and_it_has_every_section(client, loaded, answer):
    pages = all_pages(client, **values(answer))
    assert URL in pages
    text = page_text_of(pages[URL])
    for heading in ("Where the guidelines say aHSCT should be done", "What to ask the clinic",
                    "What your own health service can take over", "People from Norway who went abroad"):
        assert heading in text
    assert ESTIMATE in text and "patient groups on social media" in text and "12 February 2024" in text
    assert "accredited stem cell transplant centres" in text and "JACIE" in text
    # Where it is offered in Norway is for those who chose Norwegian (the next test).
    assert NORWAY_HEADING not in text and "Beslutningsforum" not in text
    assert not any(words in text.lower() for words in NOT_SAID)
    # Every statement carries its source and its date.
    for item in re.findall(r'<li data-statement="[^"]+">(.*?)</li>', pages[URL], re.S):
        assert re.search(r"\([^()]*\d{4}\) Source: \S", page_text_of(item)), item
    # And its questions are in the list for the neurologist.
    assert "what should I ask the clinic" in page_text_of(pages["/results/questions-to-ask/"])


def test_in_norwegian_the_part_also_says_where_it_is_offered_in_norway(client, loaded):
    all_pages(client, **values("yes"))
    page = client.get(f"/nb{URL}").content.decode()
    text = page_text_of(page)
    with translation.override("nb"):
        assert gettext(NORWAY_HEADING) in text and gettext(NORWAY_HEADING) != NORWAY_HEADING
    for key in ("norway-not-standard-care", "norway-ram-ms-or-exception", "norway-abroad-estimate-2024"):
        assert f'data-statement="{key}"' in page
    assert "Beslutningsforum" in text and "14. mars 2016" in text and "RAM-MS" in text and "NCT03477500" in text
    assert "Nygaard og Holmøy" in text  # the estimate, in Norwegian, attributed as in English


@pytest.mark.parametrize("answer", ["no", None])
def test_a_no_or_no_answer_does_not_list_it_and_its_url_says_so(client, loaded, answer):
    overview = results_for(client, **values(answer)).content.decode()
    assert URL not in overview
    response = client.get(URL, follow=True)
    assert response.redirect_chain[-1][0] == "/results/"
    assert "does not apply to your answers" in page_text_of(response.content.decode())


def test_the_part_sits_among_the_others_with_its_number(client, loaded):
    pages = all_pages(client, **values("yes"))
    assert "Part 8 of 11" in page_text_of(pages[URL])  # after trials; a woman also has the fertility part


def test_anyone_can_read_it_from_the_evidence_and_about_pages(client, loaded):
    for page in ("/evidence/", "/about/"):
        assert 'href="/treatment-abroad/"' in client.get(page).content.decode()
    text = page_text_of(client.get("/treatment-abroad/").content.decode())
    assert "Treatment abroad or at a private clinic" in text and ESTIMATE in text


def test_where_it_is_offered_in_norway_follows_the_one_language_condition(client, loaded, monkeypatch):
    assert results_pages.shows_norway("nb") and not results_pages.shows_norway("en-gb")
    text = page_text_of(client.get("/treatment-abroad/").content.decode())
    assert NORWAY_HEADING not in text and "Beslutningsforum" not in text
    assert ESTIMATE in text  # the estimate is about people from Norway, for everyone
    assert "Beslutningsforum" in page_text_of(client.get("/nb/treatment-abroad/").content.decode())
    monkeypatch.setattr(results_pages, "NORWAY_SHOWN_IN", None)  # the switch: in every language
    assert NORWAY_HEADING in page_text_of(client.get("/treatment-abroad/").content.decode())


@pytest.fixture(scope="module")
def renders(django_db_setup, django_db_blocker):
    urls = ("/summary/", "/summary/clinician/", "/summary.pdf", "/summary/clinician.pdf", "/nb/summary/clinician/")
    return Renders(django_db_blocker, {"abroad": urls, "female_pregnancy": urls})


def test_both_summaries_have_the_section_when_it_applies(renders):
    patient = page_text_of(renders.get("abroad", "/summary/").content.decode())
    assert "Treatment abroad or at a private clinic." in patient
    assert "Guidelines say aHSCT should be done in accredited centres with a lot of experience" in patient
    assert "what should I ask the clinic" in patient
    clinician = page_text_of(renders.get("abroad", "/summary/clinician/").content.decode())
    assert "The patient is considering aHSCT at a private clinic or abroad." in clinician
    assert ESTIMATE in clinician and "Beslutningsforum" not in clinician
    assert "Beslutningsforum" in page_text_of(renders.get("abroad", "/nb/summary/clinician/").content.decode())
    # Its sources are among the handout's numbered references.
    assert "Evolution, trends, outcomes, and economics of hematopoietic stem cell transplantation" in clinician


def test_both_pdfs_have_the_section_and_the_patient_pdf_keeps_to_three_pages(renders):
    patient = renders.pdf("abroad", "/summary.pdf")
    assert patient.contains("Treatment abroad or at a private clinic.") and len(patient.pages) <= 3
    assert patient.contains("what should I ask the clinic")
    clinician = renders.pdf("abroad", "/summary/clinician.pdf")
    assert clinician.contains("The patient is considering aHSCT at a private clinic or abroad.")
    assert clinician.contains("estimates that about 400 people with MS in Norway have gone abroad")


def test_without_the_answer_neither_summary_has_it(renders):
    for url in ("/summary/", "/summary/clinician/"):
        assert "private clinic or abroad" not in page_text_of(renders.get("female_pregnancy", url).content.decode())
    assert not renders.pdf("female_pregnancy", "/summary.pdf").contains("Treatment abroad or at a private clinic")
