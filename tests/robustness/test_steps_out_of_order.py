"""Steps answered in any order, skipped, repeated, or opened before their turn: never an error, and every good
answer given is kept. Once every step has a good answer, the results open."""
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from ..questionnaire.test_wizard import GOOD_ANSWERS, PREFIX
from .conftest import assert_page_or_redirect, browser, robust

ORDER = list(GOOD_ANSWERS)  # role, about, disease, edss, activity, treatments, values (EDSS known: no walking)
EXPECTED_AGE = int(GOOD_ANSWERS["about"]["age"])


def good_post(step: str) -> dict:
    data = {f"{PREFIX}-current_step": step}
    data.update({f"{step}-{field}": value for field, value in GOOD_ANSWERS[step].items()})
    return data


def test_every_order_of_answers_reaches_the_results_with_every_answer(catalogue):
    sent = Counter()

    @robust(max_examples=60)
    @given(
        order=st.permutations(ORDER),
        repeats=st.lists(st.sampled_from(ORDER), max_size=4),
        peeks=st.lists(st.sampled_from(ORDER + ["walking", "done"]), max_size=3),
    )
    def any_order(order, repeats, peeks):
        client = browser()
        for step in peeks:  # opening a later step first is allowed; it just shows that step
            response = client.get(f"/questions/{step}/")
            sent["requests"] += 1
            assert response.status_code in (200, 302), (step, response.status_code)
        for step in list(order) + repeats:
            response = client.post(f"/questions/{step}/", good_post(step))
            sent["posts"] += 1
            assert_page_or_redirect(response, (order, step))
            assert response.status_code == 302, (order, step, "a good answer is taken whatever the order")
            if response["Location"] == "/questions/done/":  # the last step: finishing checks every step
                assert client.get("/questions/done/").status_code == 302
                sent["requests"] += 1
        if "profile" not in client.session:
            # The last step was not answered last: finishing checks every step again, and all are there.
            response = client.get("/questions/done/")
            sent["requests"] += 1
            assert response["Location"] == "/results/", (order, repeats, response["Location"])
        profile = client.session["profile"]
        assert profile["age"] == EXPECTED_AGE and profile["edss"] == "3.5" and profile["relapses_12m"] == 2
        assert profile["dmts"] == GOOD_ANSWERS["treatments"]["dmts"]

    any_order()
    print(f"\nout of order: {sent['posts']} posts, {sent['requests']} other requests")
    assert sent["posts"] >= 60 * len(ORDER)


def test_a_later_step_first_in_a_new_session_is_kept(catalogue):
    """A page answered in a session with no step yet (a restored tab): the answers are checked against their
    own step, kept, and the person is sent on; finishing then asks for what is missing."""
    client = browser()
    response = client.post("/questions/edss/", good_post("edss"))
    assert response.status_code == 302 and response["Location"] == "/questions/activity/"  # EDSS known: no walking
    response = client.get("/questions/done/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/role/"
    assert "Please answer this question first" in response.content.decode()
    assert client.session["wizard_questionnaire_wizard"]["step_data"]["edss"] == {"edss-edss": ["3.5"]}
