import os

import pytest
from django.test import Client
from django.utils import translation


def on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_collection_modifyitems(config, items):
    """Tests marked postgres_only run in the PostgreSQL pass of scripts/test and are skipped in the SQLite one."""
    if on_postgresql():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the PostgreSQL pass of scripts/test")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


class HttpsClient(Client):
    """Production settings redirect plain HTTP to HTTPS; this client speaks HTTPS, as a real browser would."""

    def request(self, **request):
        request.update({"wsgi.url_scheme": "https", "SERVER_PORT": "443"})
        return super().request(**request)


@pytest.fixture
def client():
    return HttpsClient()


@pytest.fixture
def admin_client(admin_user):
    client = HttpsClient()
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request to a /nb/ page leaves Norwegian active in the test's thread (LocaleMiddleware activates the
    language of each request and never resets it): start and end every test in English."""
    translation.activate("en-gb")
    yield
    translation.activate("en-gb")


@pytest.fixture(autouse=True)
def no_release_kept_between_tests():
    """Pages keep the current release in memory (releases.current_release), forgotten when a release is saved or
    deleted; a test's rollback takes its releases back without a signal, so every test starts afresh."""
    from decisionaid.evidence.releases import forget_current_release

    forget_current_release()
    yield
    forget_current_release()
