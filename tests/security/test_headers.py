"""Security headers and cookies with the production settings (the test run has debug off and HTTPS on)."""
import re
from pathlib import Path

import pytest

from .pages import answered

PAGES = ["/", "/questions/role/", "/results/"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture
def pages(client, db):
    answered(client)
    responses = {path: client.get(path) for path in PAGES}
    assert all(response.status_code == 200 for response in responses.values()), {
        path: response.status_code for path, response in responses.items()
    }
    return responses


def test_a_content_security_policy_with_nothing_inline_and_no_eval(pages):
    for path, response in pages.items():
        check_csp(response)


def check_csp(response):
    header = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert "Content-Security-Policy-Report-Only" not in response.headers


def test_https_only_no_sniffing_no_framing_and_a_referrer_policy(pages):
    for path, response in pages.items():
        check_transport_headers(response.headers)


def check_transport_headers(headers):
    hsts = dict(
        (item.strip().split("=") + [""])[:2] for item in headers["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= 31536000
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_redirect_to_the_questions_carries_the_headers_too(client, db):
    response = client.get("/results/")
    assert response.status_code == 302
    check_csp(response)
    check_transport_headers(response.headers)


def test_plain_http_is_redirected_to_https(db):
    from django.test import Client

    response = Client().get("/questions/role/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/questions/role/"


def test_the_session_cookie_is_secure_httponly_lax_and_ends_with_the_browser(client, db):
    answered(client)
    morsel = client.cookies["sessionid"]
    assert morsel["secure"] is True and morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert not morsel["expires"] and not morsel["max-age"], "a session cookie: gone when the browser closes"


def test_the_csrf_cookie_is_secure_and_httponly(client, db):
    client.get("/questions/role/")
    morsel = client.cookies["csrftoken"]
    assert morsel["secure"] is True and morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"


def test_no_template_has_an_inline_style_or_script_the_policy_would_block():
    # style-src and script-src are 'self' only: an inline style="" or <script> body would be dropped by the
    # browser (the preview banner lost its border that way).
    templates = Path(__file__).resolve().parents[2] / "templates"
    inline = re.compile(r'\sstyle="|\son[a-z]+="|<script>(?!\s*</script>)', re.I)
    found = [str(path.relative_to(templates)) for path in templates.rglob("*.html") if inline.search(path.read_text())]
    assert found == []
