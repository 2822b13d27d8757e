"""CSRF: every form that posts carries a token, and a post without one is refused (403)."""
from urllib.parse import urldefrag, urljoin

import pytest

from tests.conftest import HttpsClient

from ..questionnaire.test_wizard import GOOD_ANSWERS, PREFIX
from .pages import RESULTS_PART_PATHS, STEP_PATHS, SURE_PATH, answered, every_step_open, forms_of, public_paths


class CsrfCheckedClient(HttpsClient):
    """A browser as far as CSRF goes: Django checks its token (the test client skips that by default), and its
    posts say where they come from (Origin), as browsers' do."""

    def __init__(self, **defaults):
        super().__init__(enforce_csrf_checks=True, HTTP_ORIGIN="https://testserver", **defaults)


@pytest.fixture
def csrf_client(client, db):
    """The questionnaire answered (through the ordinary test client), then the same cookies in a checked client."""
    answered(client)
    every_step_open(client)
    checked = CsrfCheckedClient()
    checked.cookies = client.cookies
    return checked


def html_pages(client) -> dict[str, object]:
    pages = {}
    for path in public_paths() + STEP_PATHS + RESULTS_PART_PATHS + ["/admin/login/"]:
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages[path] = response
    return pages


def test_the_public_pages_are_found(db):
    paths = public_paths()
    for expected in ("/", "/results/", "/privacy/", "/glossary/", "/evidence/", "/start-again/"):
        assert expected in paths
    assert not any(path.startswith("/admin/") for path in paths)


def test_every_form_that_posts_carries_a_csrf_token(client, db):
    answered(client)
    every_step_open(client)
    pages = html_pages(client)
    for required in ("/", "/results/", SURE_PATH, "/privacy/", "/admin/login/", *STEP_PATHS):
        assert required in pages, f"{required} did not open"
    posting = 0
    for path, response in pages.items():
        for form in forms_of(response):
            if form.method == "post":
                posting += 1
                assert form.csrf_token, f"a form on {path} posts to {form.attrs.get('action')!r} without a token"
    # the questionnaire steps (each its answer), the SURE test, privacy (Start again), admin login
    assert posting >= len(STEP_PATHS) + 3


def post_targets(client) -> set[str]:
    """Where the site's own forms post to (an empty action posts to the page itself)."""
    targets = set()
    for path, response in html_pages(client).items():
        for form in forms_of(response):
            if form.method == "post":
                targets.add(urldefrag(urljoin(path, form.attrs.get("action", ""))).url)
    return targets


def test_a_post_without_a_token_is_refused_everywhere(csrf_client):
    targets = post_targets(csrf_client)
    assert {"/start-again/", SURE_PATH, "/admin/login/", *STEP_PATHS} <= targets
    for target in sorted(targets):
        response = csrf_client.post(target, {"anything": "at all"})
        assert response.status_code == 403, target
    # A token from another visit is no good either.
    response = csrf_client.post("/questions/role/", {"csrfmiddlewaretoken": "x" * 64, f"{PREFIX}-current_step": "role"})
    assert response.status_code == 403


def test_the_same_posts_with_the_page_token_go_through(csrf_client):
    """The 403s above come from the missing token, not from anything else about the posts."""
    page = csrf_client.get("/questions/role/")
    [form] = [f for f in forms_of(page) if f.method == "post" and f.attrs.get("action") == "/questions/role/"]
    response = csrf_client.post("/questions/role/", {
        "csrfmiddlewaretoken": form.csrf_token, f"{PREFIX}-current_step": "role", "role-role": GOOD_ANSWERS["role"]["role"],
    })
    assert response.status_code == 302 and response["Location"] == "/questions/about/"
