"""/privacy/: says what is (not) stored and logged, and its "Start again" button really clears the answers."""
from importlib import import_module

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


def test_the_start_again_button_posts_to_start_again_with_a_csrf_token(client, db):
    form = start_again_form(parse(client.get(URL)))
    assert form.attrs.get("method", "").lower() == "post"
    assert csrf_token(form)
    buttons = [b for b in form.find_all("button") if b.attrs.get("type", "submit") == "submit"]
    assert len(buttons) == 1 and "Start again" in buttons[0].text


def test_the_start_again_button_clears_the_answers(db):
    # A browser-like client that enforces CSRF, so the form must carry a valid token.
    browser = HttpsClient(enforce_csrf_checks=True)

    # Put answers in the signed session cookie, as the questionnaire does.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["profile"] = {"age": 34, "subtype": "rrms"}
    store.save()
    browser.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    assert browser.session["profile"] == {"age": 34, "subtype": "rrms"}

    privacy = parse(browser.get(URL))
    form = start_again_form(privacy)

    # Without the token the post is refused and nothing is cleared, so the token is what makes it work.
    refused = browser.post(form.attrs["action"], {}, HTTP_REFERER="https://testserver/privacy/")
    assert refused.status_code == 403
    assert browser.session["profile"]

    response = browser.post(
        form.attrs["action"], {"csrfmiddlewaretoken": csrf_token(form)}, HTTP_REFERER="https://testserver/privacy/"
    )
    assert response.status_code == 302 and response["Location"] == reverse("pages:home")
    assert dict(browser.session.items()) == {}, "every answer is gone"
    home = browser.get(response["Location"])
    assert "All your answers have been cleared." in home.content.decode()


def test_headings_in_order_and_nothing_inline(client, db):
    response = client.get(URL)
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)
