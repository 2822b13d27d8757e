"""How long the question pages take with one client, against a trivial view measured in the same run.

Run from the project root (not a test; nothing is asserted):

    .venv/bin/python benchmarks/page_benchmark.py                 # 60 rounds
    .venv/bin/python benchmarks/page_benchmark.py --runs 200
    .venv/bin/python benchmarks/page_benchmark.py --profile       # and where a step page's time goes (cProfile)
    .venv/bin/python benchmarks/page_benchmark.py --configured-db # use DATABASE_URL / db.sqlite3
    .venv/bin/python benchmarks/page_benchmark.py --json figures.json

In process, through Django's test client (not a server): the request passes the whole WSGI handler, every
middleware (CSP, security headers, gzip, the signed-cookie session, CSRF, messages, axes), the view and the
templates, with the production settings (debug off, so the cached template loader; HTTPS requests, the CSRF
check on), and nothing else. A real server adds the same socket and worker cost to every request, the trivial
view's as well, which would hide part of the page's own work in the ratio; the load benchmark
(scripts/benchmark) measures that shape. The test client's template instrumentation is not installed (no
setup_test_environment), so templates render as in production.

By default the evidence goes into a temporary SQLite database (migrated, then `load_evidence()`), deleted at the
end; with --configured-db the configured database is migrated and loaded instead (`load_evidence` is idempotent).

One visitor (the patient of benchmarks/journeys.py, with the EDSS not known, so that the walking question is
asked too) has answered every step. Each round then makes, in this order, once each:
  trivial view   GET /benchmark/trivial/ (benchmarks/server_urls.py): the same middleware, no work
  GET <step>     each question page, with the visitor's answers filled in
  POST <step>    the visitor's answer to each step, checked and kept in the session cookie (302)
  error <step>   a wrong answer to each step: the page again with the error summary and the messages (200)
  results        GET /results/ for a visitor who has finished
and it prints the median of each over the rounds (after one warm-up round), and median ÷ the trivial view's, both
in wall-clock time and in the process's CPU time: on a shared machine the second moves much less, because time
spent waiting for another job's turn on a core is not counted (the benchmark neither sleeps nor waits for I/O,
SQLite aside, so the two agree on a quiet machine).
"""
import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.journeys import CSRF_FIELD, VISITORS, WIZARD_PREFIX, WRONG_ANSWERS, csrf_token  # noqa: E402

VISITOR = next(v for v in VISITORS if dict(v.steps).get("walking"))
FINISHED = VISITORS[0]

def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=60, help="timed rounds (default 60)")
    parser.add_argument("--configured-db", action="store_true",
                        help="use the configured database instead of a temporary SQLite file")
    parser.add_argument("--json", metavar="PATH", help="also write the medians and ratios to this JSON file")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the question pages (cProfile) and print the costliest functions")
    return parser.parse_args(argv)


def set_up_django(*, configured_db: bool, workdir: str) -> None:
    """The production settings (debug off, HTTPS) with the benchmark's trivial view, on a loaded database."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.server_settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    if not configured_db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'page-benchmark.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from decisionaid.evidence.loading import load_evidence

    call_command("migrate", verbosity=0, interactive=False)
    load_evidence()
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", verbosity=0, interactive=False)


class Visitor:
    """A browser: the test client over HTTPS with the CSRF check on, posting the token its last page carried."""

    def __init__(self):
        from django.test import Client

        self.client = Client(enforce_csrf_checks=True)
        self.token = ""

    def get(self, path: str, expect: int = 200):
        response = self.client.get(path, secure=True)
        if response.status_code != expect:
            raise AssertionError(f"GET {path}: status {response.status_code}, expected {expect}")
        self.token = csrf_token(response.content) or self.token
        return response

    def answer(self, step: str, answers: dict, expect: int):
        form = {f"{WIZARD_PREFIX}-current_step": step, CSRF_FIELD: self.token,
                **{f"{step}-{name}": value for name, value in answers.items()}}
        # URL-encoded as a browser sends a form (the test client's default is multipart, slower to parse); over
        # HTTPS, Django's CSRF check also wants the page the form came from, as a browser sends it.
        response = self.client.post(f"/questions/{step}/", urlencode(form, doseq=True), secure=True,
                                    content_type="application/x-www-form-urlencoded",
                                    headers={"referer": f"https://testserver/questions/{step}/"})
        if response.status_code != expect:
            raise AssertionError(f"POST {step}: status {response.status_code}, expected {expect}: "
                                 f"{response.content[:300]!r}")
        return response


def measurements() -> list[tuple[str, object]]:
    """(name, a function making one request) for every measured request, the trivial view first."""
    answering, finished = Visitor(), Visitor()
    for step, answers in VISITOR.steps:
        answering.get(f"/questions/{step}/")
        answering.answer(step, answers, expect=302)
    for step, answers in FINISHED.steps:
        finished.get(f"/questions/{step}/")
        finished.answer(step, answers, expect=302)
    finished.get("/questions/done/", expect=302)
    finished.get("/results/")

    def page(step):
        return lambda: answering.get(f"/questions/{step}/")

    def post(step, answers):
        return lambda: answering.answer(step, answers, expect=302)

    def wrong(step):
        return lambda: answering.answer(step, WRONG_ANSWERS[step], expect=200)

    steps = [step for step, _ in VISITOR.steps]
    return (
        [("trivial view", lambda: answering.get("/benchmark/trivial/"))]
        + [(f"GET {step}", page(step)) for step in steps]
        + [(f"POST {step}", post(step, answers)) for step, answers in VISITOR.steps]
        + [(f"error {step}", wrong(step)) for step in steps]
        + [("results", lambda: finished.get("/results/"))]
    )


def interleaved(functions, runs: int) -> tuple[list[list[float]], list[list[float]]]:
    """Wall-clock and CPU times of each function over `runs` rounds, each round running every function once,
    after a warm-up round."""
    for function in functions:
        function()
    wall, cpu = [[] for _ in functions], [[] for _ in functions]
    for _ in range(runs):
        for function, wall_bucket, cpu_bucket in zip(functions, wall, cpu):
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            cpu_bucket.append(time.process_time() - start_cpu)
            wall_bucket.append(time.perf_counter() - start)
    return wall, cpu


def report(names: list[str], wall: list[list[float]], cpu: list[list[float]]) -> dict[str, dict[str, float]]:
    """Print each median (wall clock and CPU) and its ratio to the trivial view's; return them by name."""
    medians = {name: statistics.median(bucket) for name, bucket in zip(names, wall)}
    cpu_medians = {name: statistics.median(bucket) for name, bucket in zip(names, cpu)}
    ratios = {name: median / medians["trivial view"] for name, median in medians.items()}
    cpu_ratios = {name: median / cpu_medians["trivial view"] for name, median in cpu_medians.items()}
    print(f"{'request':<20} {'wall ms':>8} {'÷ trivial':>10} {'CPU ms':>8} {'÷ trivial':>10}")
    for name in names:
        print(f"{name:<20} {medians[name] * 1000:>8.2f} {ratios[name]:>8.1f} × "
              f"{cpu_medians[name] * 1000:>8.2f} {cpu_ratios[name]:>8.1f} ×")
    groups = {"GET": "question page (GET)", "POST": "answer (POST, 302)", "error": "page with errors"}
    print()
    for prefix, label in groups.items():
        members = [name for name in names if name.startswith(prefix + " ")]
        print(f"{label} ÷ trivial view: median over the steps {statistics.median(ratios[n] for n in members):.1f} ×"
              f" (CPU {statistics.median(cpu_ratios[n] for n in members):.1f} ×), highest "
              f"{max(ratios[n] for n in members):.1f} × (CPU {max(cpu_ratios[n] for n in members):.1f} ×)")
    print(f"results page ÷ trivial view: {ratios['results']:.1f} × (CPU {cpu_ratios['results']:.1f} ×)")
    return {name: {"wall_ms": medians[name] * 1000, "wall_ratio": ratios[name],
                   "cpu_ms": cpu_medians[name] * 1000, "cpu_ratio": cpu_ratios[name]} for name in names}


def profile(functions, rounds: int) -> None:
    """cProfile over `rounds` of every question page (GET), costliest functions first, by own and total time."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        for function in functions:
            function()
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="page-benchmark-") as workdir:
        set_up_django(configured_db=args.configured_db, workdir=workdir)
        named = measurements()
        names = [name for name, _ in named]
        wall, cpu = interleaved([function for _, function in named], args.runs)
        print(f"{args.runs} rounds, in process (Django test client), debug off; medians of wall-clock time and of "
              f"this process's CPU time (which does not count the time other jobs on the machine take):")
        figures = report(names, wall, cpu)
        if args.json:
            Path(args.json).write_text(json.dumps({"runs": args.runs, "requests": figures}, indent=2))
        if args.profile:
            profile([function for name, function in named if name.startswith("GET ")], max(args.runs // 4, 1))


if __name__ == "__main__":
    main()
