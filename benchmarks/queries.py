"""Database queries per page: every request of every visitor's journey, through Django's test client.

Used by benchmarks/load_benchmark.py (printed beside the load figures) and by
tests/benchmarks/test_queries_per_page.py (which checks that the counts do not grow with the evidence).
"""
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .journeys import VISITORS, Request, journey

# Pages a visitor reads besides the journey's; each makes the same queries for everybody.
OTHER_PAGES = ("/evidence/", "/about/", "/glossary/", "/privacy/", "/summary/", "/summary/clinician/")


def queries_per_page(*, client_class=Client) -> dict[str, int]:
    """The most queries any request of each kind made, over every visitor's journey and the other pages.

    Raises AssertionError when a response is not the one the journey expects, so that a count never comes
    from an error page. Each of the other pages is read once first: the About page measures the reading grades
    once per process (an lru_cache), and a server that has been up a minute has done that already.
    """
    from decisionaid.evidence.releases import forget_current_release, released_evidence

    # Likewise the current release's evidence is built once per process, by the first request that reads it.
    released_evidence()
    other_pages = [Request(path, "GET", path) for path in OTHER_PAGES]
    warm_up = client_class()
    for request in other_pages:
        warm_up.get(request.path)
    most: dict[str, int] = {}
    for visitor in VISITORS:
        client = client_class()
        for request in journey(visitor) + other_pages:
            # Each request as if the current release were due to be read again (once every few seconds in a
            # process): the most it ever takes, and a count that does not depend on how long the run took.
            forget_current_release()
            with CaptureQueriesContext(connection) as queries:
                if request.method == "POST":
                    response = client.post(request.path, request.form)
                else:
                    response = client.get(request.path)
            problem = request.problem(
                status=response.status_code,
                location=response.get("Location", ""),
                content_type=response.get("Content-Type", ""),
                content=response.content,
            )
            if problem:
                raise AssertionError(f"{visitor.name}: {problem}")
            name = f"{request.method} {request.name}"
            most[name] = max(most.get(name, 0), len(queries.captured_queries))
    return most
