"""Every page makes the same number of database queries whatever the amount of evidence (three times the rows here; the load benchmark prints ten).

The counts come from benchmarks/queries.py, which the load benchmark prints: the same journeys, the same pages.
"""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks.evidence_growth import multiply_evidence, row_counts
from benchmarks.journeys import VISITORS, journey
from benchmarks.queries import OTHER_PAGES, queries_per_page
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease

from ..conftest import HttpsClient


@pytest.fixture
def loaded(db):
    load_evidence()


def publish_release(version: str) -> EvidenceRelease:
    """A new release freezes the rows as they are, so that the pages read the larger evidence."""
    today = timezone.localdate()
    release = EvidenceRelease(version=version, released_on=today, reviewed_on=today, note="More rows.")
    release.full_clean()
    release.save()
    return release


def test_three_times_the_evidence_makes_the_same_queries_on_every_page(loaded):
    before = queries_per_page(client_class=HttpsClient)
    rows = row_counts()
    assert multiply_evidence(factor=3) == {name: 3 * count for name, count in rows.items()}
    publish_release("2099.3")
    after = queries_per_page(client_class=HttpsClient)

    every_request = {f"{r.method} {r.name}" for v in VISITORS for r in journey(v)} | {f"GET {p}" for p in OTHER_PAGES}
    assert set(before) == every_request
    assert after == before
    # The pages built from the evidence do read it: a count of zero would mean nothing was measured. The
    # results and summaries read the current release (its evidence built once per process, not per request).
    assert min(before["GET results page"], before["GET patient PDF"], before["GET /evidence/"]) >= 1


def test_ten_times_the_evidence_reaches_the_results_in_the_same_queries(loaded, client):
    from decisionaid.evidence.releases import forget_current_release, released_evidence

    from ..questionnaire.test_wizard import walk

    walk(client)
    client.get("/results/")  # this release's evidence is built once, on the first request that reads it
    forget_current_release()  # both counts with the release row read again, whatever time the build took
    with CaptureQueriesContext(connection) as small:
        assert client.get("/results/").status_code == 200
    small_count = len(small)  # read now: the next request empties Django's query log
    multiply_evidence(factor=10)
    publish_release("2099.10")
    client.get("/results/")
    forget_current_release()
    with CaptureQueriesContext(connection) as large:
        assert client.get("/results/").status_code == 200
    assert 1 <= len(large) == small_count
    assert len(released_evidence().figures) == 10 * len(released_evidence(version="2026.1").figures)


def test_the_copies_are_shown_like_the_rows_they_copy(loaded, client):
    multiply_evidence(factor=2)
    publish_release("2099.2")  # the evidence page lists the current release
    page = client.get("/evidence/").content.decode()
    assert "Muraro 2025 (UK) (copy 1)" in page and "Muraro 2025 (UK)" in page


def test_a_factor_below_one_is_refused(db):
    with pytest.raises(ValueError):
        multiply_evidence(factor=0)
