"""Changing one answer: every answer read back has a "Change" link to the step that asks it (on "Check your
answers", the values part and the patient summary), and "See my results" on a step, once every step has an
answer, keeps the changed answer and goes straight back to the results, or to a question the change brought up.
The same in Chromium: tests/browser/test_change_answer.py."""
import re

import pytest

from decisionaid.evidence.loading import load_evidence
from decisionaid.questionnaire import answers
from decisionaid.questionnaire.views import STEPS, STEP_TOTAL

from .test_wizard import GOOD_ANSWERS, page_text, post_step, walk

STEP_NAMES = [name for name, _ in STEPS]
CHANGE_LINK = re.compile(
    r'<a class="change-link" href="/questions/([a-z_]+)/">Change<span class="visually-hidden"> your answer to “([^”]+)”'
)


@pytest.fixture
def evidence(db):
    load_evidence()


def in_order(**changes) -> dict:
    """GOOD_ANSWERS with some steps answered differently (or added), in the questionnaire's order."""
    steps = {**GOOD_ANSWERS, **changes}
    return {step: steps[step] for step in STEP_NAMES if step in steps}


def finish(client, step, step_answers):
    """Send a step with "See my results" (the wizard_finish button)."""
    return post_step(client, step, step_answers, wizard_finish="1")


def change_links(response) -> dict[str, str]:
    """label -> step, for every "Change" link on the page."""
    return {label: step for step, label in CHANGE_LINK.findall(response.content.decode())}


def checked_options(response, field) -> list[str]:
    content = response.content.decode()
    return [match for match in re.findall(r"<input[^>]*>", content) if f'name="{field}"' in match and "checked" in match]


# -- where each answer is asked ------------------------------------------------------------------------------


SAVED = {
    "role": "patient", "age": 34, "sex": "female", "pregnancy_wish": "yes", "subtype": "rrms",
    "disease_duration_years": "6", "edss": None, "walking_range": "200m", "relapses_12m": 2,
    "mri_activity_12m": "yes", "disability_worsened_12m": "no", "dmts": ["natalizumab"],
    "high_efficacy_contraindicated": False, "treatment_abroad": "yes",
    "values": {"stop_activity": "very", "avoid_risks": "somewhat", "fertility": "very", "time_away": "not",
               "no_ongoing_treatment": "unsure"},
}
OTHER = {
    "role": "clinician", "age": 50, "sex": "male", "pregnancy_wish": "no", "subtype": "ppms",
    "disease_duration_years": "9", "edss": "4.0", "walking_range": "100m", "relapses_12m": 0,
    "mri_activity_12m": "no", "disability_worsened_12m": "yes", "dmts": [], "high_efficacy_contraindicated": True,
    "stop_activity": "not", "avoid_risks": "very", "fertility": "not", "time_away": "very",
    "no_ongoing_treatment": "very", "treatment_abroad": "no",
}


@pytest.mark.parametrize("key", sorted(answers.ASKED_AT))
def test_each_answer_is_asked_on_the_step_its_change_link_opens_and_only_there(key):
    """Changing the saved answer changes what that step starts with, and no other step's."""
    changed = {**SAVED, "values": dict(SAVED["values"])}
    if key in answers.VALUE_KEYS:
        changed["values"][key] = OTHER[key]
    else:
        changed[key] = OTHER[key]
    moved = [step for step in STEP_NAMES
             if answers.initial_for_step(step, SAVED) != answers.initial_for_step(step, changed)]
    assert moved == [answers.ASKED_AT[key]]


def test_every_profile_field_and_value_has_a_step():
    assert set(answers.ASKED_AT) == (set(SAVED) - {"values"}) | set(answers.VALUE_KEYS)
    assert set(answers.ASKED_AT.values()) == set(STEP_NAMES)


# -- "Check your answers" ------------------------------------------------------------------------------------


def test_check_your_answers_lists_every_answer_with_a_change_link_to_its_step(client, evidence):
    walk(client, in_order(edss={"edss": "unknown"}, walking={"walking_range": "200m"}))
    response = client.get("/answers/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Check your answers" in text
    links = change_links(response)
    assert links == {
        "Answering as": "role", "Age": "about", "Sex": "about", "Would like a child in the future": "about",
        "Type of MS": "disease", "Years since first symptoms": "disease", "EDSS": "edss",
        "Walking without rest": "walking", "Relapses in the last 12 months": "activity",
        "New or active lesions on MRI in the last 12 months": "activity",
        "Disability worse in the last 12 months": "activity", "MS treatments taken": "treatments",
        "Strongest MS medicines not possible": "treatments",
        "Stopping relapses and MS getting worse": "values", "Avoiding the risks of strong chemotherapy": "values",
        "Keeping the chance of having children": "values", "Avoiding weeks away from home and work": "values",
        "Not needing ongoing infusions or tablets": "values",
    }
    assert "34 years" in text and "at least 200 metres without help" in text and "Natalizumab" in text
    assert "Your EDSS is approximate" in text
    assert 'href="/results/"' in response.content.decode()


def test_check_your_answers_without_answers_sends_to_the_questions_with_a_message(client, evidence):
    response = client.get("/answers/", follow=True)
    assert response.redirect_chain[0] == ("/questions/", 302)
    assert "Please answer the questions first" in page_text(response)


def test_the_values_part_and_the_patient_summary_have_a_change_link_per_answer(client, evidence):
    walk(client)
    values = client.get("/results/what-matters-to-you/")
    assert set(change_links(values).values()) == {"values"} and len(change_links(values)) == 5
    assert 'href="/answers/"' in values.content.decode()
    for url in ("/summary/", "/summary/large-print/"):
        summary = client.get(url)
        assert len(change_links(summary)) == 17, url  # 12 answers (no walking range) and 5 values
        assert 'href="/answers/"' in summary.content.decode()
    assert 'href="/answers/"' in client.get("/summary/clinician/").content.decode()


# -- "See my results" on a step ------------------------------------------------------------------------------


def test_see_my_results_is_offered_on_every_step_but_the_last_once_every_step_is_answered(client, evidence):
    walk(client, until="about")
    assert 'name="wizard_finish"' not in client.get("/questions/disease/").content.decode()
    walk(client)
    for step in STEP_NAMES:
        if step == "walking":
            continue  # not asked: the EDSS is known
        page = client.get(f"/questions/{step}/")
        content = page.content.decode()
        # The last step's own button is "See my results"; every other step has it as well as Next.
        assert ('name="wizard_finish"' in content) == (step != "values"), step
        assert f'action="/questions/{step}/"' in content, step


def test_a_changed_answer_goes_straight_back_to_the_results_and_keeps_the_others(client, evidence):
    walk(client)
    before = dict(client.session["profile"])
    response = finish(client, "edss", {"edss": "5.5"})
    assert response.status_code == 302 and response["Location"] == "/questions/done/"
    assert client.get(response["Location"])["Location"] == "/results/"
    after = client.session["profile"]
    assert after == {**before, "edss": "5.5"}
    assert client.get("/results/").status_code == 200


def test_a_bad_changed_answer_is_refused_with_a_message_and_nothing_changes(client, evidence):
    walk(client)
    before = dict(client.session["profile"])
    response = finish(client, "about", {"age": "abc", "sex": "female", "pregnancy_wish": "yes"})
    assert response.status_code == 200
    assert "Age: please enter a whole number" in page_text(response)
    assert client.session["profile"] == before


def test_a_change_that_brings_up_the_walking_question_asks_it_and_invents_no_answer(client, evidence):
    walk(client)
    before = dict(client.session["profile"])
    response = finish(client, "edss", {"edss": "unknown"})
    assert response.status_code == 302 and response["Location"] == "/questions/walking/"
    walking = client.get("/questions/walking/")
    assert "brings up one more question" in page_text(walking)
    assert checked_options(walking, "walking-walking_range") == []  # never asked before: nothing chosen for them
    assert client.session["profile"] == before  # the results stay as they were until it is answered
    # Answering it is enough: "See my results" from here (the other steps are kept).
    assert 'name="wizard_finish"' not in walking.content.decode()  # not every step is answered yet
    response = post_step(client, "walking", {"walking_range": "200m"})
    assert response["Location"] == "/questions/activity/"
    assert 'name="wizard_finish"' in client.get("/questions/activity/").content.decode()
    response = finish(client, "activity", GOOD_ANSWERS["activity"])
    assert client.get(response["Location"])["Location"] == "/results/"
    assert client.session["profile"] == {**before, "edss": None, "walking_range": "200m"}


def test_see_my_results_sent_before_every_step_is_answered_asks_the_first_unanswered_one(client, evidence):
    walk(client, until="disease")
    response = finish(client, "about", GOOD_ANSWERS["about"])
    assert response["Location"] == "/questions/edss/"
    assert "Please answer this question too" in page_text(client.get("/questions/edss/"))
    assert "profile" not in client.session


def test_a_walking_question_never_asked_is_not_answered_by_finishing_another_way(client, evidence):
    """Next on the EDSS step, then /questions/done/ (or a stale results link): the walking step is asked."""
    walk(client)
    post_step(client, "edss", {"edss": "unknown"})
    response = client.get("/questions/done/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/walking/"
    assert client.session["profile"]["edss"] == "3.5"


def test_a_walking_answer_given_before_is_kept_when_the_edss_is_changed_back(client, evidence):
    walk(client, in_order(edss={"edss": "unknown"}, walking={"walking_range": "100m_one_aid"}))
    walking = client.get("/questions/walking/")
    assert len(checked_options(walking, "walking-walking_range")) == 1 and 'value="100m_one_aid"' in walking.content.decode()
    response = finish(client, "edss", {"edss": "6.5"})
    assert client.get(response["Location"])["Location"] == "/results/"
    assert client.session["profile"]["edss"] == "6.5" and client.session["profile"]["walking_range"] is None


def test_the_home_page_counts_the_steps_as_the_counter_does(client, evidence):
    text = page_text(client.get("/"))
    assert f"There are {STEP_TOTAL} short steps." in text and "7 or 8" not in text
