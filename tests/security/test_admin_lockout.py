"""Admin sign-in is locked after 5 failures of one username from one address (django-axes), for an hour."""
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.conftest import HttpsClient

PASSWORD = "a long editor pass phrase 7"
LIMIT = 5


@pytest.fixture
def editors(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only: tests sign in often
    User = get_user_model()
    return [User.objects.create_user(name, password=PASSWORD, is_staff=True) for name in ("editor", "other-editor")]


def sign_in(username, password, ip="203.0.113.5"):
    """A fresh browser at that address signing in to admin; returns (response, client)."""
    client = HttpsClient(REMOTE_ADDR=ip)
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"})
    return response, client


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def fail(times, username="editor", ip="203.0.113.5"):
    statuses = [sign_in(username, "wrong password", ip)[0].status_code for _ in range(times)]
    assert statuses[: LIMIT - 1] == [200] * min(times, LIMIT - 1), "the first failures show the form again"
    return statuses


def test_the_settings_lock_a_username_at_an_address_for_an_hour():
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 3600
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_the_right_password_works(editors):
    response, client = sign_in("editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert signed_in(client)


def test_after_five_failures_the_right_password_is_refused(editors):
    statuses = fail(LIMIT)
    assert statuses[-1] == 429  # the fifth failure already gets the lockout page
    response, client = sign_in("editor", PASSWORD)
    assert response.status_code == 429
    assert "too many login attempts" in response.content.decode().lower()
    assert not signed_in(client)
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.failures_since_start >= LIMIT and attempt.ip_address == "203.0.113.5"


def test_the_lockout_is_for_that_username_at_that_address_only(editors):
    fail(LIMIT)
    response, client = sign_in("other-editor", PASSWORD)  # same address, another user
    assert response.status_code == 302 and signed_in(client)
    response, client = sign_in("editor", PASSWORD, ip="198.51.100.7")  # same user, another address
    assert response.status_code == 302 and signed_in(client)
    assert sign_in("editor", PASSWORD)[0].status_code == 429  # and the locked pair stays locked


def test_a_successful_sign_in_clears_the_count(editors):
    fail(LIMIT - 1)
    assert sign_in("editor", PASSWORD)[0].status_code == 302
    fail(LIMIT - 1)
    response, client = sign_in("editor", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_the_lockout_ends_after_the_cool_off(editors):
    fail(LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    response, client = sign_in("editor", PASSWORD)
    assert response.status_code == 302 and signed_in(client)
