"""What the log keeps of a refused request: one line, never a traceback or the request body."""
import logging


def one_line_for_client_errors(record: logging.LogRecord) -> bool:
    """A 4xx (a bad Host header, more than 1,000 fields, a body over the limit) is the client's doing, and
    Django logs it with its traceback: anyone could fill the log with them. The message says what was refused;
    the traceback adds nothing. Server errors (5xx) keep theirs."""
    if 400 <= getattr(record, "status_code", 0) < 500:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
    return True
