"""Nothing about a patient reaches the server's database or its logs.

The answers live only in the signed session cookie on the person's device (DESIGN.md). These tests answer
every question with distinctive values, score the SURE test, open every page that shows the answers, and
then compare the row count of every table and read every log record written meanwhile.
"""
import logging
import re

import pytest
from django.db import connection
from django.utils.log import AdminEmailHandler

from tests.conftest import HttpsClient

from ..questionnaire.test_wizard import GOOD_ANSWERS, PREFIX, catalogue, post_step, walk  # noqa: F401 (fixture)
from .pages import RESULTS_PART_PATHS, SURE_PATH, public_paths

# Values nobody would log by accident: if one of them shows up in a log record, the answers were logged.
DISTINCTIVE = dict(
    GOOD_ANSWERS,
    about={"age": "77", "sex": "male", "pregnancy_wish": "unsure"},
    disease={"subtype": "spms_active", "duration_years": "12.5"},
    edss={"edss": "6.5"},
    activity={"relapses": "17", "mri_activity": "yes", "disability_worsened": "yes"},
)
SURE = {"sure": "yes", "understand": "no", "risk_benefit": "yes", "encouragement": "no"}
# Field names as posted, and values: neither may appear in a log record.
TELLTALES = ["77", "12.5", "6.5", "17", "spms_active", "about-age", "duration_years", "risk_benefit",
             "encouragement", "csrfmiddlewaretoken"]
# The bad input below, made unmistakable.
BAD_MARKER = "Zq9-not-an-age-Xw7"
LOGGERS = ["django.request", "django.server", "django.security", "axes"]


def table_counts():
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def every_log_record(caplog):
    """Every record at DEBUG and above, from every logger, including those that do not propagate to the root
    (django.server) and those that would not pass the project's WARNING threshold."""
    caplog.set_level(logging.DEBUG)
    attached = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        caplog.set_level(logging.DEBUG, logger=name)
        if not logger.propagate:
            logger.addHandler(caplog.handler)
            attached.append(logger)
    yield caplog
    for logger in attached:
        logger.removeHandler(caplog.handler)


def record_texts(caplog) -> list[str]:
    """What a log handler could write for each record: the message, its arguments, any traceback, and the
    request path (django.request puts the request object on the record)."""
    texts = []
    for record in caplog.records:
        parts = [record.getMessage(), repr(record.args), record.exc_text or ""]
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        request = getattr(record, "request", None)
        if request is not None:
            parts.append(request.get_full_path())
        texts.append(" ".join(parts))
    return texts


def assert_logs_free_of(caplog, telltales):
    for text in record_texts(caplog):
        for telltale in telltales:
            assert not re.search(rf"(?<![\w.]){re.escape(telltale)}(?![\w.])", text), (telltale, text)


def test_answers_never_reach_the_database_or_the_logs(client, db, every_log_record):
    from decisionaid.evidence.loading import load_evidence

    load_evidence()
    every_log_record.clear()
    before = table_counts()

    response = walk(client, DISTINCTIVE)
    assert response["Location"] == "/results/"
    assert client.session["profile"]["age"] == 77
    results = client.post(SURE_PATH, SURE)
    assert results.status_code == 200 and "You answered yes to 2 of 4 questions" in results.content.decode()
    for path in public_paths() + RESULTS_PART_PATHS:
        if not path.endswith(".pdf"):  # the PDFs are checked with the PDF work
            assert client.get(path).status_code in (200, 302, 405), path
    for step, _ in DISTINCTIVE.items():
        assert client.get(f"/questions/{step}/").status_code == 200
    # The capture works: a page that does not exist is logged (by its path only).
    assert client.get("/no-such-page/").status_code == 404
    assert any("Not Found: /no-such-page/" in text for text in record_texts(every_log_record))

    after = table_counts()
    assert {"axes_accessattempt", "axes_accesslog", "django_admin_log"} <= set(before), "every table is counted"
    assert after == before, {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    assert before.get("django_session", 0) == 0, "sessions are signed cookies, never database rows"
    assert_logs_free_of(every_log_record, TELLTALES)


def test_bad_input_is_not_logged_either(client, catalogue, every_log_record):
    walk(client, until="role")
    before = table_counts()
    bad = [
        ("about", {"age": BAD_MARKER, "sex": BAD_MARKER, "pregnancy_wish": "no"}, {}),
        ("about", {"age": "34", "sex": "female", "pregnancy_wish": "no"}, {f"{PREFIX}-current_step": BAD_MARKER}),
        ("about", {"age": BAD_MARKER}, {"wizard_goto_step": BAD_MARKER}),
        ("treatments", {"dmts": [BAD_MARKER]}, {}),
    ]
    for step, answers, extra in bad:
        assert post_step(client, step, answers, **extra).status_code in (200, 302)
    assert client.post(SURE_PATH, {"sure": BAD_MARKER}).status_code == 302  # no answers yet: to the questions
    # Refused before any view runs: no CSRF token, and more fields than Django accepts. Both are logged, by path.
    assert HttpsClient(enforce_csrf_checks=True).post("/questions/about/", {"about-age": BAD_MARKER}).status_code == 403
    too_many = {f"field{i}": BAD_MARKER for i in range(1001)}
    assert client.post("/questions/about/", too_many).status_code == 400
    assert client.get(f"/questions/{BAD_MARKER}/").status_code == 302

    texts = record_texts(every_log_record)
    logged_by = {record.name for record in every_log_record.records}
    assert {"django.security.csrf", "django.security.TooManyFieldsSent"} <= logged_by, logged_by
    assert table_counts() == before
    # The made-up step name in the address may be logged as part of the path; nothing that was posted may be.
    posted_only = [text for text in texts if f"/questions/{BAD_MARKER}/" not in text]
    assert not any(BAD_MARKER in text for text in posted_only), posted_only
    assert_logs_free_of(every_log_record, ["about-age", "csrfmiddlewaretoken"])


def test_no_log_handler_sends_error_reports_by_email():
    """Django's error e-mails include the posted form: the project configures none, even if ADMINS is set."""
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in logging.Logger.manager.loggerDict
    ]
    for logger in loggers:
        assert not any(isinstance(handler, AdminEmailHandler) for handler in getattr(logger, "handlers", [])), logger.name
