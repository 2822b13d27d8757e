"""Shared set-up for the robustness tests: the treatment catalogue, a browser that shows a server error as a
500 response instead of raising it, and the sessions the hostile requests start from."""
import re
from http.cookies import SimpleCookie

import pytest
from hypothesis import HealthCheck, settings

from tests.conftest import HttpsClient

from ..questionnaire.test_wizard import GOOD_ANSWERS, catalogue, walk  # noqa: F401 (catalogue is a fixture)

# Examples are whole HTTP requests: no deadline per example, and the function-scoped fixtures (the database,
# the catalogue) are deliberately shared by every example of a test. The example database stays off: each run
# explores afresh, and a failure prints the example and the seed to reproduce it.
ROBUST = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.large_base_example],
    print_blob=True,
)


def robust(max_examples: int) -> settings:
    return settings(ROBUST, max_examples=max_examples)


ANSWERED_AGE = GOOD_ANSWERS["about"]["age"]


_CLIENT: HttpsClient | None = None


def browser(cookies: SimpleCookie | None = None) -> HttpsClient:
    """A browser with these cookies (a copy) and nothing else. One test client serves them all: building one
    sets up the middleware again, and WhiteNoise's scan of the static files costs more than many requests."""
    global _CLIENT
    if _CLIENT is None:
        _CLIENT = HttpsClient(raise_request_exception=False)
    _CLIENT.cookies = SimpleCookie(cookies.output(header="", sep=";")) if cookies is not None else SimpleCookie()
    return _CLIENT


@pytest.fixture
def start_sessions(catalogue) -> dict[str, SimpleCookie]:
    """Cookies of a visitor who has answered the first two steps, and of one who has finished."""
    sessions = {}
    client = browser()
    walk(client, until="about")
    sessions["two steps answered"] = client.cookies
    client = browser()
    assert walk(client)["Location"] == "/results/"
    sessions["finished"] = client.cookies
    return sessions


AGE_INPUT = re.compile(r'<input\b[^>]*\bname="about-age"[^>]*>')


def shown_age(client) -> str | None:
    """The age the about step shows (what the person typed earlier), or None if the field is empty."""
    response = client.get("/questions/about/")
    assert response.status_code == 200, response.status_code
    [tag] = AGE_INPUT.findall(response.content.decode())
    value = re.search(r'\bvalue="([^"]*)"', tag)
    return value.group(1) if value else None


def assert_page_or_redirect(response, context, *, posted=True) -> None:
    """Never a server error: a redirect within the site, or a page; after a post that was not taken, a page
    that says what is wrong."""
    assert response.status_code in (200, 302), (response.status_code, context)
    if response.status_code == 302:
        assert re.fullmatch(r"/questions/[\w-]+/|/results/", response["Location"]), (response["Location"], context)
    elif posted:
        assert "There is a problem with your answers" in response.content.decode(), context
