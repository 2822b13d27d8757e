"""The page benchmark runs, at a tiny scale: every question page, answer and page with errors gets the answer the
benchmark expects (it stops on any other), and it prints and writes each ratio to the trivial view. Nothing here
is timed: a slow machine passes."""
import json
import subprocess
import sys

from django.conf import settings

from benchmarks.journeys import STEP_ORDER


def test_a_tiny_run_measures_every_step_against_the_trivial_view(tmp_path):
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, "benchmarks/page_benchmark.py", "--runs", "2", "--json", str(figures)],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    measured = json.loads(figures.read_text())["requests"]
    expected = {"trivial view", "results"} | {f"{kind} {step}" for kind in ("GET", "POST", "error")
                                             for step in STEP_ORDER}
    assert set(measured) == expected
    assert measured["trivial view"]["cpu_ratio"] == 1 and all(m["wall_ms"] > 0 for m in measured.values())
    assert "question page (GET) ÷ trivial view" in result.stdout and "results page ÷ trivial view" in result.stdout
