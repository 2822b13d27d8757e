"""The optional question on the values step, "Are you thinking of treatment at a private clinic or abroad?": it
does not change the step count, is kept in the session when answered, comes back when the step is changed, is
read back on the summary, and a bad value gets a message naming it."""
from .test_wizard import GOOD_ANSWERS, catalogue, page_text, post_step, walk  # noqa: F401  (catalogue: a fixture)

QUESTION = "Are you thinking of treatment at a private clinic or abroad?"


def with_abroad(answer: str) -> dict:
    return dict(GOOD_ANSWERS, values={**GOOD_ANSWERS["values"], "treatment_abroad": answer})


def test_it_is_asked_on_the_values_step_which_stays_the_last_of_7(client, catalogue):
    walk(client, until="treatments")
    page = page_text(client.get("/questions/values/"))
    assert QUESTION in page and "Step 7 of 7" in page and "I'm not sure" in page


def test_an_answer_is_kept_in_the_session_and_shown_again_when_the_step_is_changed(client, catalogue):
    walk(client, with_abroad("unsure"))
    assert client.session["profile"]["treatment_abroad"] == "unsure"
    again = client.get("/questions/values/").content.decode()
    assert 'value="unsure"' in again and 'name="values-treatment_abroad"' in again
    checked = [line for line in again.split("<input") if 'value="unsure"' in line and "treatment_abroad" in line]
    assert checked and "checked" in checked[0]


def test_left_out_it_is_not_in_the_session(client, catalogue):
    walk(client)
    assert "treatment_abroad" not in client.session["profile"]


def test_it_is_read_back_on_the_summary(client, catalogue):
    walk(client, with_abroad("yes"))
    assert "Thinking of treatment at a private clinic or abroad Yes" in page_text(client.get("/summary/"))


def test_a_bad_value_gets_a_message_naming_the_question_and_loses_no_answer(client, catalogue):
    walk(client, until="treatments")
    response = post_step(client, "values", {**GOOD_ANSWERS["values"], "treatment_abroad": "tomorrow"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Treatment at a private clinic or abroad: please choose yes, no or I'm not sure." in text
    kept = [tag for tag in response.content.decode().split("<input") if 'name="values-stop_activity"' in tag]
    assert any('value="very"' in tag and "checked" in tag for tag in kept)  # the other answers on the page stay
