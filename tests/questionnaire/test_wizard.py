"""The questionnaire, walked through the test client: one step per URL, Back keeps answers, bad input gets a
message naming the question, and the answers end up only in the person's session cookie
(tests/security/test_no_patient_data.py checks the database and the logs)."""
import html
import re

import pytest

from benchmarks.journeys import PATIENT_ANSWERS as GOOD_ANSWERS, WIZARD_PREFIX as PREFIX
from decisionaid.evidence.models import Treatment


@pytest.fixture
def catalogue(db):
    for order, (slug, name, he) in enumerate(
        [("interferon-beta", "Interferon beta", False), ("natalizumab", "Natalizumab", True)]
    ):
        Treatment.objects.create(slug=slug, name=name, plain_group="Infusions or injections", high_efficacy=he,
                                 display_order=order)


def post_step(client, step, answers, **extra):
    data = {f"{PREFIX}-current_step": step, **extra}
    for field, value in answers.items():
        data[f"{step}-{field}"] = value
    return client.post(f"/questions/{step}/", data)


def walk(client, answers=GOOD_ANSWERS, until=None):
    response = None
    for step, step_answers in answers.items():
        response = post_step(client, step, step_answers)
        assert response.status_code == 302, (step, response.content.decode()[:3000])
        if step == until:
            return response
    # After the last step the wizard checks every step again at /questions/done/, then shows the results.
    assert response["Location"] == "/questions/done/"
    return client.get(response["Location"])


def page_text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_questions_opens_the_first_step(client, catalogue):
    response = client.get("/questions/")
    assert response.status_code == 302 and response["Location"] == "/questions/role/"
    page = client.get("/questions/role/")
    # The total never changes: the walking question, when asked, shares the EDSS step's number.
    assert "Step 1 of 7" in page_text(page)
    assert "Who is answering these questions?" in page_text(page)


def test_a_complete_walk_ends_on_the_results_with_the_profile_in_the_session(client, catalogue):
    response = walk(client)
    assert response["Location"] == "/results/"
    profile = client.session["profile"]
    assert profile == {
        "role": "patient", "age": 34, "sex": "female", "pregnancy_wish": "yes", "subtype": "rrms",
        "disease_duration_years": "6", "edss": "3.5", "walking_range": None, "relapses_12m": 2,
        "mri_activity_12m": "yes", "disability_worsened_12m": "no", "dmts": ["natalizumab", "interferon-beta"],
        "high_efficacy_contraindicated": False,
        "values": GOOD_ANSWERS["values"],
    }


def test_a_known_edss_skips_the_walking_step(client, catalogue):
    walk(client, until="edss")
    assert "Step 5 of 7" in page_text(client.get("/questions/activity/"))
    response = client.get("/questions/walking/")
    assert response.status_code == 302 and "walking" not in response["Location"]


def test_walking_range_is_asked_only_when_edss_is_unknown(client, catalogue):
    answers = dict(GOOD_ANSWERS, edss={"edss": "unknown"})
    walk(client, answers, until="edss")
    assert client.get("/questions/activity/").status_code == 200
    page = client.get("/questions/walking/")
    assert "Step 4 of 7, one more question" in page_text(page)
    assert "Step 5 of 7" in page_text(client.get("/questions/activity/"))
    assert post_step(client, "walking", {"walking_range": "100m_one_aid"}).status_code == 302
    for step in ("activity", "treatments", "values"):
        post_step(client, step, GOOD_ANSWERS[step])
    client.get("/questions/done/")
    profile = client.session["profile"]
    assert profile["edss"] is None and profile["walking_range"] == "100m_one_aid"


def test_i_dont_know_is_accepted_and_becomes_unknown(client, catalogue):
    answers = dict(
        GOOD_ANSWERS,
        disease={"subtype": "unsure", "duration_unknown": "on"},
        edss={"edss": "unknown"},
        walking={"walking_range": "unknown"},
        activity={"relapses_unknown": "on", "mri_activity": "unknown", "disability_worsened": "unknown"},
        treatments={"high_efficacy_contraindicated": "unknown"},
    )
    answers = {step: answers[step] for step in ("role", "about", "disease", "edss", "walking", "activity", "treatments", "values")}
    assert walk(client, answers)["Location"] == "/results/"
    profile = client.session["profile"]
    assert profile["subtype"] == "unsure"
    assert profile["disease_duration_years"] is None and profile["edss"] is None and profile["walking_range"] is None
    assert profile["relapses_12m"] is None and profile["high_efficacy_contraindicated"] is None
    assert profile["dmts"] == []


def test_back_keeps_the_answers_given(client, catalogue):
    walk(client, until="about")
    # On the disease step, type an answer and go Back: both it and the earlier answers survive.
    response = post_step(client, "disease", GOOD_ANSWERS["disease"], wizard_goto_step="about")
    assert response.status_code == 302 and response["Location"] == "/questions/about/"
    about = client.get("/questions/about/").content.decode()
    assert 'value="34"' in about
    disease = client.get("/questions/disease/").content.decode()
    assert 'value="6"' in disease


@pytest.mark.parametrize(
    "step, answers, message",
    [
        ("about", {"age": "abc", "sex": "female", "pregnancy_wish": "no"}, "Age: please enter a whole number"),
        ("about", {"age": "12", "sex": "female", "pregnancy_wish": "no"}, "from 18 to 90 years old"),
        ("about", {"age": "200", "sex": "female", "pregnancy_wish": "no"}, "from 18 to 90 years old"),
        ("about", {"age": "34", "pregnancy_wish": "no"}, "What sex were you given at birth?"),
        ("about", {"age": "34", "sex": "robot", "pregnancy_wish": "no"}, "choose one of the answers to “What sex"),
        ("disease", {"subtype": "rrms", "duration_years": "40"}, "cannot be more than your age (34)"),
        ("disease", {"subtype": "rrms"}, "enter a number, or tick “I don't know”"),
        ("disease", {"subtype": "rrms", "duration_years": "5", "duration_unknown": "on"}, "not both"),
        ("disease", {"subtype": "rrms", "duration_years": "-2"}, "cannot be less than 0"),
        ("edss", {"edss": "11"}, "EDSS: choose a score from 0 to 10 in steps of 0.5"),
        ("edss", {"edss": "3.2"}, "EDSS: choose a score from 0 to 10 in steps of 0.5"),
        ("activity", {"relapses": "-1", "mri_activity": "no", "disability_worsened": "no"}, "Relapses cannot be less than 0"),
        ("activity", {"relapses": "lots", "mri_activity": "no", "disability_worsened": "no"}, "Relapses: please enter a whole number"),
        ("treatments", {"dmts": ["snake-oil"], "high_efficacy_contraindicated": "no"}, "Treatments: “snake-oil” is not one of"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_question(client, catalogue, step, answers, message):
    order = list(GOOD_ANSWERS)
    walk(client, until=order[order.index(step) - 1])
    response = post_step(client, step, answers)
    assert response.status_code == 200
    text = page_text(response)
    assert message in text
    assert "There is a problem with your answers" in text
    # The error summary links to an element of the field it is about.
    content = response.content.decode()
    targets = re.findall(r'<li><a href="#(id_' + step + r'-[^"]+)"', content)
    assert targets and all(f'id="{target}"' in content for target in targets)


def test_earlier_good_answers_survive_a_bad_one(client, catalogue):
    walk(client, until="disease")
    post_step(client, "edss", {"edss": "42"})
    assert 'value="34"' in client.get("/questions/about/").content.decode()


def test_results_without_answers_sends_the_visitor_to_the_questions_with_a_message(client, db):
    response = client.get("/results/", follow=True)
    assert response.redirect_chain[0] == ("/questions/", 302)
    assert "Please answer the questions first" in page_text(response)


def test_start_again_clears_every_answer(client, catalogue):
    walk(client)
    assert "profile" in client.session
    response = client.post("/start-again/", follow=True)
    assert "All your answers have been cleared" in page_text(response)
    assert "profile" not in client.session
    assert 'value="34"' not in client.get("/questions/about/").content.decode()


def test_changing_answers_after_finishing_starts_from_the_saved_answers(client, catalogue):
    walk(client)
    assert 'value="34"' in client.get("/questions/about/").content.decode()


def test_after_finishing_one_answer_can_be_changed_without_giving_the_others_again(client, catalogue):
    walk(client)
    assert post_step(client, "edss", {"edss": "5.5"})["Location"] == "/questions/activity/"
    response = client.get("/questions/done/")
    assert response.status_code == 302 and response["Location"] == "/results/"
    profile = client.session["profile"]
    assert profile["edss"] == "5.5"
    assert profile["age"] == 34 and profile["dmts"] == ["natalizumab", "interferon-beta"]
    assert profile["values"] == GOOD_ANSWERS["values"]


def test_after_finishing_the_last_page_sent_again_opens_the_results(client, catalogue):
    walk(client)
    response = post_step(client, "values", {**GOOD_ANSWERS["values"], "avoid_risks": "very"})
    assert response["Location"] == "/questions/done/"
    assert client.get(response["Location"])["Location"] == "/results/"
    assert client.session["profile"]["values"]["avoid_risks"] == "very"


def test_a_saved_answer_that_no_longer_fits_is_asked_again(client, catalogue):
    walk(client)
    Treatment.objects.filter(slug="natalizumab").delete()
    response = client.get("/questions/done/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/treatments/"
    assert "Please answer this question first" in page_text(response)
    # Every other answer was kept: answering this one is enough to finish.
    post_step(client, "treatments", {"dmts": ["interferon-beta"], "high_efficacy_contraindicated": "no"})
    assert client.get("/questions/done/")["Location"] == "/results/"


# That the answers never reach the database or the logs: tests/security/test_no_patient_data.py
