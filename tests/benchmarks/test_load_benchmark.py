"""The load benchmark runs, end to end, at a small scale: the deployment's shape (nginx from deploy/nginx.conf in
front of a quick and a PDF gunicorn pool with the deployment's settings) on PostgreSQL, Locust's clients walking
every journey, every response checked. Nothing here is timed: a slow machine passes, a wrong response, a missing
journey step, a request in the wrong pool, a proxy that lets the client's X-Forwarded-* through or answers
without the security headers, or a server that does not start fails."""
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from benchmarks.journeys import STEP_ORDER, VISITORS, journey
from decisionaid.questionnaire.views import STEPS


@pytest.mark.postgres_only
def test_a_short_run_completes_every_journey_without_an_error(tmp_path):
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "benchmarks/load_benchmark.py", "--users", "4", "--ramp", "2", "--duration", "15",
         "--no-query-counts", "--json", str(figures)],
        cwd=settings.BASE_DIR, env={**os.environ, "BENCHMARK_DATABASE_URL": os.environ["DATABASE_URL"]},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(figures.read_text())
    trivial, one_client, visitors = report["phases"]

    assert report["shape"] == "two pools behind nginx"
    assert report["proxy_problems"] == [] and report["misrouted"] == []
    assert trivial["total"]["requests"] > 0 and trivial["total"]["errors"] == 0
    expected = {f"{r.method} {r.name}" for v in VISITORS for r in journey(v)} | {"GET static file"}
    for phase in (one_client, visitors):
        rows = {row["name"]: row for row in phase["rows"]}
        assert all(row["errors"] == 0 for row in rows.values()) and phase["failures"] == []
        assert rows["GET patient PDF"]["requests"] + rows.get("GET clinician PDF", {"requests": 0})["requests"] > 0
    assert one_client["users"] == 1 and visitors["users"] == 4
    # Every kind of request was walked and checked; the clinician PDF (several seconds alone, queued behind the
    # patients' PDFs under load) may not finish within so short a run, so it is required only to be right.
    names = {row["name"] for row in one_client["rows"]} | {row["name"] for row in visitors["rows"]}
    assert expected - {"GET clinician PDF"} <= names <= expected
    # Both pools answered: the PDFs in the PDF pool, the pages in the quick one (the routing check above says
    # that nothing else went to either).
    assert visitors["requests_by_pool"]["pdf"] > 0 and visitors["requests_by_pool"]["quick"] > 0
    assert set(report["worker_peak_memory_mib"]) == {"quick", "pdf"}
    # The report reads as ratios: to the trivial view, and under load to one client, measured in the same run.
    assert "median ÷ trivial" in result.stdout and "× the trivial view's rate" in result.stdout
    assert set(report["quick_page_p95_over_one_client_median"]) == {"GET question page", "GET results page"}
    assert "p95 at 4 clients ÷ median with one client" in result.stdout and "a minute per core" in result.stdout
    assert report["journeys_per_minute_per_core"] > 0


def test_a_wrong_answer_counts_as_an_error():
    """The checks that make 'errors: 0' mean something: a journey request that gets the wrong page fails."""
    results = next(r for r in journey(VISITORS[0]) if r.name == "results page")
    assert results.problem(status=200, location="", content_type="text/html", content=b"<svg class='icon-array'") == ""
    assert "status 302" in results.problem(status=302, location="/questions/", content_type="", content=b"")
    assert "lacks" in results.problem(status=200, location="", content_type="text/html", content=b"Server error")
    answer = next(r for r in journey(VISITORS[0]) if r.method == "POST")
    assert "redirected to '/questions/role/'" in answer.problem(
        status=302, location="/questions/role/", content_type="", content=b""
    )


def test_the_journeys_follow_the_questionnaires_own_steps():
    assert STEP_ORDER == tuple(step for step, _ in STEPS)
