"""Save my answers, and continue from the saved file, through the test client: the file holds the answers given so
far, reads back to the same answers (checked again by each step's form), and every bad file gets a message naming
the field on the home page, never a server error, with nothing stored on the server."""
import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from decisionaid.questionnaire import answers_file
from tests.conftest import HttpsClient

from ..security.test_no_patient_data import table_counts
from .test_wizard import GOOD_ANSWERS, catalogue, page_text, walk  # noqa: F401 (fixture)

SAVED_ON = datetime.date(2026, 12, 3)


def saved_file(client) -> bytes:
    response = client.get("/save-my-answers/")
    assert response.status_code == 200, response.content[:500]
    return response.content


def continue_from(client, data: bytes, name="my-ahsct-answers-2026-12-03.json"):
    return client.post("/continue/", {"saved_answers": SimpleUploadedFile(name, data, "application/json")})


def test_save_downloads_a_dated_signed_json_file_of_every_answer(client, catalogue):
    walk(client)
    response = client.get("/save-my-answers/")
    today = datetime.date.today().isoformat()
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="my-ahsct-answers-{today}.json"'
    assert response["Cache-Control"] == "no-store"
    answers, saved_on = answers_file.loads(response.content)
    assert saved_on.isoformat() == today
    assert set(answers) == {"role", "about", "disease", "edss", "activity", "treatments", "values"}  # no walking
    assert answers["about"] == GOOD_ANSWERS["about"]
    assert answers["treatments"]["dmts"] == ["natalizumab", "interferon-beta"]
    assert answers["values"] == GOOD_ANSWERS["values"]


def test_continuing_in_another_browser_gives_the_same_answers_and_results(client, catalogue):
    walk(client)
    data = saved_file(client)
    elsewhere = HttpsClient()
    response = continue_from(elsewhere, data)
    assert response.status_code == 302 and response["Location"] == "/results/"
    assert elsewhere.session["profile"] == client.session["profile"]
    results = elsewhere.get("/results/")
    assert "Your answers saved on" in page_text(results)
    after_message = "What the guidelines and studies say"
    assert page_text(results).split(after_message)[1] == page_text(client.get("/results/")).split(after_message)[1]
    # And the steps hold the answers, so that changing one later does not mean giving the others again.
    assert 'value="34"' in elsewhere.get("/questions/about/").content.decode()


def test_part_of_the_answers_can_be_saved_and_continued_from_the_first_unanswered_step(client, catalogue):
    walk(client, until="disease")
    data = saved_file(client)
    assert set(answers_file.loads(data)[0]) == {"role", "about", "disease"}
    elsewhere = HttpsClient()
    response = continue_from(elsewhere, data)
    assert response.status_code == 302 and response["Location"] == "/questions/edss/"
    assert "profile" not in elsewhere.session
    page = elsewhere.get("/questions/edss/")
    assert "Your answers saved on" in page_text(page) and "Step 4 of 7" in page_text(page)
    assert 'value="34"' in elsewhere.get("/questions/about/").content.decode()


def test_the_walking_step_goes_into_the_file_and_back_when_it_is_asked(client, catalogue):
    changed = dict(GOOD_ANSWERS, edss={"edss": "unknown"}, walking={"walking_range": "200m"})
    order = ["role", "about", "disease", "edss", "walking", "activity", "treatments", "values"]
    walk(client, {step: changed[step] for step in order})
    elsewhere = HttpsClient()
    assert continue_from(elsewhere, saved_file(client))["Location"] == "/results/"
    assert elsewhere.session["profile"]["walking_range"] == "200m" and elsewhere.session["profile"]["edss"] is None


def test_continuing_replaces_the_answers_in_this_browser(client, catalogue):
    walk(client, until="about")
    data = saved_file(client)
    other = HttpsClient()
    walk(other, dict(GOOD_ANSWERS, about={"age": "50", "sex": "male", "pregnancy_wish": "no"}))
    assert continue_from(other, data)["Location"] == "/questions/disease/"
    assert "profile" not in other.session
    assert 'value="34"' in other.get("/questions/about/").content.decode()


def test_saving_with_no_answers_yet_says_so(client, catalogue):
    response = client.get("/save-my-answers/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/role/"
    assert "There are no answers to save yet" in page_text(response)


def tampered(data: bytes) -> bytes:
    position = data.index(b'"34"') + 2
    return data[:position] + b"5" + data[position + 1:]


BAD_FILES = {
    "not JSON": (lambda data: b"Dear doctor, here are my answers", "not a saved answers file"),
    "another JSON file": (lambda data: json.dumps({"age": 34}).encode(), "not a saved answers file"),
    "one byte changed": (tampered, "changed since it was saved"),
    "old format": (lambda data: answers_file.dumps(answers_file.loads(data)[0], SAVED_ON, version=0),
                   "another version of this aid"),
    "too big": (lambda data: data + b" " * (answers_file.MAX_BYTES * 50), "too big"),
    "empty": (lambda data: b"", "the file you chose is empty"),
    "an age the questions do not allow": (
        lambda data: answers_file.dumps({"about": {"age": "12", "sex": "female", "pregnancy_wish": "yes"}}, SAVED_ON),
        "this aid is for adults from 18"),
    "years with MS beyond the age": (
        lambda data: answers_file.dumps({"about": {"age": "20", "sex": "female", "pregnancy_wish": "yes"},
                                         "disease": {"subtype": "rrms", "duration_years": "30"}}, SAVED_ON),
        "cannot be more than your age (20)"),
    "a treatment not in the catalogue": (
        lambda data: answers_file.dumps({"treatments": {"dmts": "no-such-drug",
                                                        "high_efficacy_contraindicated": "no"}}, SAVED_ON),
        "cannot be used any more"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_gets_a_message_naming_the_field_and_changes_nothing(client, catalogue, kind):
    make, expected = BAD_FILES[kind]
    walk(client)
    data, profile = saved_file(client), client.session["profile"]
    before = table_counts()
    response = continue_from(client, make(data))
    assert response.status_code == 200
    text = page_text(response)
    assert "Saved answers file: " in text and expected in text, text[:3000]
    assert "There is a problem with your saved answers file" in text
    assert "<title>Error:" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert table_counts() == before
    assert client.session["profile"] == profile, "the answers in this browser are kept"
    assert client.get("/results/").status_code == 200


def test_no_file_chosen_gets_a_message(client, catalogue):
    response = client.post("/continue/", {})
    assert response.status_code == 200
    assert "Saved answers file: please choose the file you saved" in page_text(response)


def test_continuing_stores_nothing_on_the_server(client, catalogue):
    walk(client)
    data = saved_file(client)
    before = table_counts()
    assert continue_from(HttpsClient(), data)["Location"] == "/results/"
    assert table_counts() == before
    assert before.get("django_session", 0) == 0


def test_continue_only_takes_a_post(client, catalogue):
    assert client.get("/continue/").status_code == 405


def test_the_home_page_offers_to_continue_from_a_file(client, catalogue):
    page = client.get("/").content.decode()
    assert 'action="/continue/"' in page and 'enctype="multipart/form-data"' in page
    assert 'type="file" name="saved_answers"' in page and "Continue from saved answers" in page
    assert 'aria-invalid' not in page and "Error:" not in page


def test_save_is_offered_on_the_results_summaries_and_steps(client, catalogue):
    walk(client)
    for path in ("/results/", "/summary/", "/summary/large-print/", "/results/questions-to-ask/",
                 "/questions/values/", "/questions/about/"):
        assert 'href="/save-my-answers/"' in client.get(path).content.decode(), path
    assert 'href="/save-my-answers/"' not in client.get("/questions/role/").content.decode()
