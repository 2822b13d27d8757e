"""A refused request leaves one line in the log: no traceback, nothing from its body.

An independent hostile run filled the log with tracebacks by sending a bad Host header or a post with more than
1,000 fields (issue 15). These tests send such requests and read what the project's own console handler writes.
"""
import io
import logging
import sys

import pytest

from decisionaid.logs import one_line_for_client_errors

MARKER = "Qx7-body-marker-Zr4"


@pytest.fixture
def log_output():
    """What the console handler of settings.LOGGING writes, while the test runs."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def lines(stream) -> list[str]:
    return stream.getvalue().splitlines()


def test_a_bad_host_header_is_one_line(client, db, log_output):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert lines(log_output) == ["Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' "
                                 "to ALLOWED_HOSTS."]


def test_a_post_with_more_than_1000_fields_is_one_line_without_the_body(client, db, log_output):
    response = client.post("/questions/role/", {f"field{i}": MARKER for i in range(1001)})
    assert response.status_code == 400
    [line] = lines(log_output)
    assert "DATA_UPLOAD_MAX_NUMBER_FIELDS" in line
    assert MARKER not in log_output.getvalue() and "field1" not in log_output.getvalue()


def test_a_body_over_the_size_limit_is_one_line_without_the_body(client, db, log_output):
    response = client.post("/questions/role/", {"role-role": MARKER * 200_000})  # about 3.8 MB
    assert response.status_code == 400
    [line] = lines(log_output)
    assert "DATA_UPLOAD_MAX_MEMORY_SIZE" in line
    assert MARKER not in log_output.getvalue()


def test_a_hundred_hostile_requests_are_a_hundred_lines(client, db, log_output):
    for i in range(50):
        assert client.get("/", HTTP_HOST=f"evil{i}.example").status_code == 400
        assert client.post("/questions/role/", {f"f{n}": "x" for n in range(1001)}).status_code == 400
    assert len(lines(log_output)) == 100
    assert "Traceback" not in log_output.getvalue()


def test_the_records_themselves_carry_no_traceback(client, db, caplog):
    client.get("/", HTTP_HOST="evil.example")
    client.post("/questions/role/", {f"f{n}": "x" for n in range(1001)})
    security = [r for r in caplog.records if r.name.startswith("django.security.")]
    assert [r.name for r in security] == ["django.security.DisallowedHost", "django.security.TooManyFieldsSent"]
    assert all(r.exc_info is None and r.levelno == logging.ERROR for r in security)


def record(status_code):
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    made = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), exc_info)
    made.status_code = status_code
    return made


def test_a_server_error_keeps_its_traceback():
    kept = record(500)
    assert one_line_for_client_errors(kept) and kept.exc_info is not None
    assert "Traceback" in logging.Formatter().format(kept)
    refused = record(400)
    assert one_line_for_client_errors(refused) and refused.exc_info is None
    assert logging.Formatter().format(refused) == "Internal Server Error"
