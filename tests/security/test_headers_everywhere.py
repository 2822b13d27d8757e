"""Every response Django makes carries the security headers: redirects, refusals and errors too.

An independent hostile run found trailing-slash redirects and bad-Host 400s without a CSP, because the
middleware that answered them sat above the CSP middleware (issue 15). The header middleware now come first.
"""
import pytest
from django.conf import settings
from django.test import Client

from .test_admin_lockout import LIMIT, editors, fail, sign_in  # noqa: F401 (fixture)
from .test_headers import check_csp, check_transport_headers


def check_headers(response):
    check_csp(response)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_header_middleware_come_before_any_that_can_answer_on_its_own():
    middleware = settings.MIDDLEWARE
    headers = [middleware.index("csp.middleware.CSPMiddleware"),
               middleware.index("django.middleware.clickjacking.XFrameOptionsMiddleware"),
               middleware.index("django.middleware.security.SecurityMiddleware")]
    assert max(headers) < middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert max(headers) < middleware.index("django.middleware.common.CommonMiddleware")


def test_a_trailing_slash_redirect(client, db):
    response = client.get("/about")
    assert response.status_code == 301 and response["Location"] == "/about/"
    check_headers(response)
    check_transport_headers(response.headers)


def test_a_bad_host_header(client, db):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    check_headers(response)
    check_transport_headers(response.headers)


def test_a_page_that_does_not_exist(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    check_headers(response)
    check_transport_headers(response.headers)


def test_a_method_not_allowed(client, db):
    response = client.get("/continue/")  # POST only (continue from saved answers)
    assert response.status_code == 405
    check_headers(response)
    check_transport_headers(response.headers)


def test_the_admin_lockout(editors):  # noqa: F811
    fail(LIMIT)
    response, _ = sign_in("editor", "wrong password")
    assert response.status_code == 429
    check_headers(response)
    check_transport_headers(response.headers)


def test_a_static_file(client, db):
    response = client.get("/static/css/print-summary.css")
    assert response.status_code == 200
    check_headers(response)


def test_the_redirect_from_plain_http(db):
    response = Client().get("/about/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/about/"
    check_headers(response)


def test_a_bad_host_over_plain_http_still_gets_the_csp_and_no_framing(db):
    """SecurityMiddleware reads the Host for its HTTPS redirect and so refuses a bad one itself, before it can
    add its own headers; the CSP and X-Frame-Options, above it, are still there."""
    response = Client().get("/about/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    check_csp(response)
    assert response.headers["X-Frame-Options"] == "DENY"
