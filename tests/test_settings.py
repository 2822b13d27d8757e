"""The settings module, driven by the environment: each case starts a fresh Python process."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k7Qp2vX9mZr4tY8wL1nB6cF3hJ5dG0sA"
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.db import connection
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "host": settings.DATABASES["default"].get("HOST", ""),
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "hsts": getattr(settings, "SECURE_HSTS_SECONDS", 0),
    "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "session_engine": settings.SESSION_ENGINE,
    "expire_at_close": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
    "trust_proxy_headers": settings.TRUST_PROXY_HEADERS,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
    "use_x_forwarded_host": settings.USE_X_FORWARDED_HOST,
}))
"""


def run_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    clean["DJANGO_SETTINGS_MODULE"] = "decisionaid.settings"
    clean.update(env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def settings_with(**env: str) -> dict:
    result = run_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_debug_is_off_unless_asked_for():
    assert settings_with(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org")["debug"] is False
    assert settings_with(DJANGO_DEBUG="1")["debug"] is True


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 40, "change-me-" + "y" * 30])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = run_settings(DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings(DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_allowed_hosts_are_read_comma_separated():
    values = settings_with(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS=" aid.example.org, www.example.org ")
    assert values["allowed_hosts"] == ["aid.example.org", "www.example.org"]


def test_sqlite_file_in_the_project_by_default():
    values = settings_with(DJANGO_DEBUG="1")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert Path(values["name"]) == ROOT / "db.sqlite3"


def test_postgresql_when_database_url_is_set():
    values = settings_with(DJANGO_DEBUG="1", DATABASE_URL="postgres://postgres@127.0.0.1:5432/decisionaid")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "decisionaid"
    assert values["host"] == "127.0.0.1"


def test_production_is_https_only_with_hsts_and_secure_cookies():
    values = settings_with(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org")
    assert values["ssl_redirect"] is True
    assert values["hsts"] >= 31536000
    assert values["session_secure"] is True


def test_answers_live_in_a_signed_cookie_that_ends_with_the_browser():
    values = settings_with(DJANGO_DEBUG="1")
    assert values["session_engine"] == "django.contrib.sessions.backends.signed_cookies"
    assert values["expire_at_close"] is True


def test_this_run_uses_the_database_it_was_asked_for(db):
    """CI runs the suite twice; this proves the PostgreSQL run really is on PostgreSQL (psycopg 3)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        assert connection.vendor == "postgresql"
        assert psycopg.__version__.startswith("3.")
        with connection.cursor() as cursor:
            cursor.execute("select version()")
            assert cursor.fetchone()[0].startswith("PostgreSQL")
    else:
        assert connection.vendor == "sqlite"


def test_proxy_headers_are_not_trusted_unless_asked_for():
    """With HTTPS on but no proxy named, a client's X-Forwarded-Proto must not make plain HTTP pass as HTTPS."""
    values = settings_with(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org")
    assert values["trust_proxy_headers"] is False
    assert values["proxy_ssl_header"] is None
    assert values["use_x_forwarded_host"] is False


def test_behind_a_proxy_x_forwarded_proto_is_trusted_but_never_x_forwarded_host():
    values = settings_with(DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_ALLOWED_HOSTS="example.org",
                           DJANGO_TRUST_PROXY_HEADERS="1")
    assert values["trust_proxy_headers"] is True
    assert values["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["use_x_forwarded_host"] is False
