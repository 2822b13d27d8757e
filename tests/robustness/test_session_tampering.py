"""A session cookie that was tampered with, or is just noise, counts as no answers: the visitor is sent to the
questions with a message, never shown an error, and can answer again."""
import re
from collections import Counter

from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from .conftest import assert_page_or_redirect, browser, robust

SESSION = settings.SESSION_COOKIE_NAME
COOKIE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:."
PAGES_WITH_ANSWERS = ["/results/", "/summary/", "/summary/clinician/"]


def check_treated_as_new_visitor(client, sent: Counter, context) -> None:
    for path in PAGES_WITH_ANSWERS:
        response = client.get(path)
        sent["requests"] += 1
        assert response.status_code == 302 and response["Location"] == "/questions/", (path, context)
    page = client.get("/questions/", follow=True)
    sent["requests"] += 1
    assert page.status_code == 200 and page.redirect_chain[-1][0] == "/questions/role/", context
    assert "Please answer the questions first" in page.content.decode(), context
    about = client.get("/questions/about/")
    sent["requests"] += 1
    assert about.status_code == 200 and not re.search(r'name="about-age"[^>]*value="\d+"', about.content.decode())
    # and they can answer again
    response = client.post("/questions/role/", {"questionnaire_wizard-current_step": "role", "role-role": "patient"})
    sent["requests"] += 1
    assert_page_or_redirect(response, context)
    assert response.status_code == 302, context


def test_the_start_sessions_really_hold_answers(start_sessions):
    client = browser(start_sessions["finished"])
    assert client.get("/results/").status_code in (200, 302)
    assert client.session["profile"]["age"] == 34


def test_a_valid_cookie_with_one_character_changed_holds_no_answers(start_sessions):
    sent = Counter()
    original = start_sessions["finished"][SESSION].value

    @robust(max_examples=40)
    @given(position=st.integers(0, len(original) - 1), replacement=st.sampled_from(COOKIE_CHARS))
    def one_character(position, replacement):
        tampered = original[:position] + replacement + original[position + 1:]
        if tampered == original:
            return
        client = browser(start_sessions["finished"])
        client.cookies[SESSION] = tampered
        check_treated_as_new_visitor(client, sent, tampered)

    one_character()
    print(f"\none character changed: {sent['requests']} requests")
    assert sent["requests"] >= 100


def test_a_cookie_of_random_bytes_holds_no_answers(start_sessions):
    sent = Counter()

    @robust(max_examples=30)
    # A WSGI server hands Django the header's bytes decoded as ISO-8859-1, so that is how any bytes arrive.
    @given(noise=st.one_of(
        st.binary(max_size=600).map(lambda raw: raw.decode("latin-1")),
        st.text(alphabet=COOKIE_CHARS, max_size=600),
        st.text(max_size=100).map(lambda text: text.encode("utf-8").decode("latin-1")),
    ))
    def noise_cookie(noise):
        client = browser(start_sessions["finished"])
        client.cookies[SESSION] = noise
        check_treated_as_new_visitor(client, sent, noise)

    noise_cookie()
    print(f"\nrandom cookies: {sent['requests']} requests")
    assert sent["requests"] >= 100
