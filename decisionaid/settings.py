"""One settings module, driven by environment variables (see README and DESIGN.md).

DJANGO_DEBUG          "1" turns debug on; anything else (or absent) leaves it off.
DJANGO_SECRET_KEY     required when debug is off.
DJANGO_ALLOWED_HOSTS  comma separated; required when debug is off.
DATABASE_URL          absent: SQLite file in the project; postgres://... for PostgreSQL (psycopg 3).
DJANGO_HTTPS          "0" only for a plain-HTTP local deployment (docker compose on localhost):
                      drops the HTTPS redirect, HSTS and secure-only cookies.
DJANGO_TRUST_PROXY_HEADERS
                      "1" only behind a reverse proxy that sets or overwrites these headers itself, and only
                      when the app cannot be reached except through it: X-Forwarded-Proto (https or not, through
                      SECURE_PROXY_SSL_HEADER) and the last address of X-Forwarded-For (the address admin sign-in
                      limits count by). Off by default: then a client could send them to pass as HTTPS or to
                      change its address. X-Forwarded-Host is never trusted (USE_X_FORWARDED_HOST stays off):
                      the proxy passes the Host header on, and ALLOWED_HOSTS checks it.
"""
from datetime import timedelta
from pathlib import Path
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from decisionaid.logs import one_line_for_client_errors

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG", False)

# Keys that must never run a production site: empty, Django's placeholder, or obviously a dummy.
_INSECURE_KEY_MARKERS = ("django-insecure", "change-me", "changeme", "secret", "dev-only")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "django-insecure-dev-only-key-never-used-when-debug-is-off"
if not DEBUG:
    if len(SECRET_KEY) < 32 or any(marker in SECRET_KEY.lower() for marker in _INSECURE_KEY_MARKERS):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a real secret (at least 32 characters, not a placeholder) "
            "when DJANGO_DEBUG is off."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the site's host(s) when DJANGO_DEBUG is off.")

INSTALLED_APPS = [
    # Before admin, so that its admin classes and form widgets win (its documentation asks for this order).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "formtools",
    "simple_history",
    "csp",
    "axes",
    "decisionaid.evidence",
    "decisionaid.assessment",
    "decisionaid.questionnaire",
    "decisionaid.summary",
    "decisionaid.pages",
]

# The header middleware come first: a response made by a middleware passes back only through those above it, so
# CommonMiddleware's trailing-slash redirects and bad-Host 400s, the HTTPS redirect and whitenoise's files all
# get the CSP and the other security headers too (tests/security/test_headers_everywhere.py).
MIDDLEWARE = [
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Icon arrays repeat a lot of markup; compressed, a results page is a fraction of its size. The CSRF token
    # is masked per response, which is Django's defence against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session (it may read the language from it), before CommonMiddleware (whose trailing-slash
    # redirect must see the /nb/ prefix resolved first).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a lockout into its "too many attempts" response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "decisionaid.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "decisionaid.evidence.context_processors.evidence_release",
            ],
        },
    },
]

WSGI_APPLICATION = "decisionaid.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first, so that a locked-out admin is refused before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's URLs, Norwegian bokmål under /nb/ (decisionaid/urls.py). The catalogues are in locale/,
# compiled by scripts/setup (compiled .mo files are not committed). Numbers and dates follow the language
# (USE_L10N is always on): 18.4 in English, 18,4 in Norwegian.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("nb", "Norsk bokmål")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap comes from the npm package installed at set-up (package.json), never copied into the repo.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Patient answers live only in a signed cookie on the person's device, gone when the browser closes.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp 4): nothing inline, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

HTTPS = env_flag("DJANGO_HTTPS", True) and not DEBUG
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Proxy headers are believed only when the deployment says a proxy sets them (see the docstring above).
TRUST_PROXY_HEADERS = env_flag("DJANGO_TRUST_PROXY_HEADERS", False)
if TRUST_PROXY_HEADERS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs carry no request bodies or answers: only Django's own warnings and errors, to the console. A refused
# request (4xx: a bad Host header, too many fields, a body too big; django.security and django.request) is one
# line without its traceback, so that hostile requests cannot flood the log (decisionaid/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "one_line_for_client_errors": {
            "()": "django.utils.log.CallbackFilter",
            "callback": one_line_for_client_errors,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_for_client_errors"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Not Django's default mail_admins handler: its error e-mails include the posted form, the answers.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}

# Admin sign-in (django-axes): after 5 failed attempts, that username from that address is refused for an hour
# (HTTP 429); a successful sign-in clears the count. Axes records sign-in attempts to admin only (it hooks
# authentication, which patient pages never use), so its tables hold admin data, never patient data.
# Behind a proxy, REMOTE_ADDR is the proxy's address; with DJANGO_TRUST_PROXY_HEADERS the client's address is the
# one the proxy put last in X-Forwarded-For (decisionaid.admin_signin.client_address).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A second rule against trying one password on many usernames: an address with this many failures (any usernames)
# within the cool-off is refused too. Usernames are stored cut to the User model's 150 characters.
AXES_HANDLER = "decisionaid.admin_signin.AddressLimitHandler"
AXES_ADDRESS_FAILURE_LIMIT = 20
AXES_USERNAME_CALLABLE = "decisionaid.admin_signin.username_as_stored"
AXES_CLIENT_IP_CALLABLE = "decisionaid.admin_signin.client_address"

# Evidence rows not reviewed for this many days are "due for review" in admin.
EVIDENCE_REVIEW_INTERVAL_DAYS = 365

# --- The evidence in both languages (django-modeltranslation; README, "The evidence") ---------------------------
# Each translated evidence text has one column per language (label_plain_en_gb, label_plain_nb); English is the
# default, and a Norwegian text that is missing falls back to English, field by field.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en-gb"
MODELTRANSLATION_LANGUAGES = ("en-gb", "nb")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en-gb",)
