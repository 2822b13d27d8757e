"""The load benchmark runs, end to end, at a small scale: gunicorn with the deployment's settings on PostgreSQL,
Locust's clients walking every journey, every response checked. Nothing here is timed: a slow machine passes,
a wrong response, a missing journey step or a server that does not start fails."""
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
        [sys.executable, "benchmarks/load_benchmark.py", "--users", "4", "--ramp", "2", "--duration", "10",
         "--no-query-counts", "--json", str(figures)],
        cwd=settings.BASE_DIR, env={**os.environ, "BENCHMARK_DATABASE_URL": os.environ["DATABASE_URL"]},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    trivial, visitors = json.loads(figures.read_text())["phases"]

    assert trivial["total"]["requests"] > 0 and trivial["total"]["errors"] == 0
    rows = {row["name"]: row for row in visitors["rows"]}
    expected = {f"{r.method} {r.name}" for v in VISITORS for r in journey(v)} | {"GET static file"}
    assert set(rows) == expected
    assert all(row["errors"] == 0 for row in rows.values()) and visitors["failures"] == []
    assert rows["GET patient PDF"]["requests"] + rows["GET clinician PDF"]["requests"] > 0
    # The report reads as ratios to the trivial view measured in the same run.
    assert "median ÷ trivial" in result.stdout and "× the trivial view's rate" in result.stdout


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
