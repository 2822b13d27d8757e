"""How long the printable summaries take to build as PDF, against WeasyPrint's practical floor.

Run from the project root (not a test; nothing is asserted):

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/pdf_benchmark.py            # 15 runs each
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/pdf_benchmark.py --runs 30
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/pdf_benchmark.py --configured-db   # use DATABASE_URL / db.sqlite3

By default the evidence is loaded into a temporary SQLite database (migrated, then `load_evidence()`), which is
deleted at the end; with --configured-db the configured database is migrated and loaded instead (`load_evidence`
is idempotent). One fixed profile is assessed: 34, female, may want a child, RRMS for 6 years, EDSS 3.5,
2 relapses and MRI activity despite natalizumab.

For the patient summary, the large-print summary and the clinician handout it measures, over N runs after one
warm-up run each, all in the same run:
  full path      what a PDF request does: load the published evidence, assess(), render the template,
                 the PDF (documents.summary_pdf: WeasyPrint with the static-files fetcher, PDF/UA-1, A4)
  WeasyPrint     WeasyPrint alone on the HTML the full path built, with the same options
  HTML only      the app's own part: evidence, assess(), template (no PDF)
  floor          WeasyPrint's practical floor for that many pages: a generated document of plain paragraphs of
                 varied words (the summary's own words, shuffled), DejaVu Sans at the summary's body size and
                 line height, the same paper and margins, tagged PDF/UA-1, with the same number of pages, as
                 full as it can be without a page more
and prints the median and the 90th percentile of each, and the ratios full path / floor (the target for the
patient summary is 5 or less) and full path / WeasyPrint alone.
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


def interleaved(functions, runs: int) -> list[list[float]]:
    """Times of each function over `runs` rounds, each round running every function once, after a warm-up."""
    for function in functions:
        function()
    times = [[] for _ in functions]
    for _ in range(runs):
        for function, bucket in zip(functions, times):
            start = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - start)
    return times


def p90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10, method="inclusive")[8] if len(times) > 1 else times[0]


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pdf-benchmark-") as workdir:
        setup_django(configured_db=args.configured_db, workdir=workdir)
        run(args.runs)


FLOOR_PAGE = {  # body size and line height of each summary's print stylesheet (static/css/print-summary.css)
    "patient": ("11pt", 1.25), "large-print": ("14pt", 1.35), "clinician": ("10pt", 1.25),
}


def floor_html(words: list[str], paragraphs: int, *, font_size: str, line_height: float) -> str:
    """Plain paragraphs of varied words, in the summary's font, size and margins: no pictures, no tables."""
    import random

    shuffled = random.Random(paragraphs)
    body = "".join(
        "<p>" + " ".join(shuffled.choice(words) for _ in range(60)) + "</p>" for _ in range(paragraphs)
    )
    return (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Floor</title><style>'
        "@page { size: A4; margin: 9mm 10mm 13mm; }"
        f'html {{ font-family: "DejaVu Sans"; font-size: {font_size}; line-height: {line_height}; }}'
        "body { margin: 0; } p { margin: 0 0 .35em; }"
        f"</style></head><body>{body}</body></html>"
    )


def fill_pages(words: list[str], pages: int, *, font_size: str, line_height: float) -> str:
    """The floor document with exactly `pages` pages and as many paragraphs as fit in them (binary search)."""
    import io

    import pypdf
    import weasyprint

    def count(paragraphs: int) -> int:
        html = floor_html(words, paragraphs, font_size=font_size, line_height=line_height)
        return len(pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf())).pages)

    low, high = 1, 8 * pages  # count(low) <= pages < count(high)
    while count(high) <= pages:
        high *= 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if count(middle) <= pages else (low, middle)
    return floor_html(words, low, font_size=font_size, line_height=line_height)


def run(runs: int) -> None:
    import io
    import re

    import pypdf
    import weasyprint
    from django.db import connection
    from django.utils.html import strip_tags

    from decisionaid.assessment.assess import assess
    from decisionaid.assessment.evidence import load_published_evidence
    from decisionaid.assessment.profile import profile_from_data
    from decisionaid.summary.documents import summary_html, summary_pdf
    from decisionaid.summary.pdf import A4, PDF_VARIANT, StaticFilesFetcher
    from decisionaid.summary.printable import CLINICIAN, LARGE_PRINT, PATIENT

    profile = profile_from_data(PROFILE)
    made_on = date.today()

    load = ", load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    print(f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, "
          f"{os.cpu_count()} CPUs{load}, database {connection.vendor}, {runs} runs after 1 warm-up")
    print(f"{'summary':<12} {'measure':<12} {'median s':>9} {'p90 s':>7}   pages  size")
    for kind in (PATIENT, LARGE_PRINT, CLINICIAN):
        built = {}

        def build_html():
            evidence = load_published_evidence()
            assessment = assess(profile=profile, evidence=evidence)
            built["html"] = summary_html(assessment, kind=kind, made_on=made_on, evidence=evidence)
            return built["html"]

        def full_path():
            evidence = load_published_evidence()
            assessment = assess(profile=profile, evidence=evidence)
            return summary_pdf(
                assessment, kind=kind, made_on=made_on, evidence=evidence, paper=A4, base_url=BASE_URL
            )

        def weasyprint_alone(html=None):
            fetcher = StaticFilesFetcher(base_url=BASE_URL)
            page = weasyprint.CSS(string="@page { size: A4; }", url_fetcher=fetcher)
            document = weasyprint.HTML(string=html or built["html"], base_url=BASE_URL, url_fetcher=fetcher)
            return document.write_pdf(stylesheets=[page], pdf_variant=PDF_VARIANT)

        build_html()
        pdf = full_path()
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        words = re.findall(r"[A-Za-z]{2,}", strip_tags(built["html"]))
        font_size, line_height = FLOOR_PAGE[kind]
        floor = fill_pages(words, pages, font_size=font_size, line_height=line_height)
        floor_pdf = weasyprint_alone(floor)
        floor_pages = len(pypdf.PdfReader(io.BytesIO(floor_pdf)).pages)
        # Interleaved, one of each per round, so that a busy moment on the machine slows all four alike.
        full_times, alone_times, html_times, floor_times = interleaved(
            (full_path, weasyprint_alone, build_html, lambda: weasyprint_alone(floor)), runs
        )
        measures = (
            ("full path", full_times, pages, pdf), ("WeasyPrint", alone_times, pages, pdf),
            ("HTML only", html_times, pages, pdf), ("floor", floor_times, floor_pages, floor_pdf),
        )
        for label, times, page_count, data in measures:
            print(f"{kind:<12} {label:<12} {statistics.median(times):>9.3f} {p90(times):>7.3f}   "
                  f"{page_count:>5}  {len(data) // 1024} KiB")
        floor_ratio = statistics.median(full_times) / statistics.median(floor_times)
        app_ratio = statistics.median(full_times) / statistics.median(alone_times)
        print(f"{kind:<12} {'ratios':<12} {floor_ratio:>9.2f} × floor, {app_ratio:.2f} × WeasyPrint alone (medians)")


if __name__ == "__main__":
    main()
