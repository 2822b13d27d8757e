"""Proxy headers are believed only with DJANGO_TRUST_PROXY_HEADERS, that is behind a proxy that sets them itself
(decisionaid/settings.py; README, "Deploying"). Otherwise any client could claim HTTPS or another address."""
import pytest
from axes.models import AccessAttempt
from django.test import Client

from decisionaid.admin_signin import client_address

from .test_admin_lockout import editors  # noqa: F401 (fixture)

PROXY = "10.0.0.2"


@pytest.fixture
def trusted(settings):
    settings.TRUST_PROXY_HEADERS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_without_trust_a_client_claiming_https_is_still_sent_to_https(db):
    response = Client().get("/about/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"] == "https://testserver/about/"


def test_behind_a_trusted_proxy_its_https_header_is_believed(db, trusted):
    response = Client().get("/about/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def test_x_forwarded_host_is_never_used_for_the_host(db, trusted):
    response = Client().get("/about/", HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 200 and b"evil.example" not in response.content


def sign_in_through(forwarded_for, **extra):
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_PROTO": "https", **extra}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    client = Client(**meta)
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "wrong", "next": "/admin/"})


def test_behind_a_trusted_proxy_sign_in_failures_count_by_the_address_it_added(editors, trusted):  # noqa: F811
    # The client forged the first entry; the proxy appended the address it saw.
    assert sign_in_through("192.0.2.1, 203.0.113.9").status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]


def test_an_entry_that_is_not_an_address_falls_back_to_the_proxys(editors, trusted):  # noqa: F811
    assert sign_in_through("not-an-address").status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]


def test_without_trust_x_forwarded_for_is_ignored(rf, settings):
    settings.TRUST_PROXY_HEADERS = False
    request = rf.post("/admin/login/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "198.51.100.4"
    settings.TRUST_PROXY_HEADERS = True
    assert client_address(request) == "203.0.113.9"
