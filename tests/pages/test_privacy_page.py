"""/privacy/: says what is (not) stored and logged, and its "Start again" button really clears the answers."""
from importlib import import_module

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import HttpsClient

from .html_tree import assert_headings_in_order, assert_nothing_inline, main, parse

URL = "/privacy/"


def csrf_token(form) -> str:
    [token] = [i.attrs["value"] for i in form.find_all("input") if i.attrs.get("name") == "csrfmiddlewaretoken"]
    assert token
    return token


def start_again_form(document):
    forms = [f for f in main(document).find_all("form") if f.attrs.get("action") == "/start-again/"]
    assert len(forms) == 1, "one Start again form on the page"
    return forms[0]


def start_again_link(document) -> str:
    [link] = [a.attrs["href"] for a in main(document).find_all("a") if "Start again" in a.text]
    return link


def test_the_url_is_named():
    assert reverse("pages:privacy") == URL


def test_the_page_says_what_is_stored_and_logged(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    text = main(parse(response)).text
    for phrase in (
        "never saved on our server",
        "cookie",
        "close your browser",
        "Start again",
        "signed",
        "not encrypted",
        "signed, not encrypted",
        "anyone who uses this device",
        "read them on the screen",
        "shared computer, such as one in a clinic",
        "access logs",
        "page address, the time and the IP address",
        "never hold your answers",
        "no analytics",
        "no scripts or fonts from other companies",
        "only accounts are for the editors",
    ):
        assert phrase in text, phrase


def test_start_again_asks_first_on_a_page_that_posts_with_a_csrf_token(client, db):
    link = start_again_link(parse(client.get(URL)))
    assert link == "/start-again/?next=/privacy/"
    confirm = parse(client.get(link))
    assert "Clear all your answers?" in main(confirm).text
    form = start_again_form(confirm)
    assert form.attrs.get("method", "").lower() == "post"
    assert csrf_token(form)
    buttons = [b for b in form.find_all("button") if b.attrs.get("type", "submit") == "submit"]
    assert len(buttons) == 1 and buttons[0].text.strip() == "Yes, clear my answers"
    [back] = [a.attrs["href"] for a in main(confirm).find_all("a") if a.text.strip() == "No, go back"]
    assert back == URL
    assert "/save-my-answers/" in [a.attrs["href"] for a in main(confirm).find_all("a")], "suggests saving first"


def test_the_privacy_page_says_how_the_saved_answers_file_works(client, db):
    text = main(parse(client.get(URL))).text
    for phrase in ("Save my answers", "on your own device", "We keep no copy", "Continue from saved answers",
                   "signed, not encrypted", "anyone who has the file can open it and read your answers",
                   "keeps nothing of the file"):
        assert phrase in text, phrase


def test_the_start_again_button_clears_the_answers_only_when_confirmed(db):
    # A browser-like client that enforces CSRF, so the form must carry a valid token.
    browser = HttpsClient(enforce_csrf_checks=True)

    # Put answers in the signed session cookie, as the questionnaire does.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["profile"] = {"age": 34, "subtype": "rrms"}
    store.save()
    browser.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert browser.session["profile"] == {"age": 34, "subtype": "rrms"}

    confirm = parse(browser.get(start_again_link(parse(browser.get(URL)))))
    assert browser.session["profile"], "asking does not clear"
    form = start_again_form(confirm)

    # Without the token the post is refused and nothing is cleared, so the token is what makes it work.
    refused = browser.post(form.attrs["action"], {}, HTTP_REFERER="https://testserver/start-again/")
    assert refused.status_code == 403
    assert browser.session["profile"]

    response = browser.post(
        form.attrs["action"], {"csrfmiddlewaretoken": csrf_token(form)}, HTTP_REFERER="https://testserver/start-again/"
    )
    assert response.status_code == 302 and response["Location"] == reverse("pages:home")
    assert dict(browser.session.items()) == {}, "every answer is gone"
    home = browser.get(response["Location"])
    assert "All your answers have been cleared." in home.content.decode()


@pytest.mark.parametrize("next_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)", ""])
def test_no_go_back_never_leads_off_the_site(client, db, next_url):
    confirm = parse(client.get("/start-again/", {"next": next_url}))
    [back] = [a.attrs["href"] for a in main(confirm).find_all("a") if a.text.strip() == "No, go back"]
    assert back == "/"


def test_headings_in_order_and_nothing_inline(client, db):
    response = client.get(URL)
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)
