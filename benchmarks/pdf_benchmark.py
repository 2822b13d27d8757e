"""How long the printable summaries take to build as PDF, beside WeasyPrint alone on the same HTML.

Run from the project root (not a test; nothing is asserted):

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/pdf_benchmark.py            # 15 runs each
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/pdf_benchmark.py --runs 30
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/pdf_benchmark.py --configured-db   # use DATABASE_URL / db.sqlite3

By default the evidence is loaded into a temporary SQLite database (migrated, then `load_evidence()`), which is
deleted at the end; with --configured-db the configured database is migrated and loaded instead (`load_evidence`
is idempotent). One fixed profile is assessed: 34, female, may want a child, RRMS for 6 years, EDSS 3.5,
2 relapses and MRI activity despite natalizumab.

For the patient summary and the clinician handout it measures, over N runs after one warm-up run:
  full path      what a PDF request does: load the published evidence, assess(), render the template,
                 render_pdf() (WeasyPrint with the static-files fetcher, PDF/UA-1 tagging, A4)
  WeasyPrint     weasyprint.HTML(...).write_pdf(...) alone on the HTML the full path built, with the same
                 options (so the difference is the app's own work: evidence, assessment, template)
  untagged       WeasyPrint alone without PDF/UA tagging, to show what the tagging costs
  HTML only      the app's own part of the full path: evidence, assess(), template (no PDF)
and prints the median and the 90th percentile of each, and the ratio full path / WeasyPrint.
"""
import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "http://127.0.0.1:8000/"
PROFILE = {
    "role": "patient",
    "age": 34,
    "sex": "female",
    "pregnancy_wish": "yes",
    "subtype": "rrms",
    "disease_duration_years": "6",
    "edss": "3.5",
    "walking_range": None,
    "relapses_12m": 2,
    "mri_activity_12m": "yes",
    "disability_worsened_12m": "no",
    "dmts": ["natalizumab", "interferon-beta"],
    "high_efficacy_contraindicated": False,
    "values": {"stop_activity": "very", "avoid_risks": "somewhat", "fertility": "very", "time_away": "not",
               "no_ongoing_treatment": "unsure"},
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs per measurement (default 15)")
    parser.add_argument("--configured-db", action="store_true",
                        help="use the configured database instead of a temporary SQLite file")
    return parser.parse_args(argv)


def setup_django(*, configured_db: bool, workdir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "decisionaid.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if not configured_db:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(workdir) / 'benchmark.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    from decisionaid.evidence.loading import load_evidence

    call_command("migrate", verbosity=0, interactive=False)
    load_evidence()


def timed(function, runs: int) -> tuple[list[float], object]:
    function()  # warm-up: imports, font configuration, template loading
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return times, result


def p90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10, method="inclusive")[8] if len(times) > 1 else times[0]


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pdf-benchmark-") as workdir:
        setup_django(configured_db=args.configured_db, workdir=workdir)
        run(args.runs)


def run(runs: int) -> None:
    import io

    import pypdf
    import weasyprint
    from django.db import connection
    from django.template.loader import render_to_string

    from decisionaid.assessment.assess import assess
    from decisionaid.assessment.evidence import load_published_evidence
    from decisionaid.assessment.profile import profile_from_data
    from decisionaid.summary.pdf import A4, PDF_VARIANT, StaticFilesFetcher, render_pdf
    from decisionaid.summary.printable import CLINICIAN, PATIENT, summary_context
    from decisionaid.summary.views import SUMMARY_TEMPLATES

    profile = profile_from_data(PROFILE)
    made_on = date.today()

    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    print(f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
          f"{os.cpu_count()} CPUs{load}, database {connection.vendor}, {runs} runs after 1 warm-up")
    print(f"{'summary':<11} {'measure':<12} {'median s':>9} {'p90 s':>7}   pages  size")
    for kind in (PATIENT, CLINICIAN):
        built = {}

        def build_html():
            evidence = load_published_evidence()
            assessment = assess(profile=profile, evidence=evidence)
            built["html"] = render_to_string(
                SUMMARY_TEMPLATES[kind], summary_context(assessment, kind=kind, made_on=made_on, evidence=evidence)
            )
            return built["html"]

        def full_path():
            return render_pdf(html=build_html(), base_url=BASE_URL, paper=A4)

        def weasyprint_alone(tagged=True):
            fetcher = StaticFilesFetcher(base_url=BASE_URL)
            page = weasyprint.CSS(string="@page { size: A4; }", url_fetcher=fetcher)
            document = weasyprint.HTML(string=built["html"], base_url=BASE_URL, url_fetcher=fetcher)
            return document.write_pdf(stylesheets=[page], pdf_variant=PDF_VARIANT if tagged else None)

        full_times, pdf = timed(full_path, runs)
        alone_times, _ = timed(weasyprint_alone, runs)
        untagged_times, _ = timed(lambda: weasyprint_alone(tagged=False), runs)
        html_times, _ = timed(build_html, runs)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        measures = (
            ("full path", full_times), ("WeasyPrint", alone_times), ("untagged", untagged_times),
            ("HTML only", html_times),
        )
        for label, times in measures:
            print(f"{kind:<11} {label:<12} {statistics.median(times):>9.3f} {p90(times):>7.3f}   "
                  f"{pages:>5}  {len(pdf) // 1024} KiB")
        ratio = statistics.median(full_times) / statistics.median(alone_times)
        print(f"{kind:<11} {'ratio':<12} {ratio:>9.2f}   (full path / WeasyPrint alone, medians)")


if __name__ == "__main__":
    main()
