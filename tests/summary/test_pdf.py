"""The summaries as PDF: rendered through the views for several profiles and read back with pypdf (pages, paper,
metadata, tagging, text), and the URL fetcher that lets WeasyPrint load nothing but the app's static files.

Renders are shared through a module-scoped cache (see summary_profiles.Renders); every test still reads the
real PDF bytes of the response it checks.
"""
import socket
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from decisionaid.assessment.checks import number_plain
from decisionaid.assessment.outcomes import _place
from decisionaid.summary import pdf as pdf_module
from decisionaid.summary.pdf import (
    A4, LETTER, RefusedResource, StaticFilesFetcher, paper_size, render_pdf, static_file_for,
)

from decisionaid.summary.printable import (
    PATIENT_MAX_PAGES, figure_pairs, patient_figure_sections, summary_questions,
)

from .summary_profiles import PROFILES, ReadBack, Renders

A4_POINTS = (595, 842)
LETTER_POINTS = (612, 792)
BASE_URL = "https://testserver/"
PATIENT_PDF = "/summary.pdf"
CLINICIAN_PDF = "/summary/clinician.pdf"


# What this module reads, per profile: rendered together, with one load of the evidence per profile.
PLAN = {
    "female_pregnancy": (PATIENT_PDF, PATIENT_PDF + "?paper=letter"),
    "male": (PATIENT_PDF,),
    "progressive": (PATIENT_PDF,),
    "clinician": (PATIENT_PDF, CLINICIAN_PDF + "?paper=tabloid"),
    "unknown": (PATIENT_PDF,),
    "walking": (PATIENT_PDF, CLINICIAN_PDF),
}


@pytest.fixture(scope="module")
def renders(django_db_setup, django_db_blocker):
    return Renders(django_db_blocker, PLAN)


@pytest.fixture
def no_network(monkeypatch):
    """Fails the test on any attempt to open a network connection (it only detects; the fetcher refuses)."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network connection attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def static_url(name: str) -> str:
    """The URL {% static %} gives (hashed by the manifest storage when debug is off), made absolute."""
    from django.templatetags.static import static

    return BASE_URL.rstrip("/") + static(name)


# -- paper --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("letter", LETTER), ("Letter", LETTER), (" LETTER ", LETTER), ("a4", A4), ("A4", A4),
        (None, A4), ("", A4), ("tabloid", A4), ("legal", A4), ("../../etc/passwd", A4), ("letter;", A4),
    ],
)
def test_paper_size_is_letter_only_when_asked_and_a4_otherwise(value, expected):
    assert paper_size(value) == expected


def test_render_pdf_refuses_a_paper_size_it_does_not_know():
    with pytest.raises(ValueError):
        render_pdf(html="<p>x</p>", base_url=BASE_URL, paper="tabloid")


@pytest.mark.parametrize("paper, points", [(A4, A4_POINTS), (LETTER, LETTER_POINTS)])
def test_render_pdf_uses_the_paper_asked_for(paper, points):
    html = '<html lang="en-GB"><head><title>Paper</title></head><body><p>Paper test</p></body></html>'
    assert ReadBack(render_pdf(html=html, base_url=BASE_URL, paper=paper)).page_size() == points


# -- only the app's own static files are loaded ------------------------------------------------------------


def test_a_static_url_on_the_pages_origin_is_served_from_disk(db):
    path = static_file_for(static_url("css/print-summary.css"), base_url=BASE_URL)
    assert path is not None and path.is_file()
    assert "@page" in path.read_text()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/css/print-summary.css",  # the static path, on another host
        "http://testserver/static/css/print-summary.css",  # another scheme than the page's
        "https://testserver/summary/",  # this host, but not a static file
        "https://testserver/static/../decisionaid/settings.py",
        "https://testserver/static/%2e%2e/decisionaid/settings.py",
        "https://testserver/static/css/does-not-exist.css",
        "file:///etc/passwd",
        f"file://{Path(settings.BASE_DIR) / 'decisionaid' / 'settings.py'}",
        "ftp://example.com/x.css",
        "javascript:alert(1)",
    ],
)
def test_anything_else_is_not_a_static_file(url):
    assert static_file_for(url, base_url=BASE_URL) is None


def test_an_unhashed_static_url_is_the_source_file_as_debug_serves_it():
    source = Path(finders.find("css/print-summary.css")).resolve()
    assert static_file_for(BASE_URL + "static/css/print-summary.css", base_url=BASE_URL) == source


def test_a_file_url_inside_the_static_folders_is_allowed():
    source = Path(finders.find("css/print-summary.css"))
    assert static_file_for(source.as_uri(), base_url=BASE_URL) == source.resolve()


def test_the_fetcher_raises_for_an_external_url_and_records_it(no_network):
    fetcher = StaticFilesFetcher(base_url=BASE_URL)
    with pytest.raises(RefusedResource):
        fetcher.fetch("http://example.com/x.png")
    assert fetcher.refused == ["http://example.com/x.png"] and fetcher.served == []
    assert no_network == []


def test_the_fetcher_serves_static_css_and_decodes_data_urls(db):
    fetcher = StaticFilesFetcher(base_url=BASE_URL)
    response = fetcher.fetch(static_url("css/print-summary.css"))
    assert response.content_type == "text/css" and b"@page" in response.read()
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"
    assert fetcher.refused == []


HOSTILE_PAGE = """<!doctype html>
<html lang="en-GB"><head><title>Hostile</title>
<link rel="stylesheet" href="https://cdn.example.com/evil.css">
<link rel="stylesheet" href="{css}">
<style>@import url("http://example.com/imported.css"); body {{ background: url(https://example.org/bg.png); }}</style>
</head><body>
<p>Only the app's static files may load.</p>
<img src="http://example.com/x.png" alt="external">
<img src="file:///etc/hostname" alt="local file">
<img src="//example.net/protocol-relative.png" alt="protocol relative">
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="https://example.com/in-svg.png" width="10" height="10"/></svg>
</body></html>"""


def test_an_external_resource_in_the_html_is_never_fetched(db, no_network):
    fetcher = StaticFilesFetcher(base_url=BASE_URL)
    html = HOSTILE_PAGE.format(css=static_url("css/print-summary.css"))
    data = render_pdf(html=html, base_url=BASE_URL, paper=A4, fetcher=fetcher)
    assert data.startswith(b"%PDF")
    assert no_network == []
    refused = set(fetcher.refused)
    for url in (
        "https://cdn.example.com/evil.css",
        "http://example.com/imported.css",
        "https://example.org/bg.png",
        "http://example.com/x.png",
        "file:///etc/hostname",
        "https://example.net/protocol-relative.png",
    ):
        assert url in refused, (url, fetcher.refused)
    assert fetcher.served == [static_url("css/print-summary.css")]


def test_the_summary_views_render_with_the_refusing_fetcher(renders, monkeypatch):
    """The PDF views go through render_pdf, whose default fetcher is StaticFilesFetcher."""
    made = []
    original = pdf_module.StaticFilesFetcher

    class Recording(original):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            made.append(self)

    monkeypatch.setattr(pdf_module, "StaticFilesFetcher", Recording)
    read = renders.pdf("male", PATIENT_PDF + "?paper=a4")
    assert read.page_size() == A4_POINTS
    assert len(made) == 1 and made[0].refused == []
    assert [url.split("/static/")[1].split(".")[0] for url in made[0].served] == ["css/print-summary"]


# -- the patient summary ------------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", list(PROFILES))
def test_the_patient_summary_fits_three_a4_pages_with_page_numbers(renders, profile):
    read = renders.pdf(profile, PATIENT_PDF)
    count = len(read.pages)
    assert count <= PATIENT_MAX_PAGES, f"{profile}: {count} pages"
    assert all(read.page_size(i) == A4_POINTS for i in range(count))
    for number in range(1, count + 1):
        assert f"Page {number} of {count}" in read.page_texts[number - 1]


@pytest.mark.parametrize("profile", list(PROFILES))
def test_the_patient_summary_shows_the_key_figures_verdicts_sources_and_version(renders, profile):
    read = renders.pdf(profile, PATIENT_PDF)
    assessment = renders.assessment(profile)
    assert assessment.evidence_version and read.contains(f"Evidence version {assessment.evidence_version}")
    assert read.contains(f"evidence last reviewed {assessment.evidence_reviewed_on:%-d %B %Y}")
    assert read.contains("This summary is not a recommendation")
    for guideline in assessment.guidelines:
        assert read.contains(guideline.short_name), guideline.key
        assert read.contains(guideline.verdict_plain), guideline.key
        assert read.contains(guideline.source.short_name), guideline.key
    key = [o for o in assessment.outcomes if o.is_key and o.headline is not None]
    assert len([o for o in key if o.kind == "benefit"]) >= 3 and len([o for o in key if o.kind == "risk"]) >= 3
    for outcome in key:
        figure = outcome.headline
        # Pictured: the title and the short sentence; said in words (a compact summary): the whole sentence.
        assert read.contains(figure.text_short) or read.contains(figure.text), figure.key
        assert read.contains(outcome.title) and read.contains(outcome.range_short), figure.key
        assert read.contains(figure.source.short_name), figure.key
        if figure.icons_note and read.contains(figure.text_short):
            assert read.contains(figure.icons_note), figure.key
    for question in summary_questions(assessment):
        assert read.contains(question)
    for line in assessment.answers_plain + assessment.values_plain:
        assert read.contains(f"{line.label}: {line.answer}"), line


def test_the_patient_summary_reads_back_published_numbers_untouched(renders):
    read = renders.pdf("female_pregnancy", PATIENT_PDF)
    # Counts, estimates with their ranges, and a rounded icon count with the figure it stands for.
    for text in ("80 of 149 people", "73 in 100 people", "the study's range: 66 to 81 in 100", "0 of 55 people",
                 "The picture rounds 86.9 to 87 whole people.",
                 "Silfverberg 2024 (JNNP)", "HALT-MS (Nash 2017)", "Burt 2021"):
        assert read.contains(text), text


def test_a_woman_who_may_want_a_child_gets_the_fertility_figures_and_a_man_does_not(renders):
    woman = renders.pdf("female_pregnancy", PATIENT_PDF)
    man = renders.pdf("male", PATIENT_PDF)
    assert woman.contains("Periods and fertility") and woman.contains("7 of 38 women became pregnant")
    assert not man.contains("Periods and fertility") and not man.contains("women")


def test_the_change_links_of_the_screen_summary_are_not_on_paper(renders):
    read = renders.pdf("female_pregnancy", PATIENT_PDF)
    assert read.contains("Age: ") and not read.contains("your answer to")


def test_the_approximate_edss_is_said_on_both_summaries(renders):
    assert renders.pdf("walking", PATIENT_PDF).contains("approximately EDSS 5.0 (from walking range)")
    clinician = renders.pdf("walking", CLINICIAN_PDF)
    assert clinician.contains("approximately EDSS 5.0 (from walking range)")
    assert clinician.contains("The EDSS is approximate")


def test_the_patient_pdf_is_tagged_with_its_title_and_language(renders):
    read = renders.pdf("female_pregnancy", PATIENT_PDF)
    assert read.metadata.title == "My summary: stem cell transplant (aHSCT) for MS"
    assert read.catalog["/Lang"] == "en-GB"
    # PDF/UA-1: a structure tree, marked content, and the title shown as the window title.
    assert "/StructTreeRoot" in read.catalog
    assert bool(read.catalog["/MarkInfo"]["/Marked"])
    assert bool(read.catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b'pdfuaid:part="1"' in read.catalog["/Metadata"].get_object().get_data()
    assert read.metadata["/Author"] == "aHSCT decision aid for MS"


def test_icon_arrays_are_tagged_figures_whose_alternative_text_is_the_figure(renders):
    read = renders.pdf("female_pregnancy", PATIENT_PDF)
    assessment = renders.assessment("female_pregnancy")
    pairs = figure_pairs(patient_figure_sections(assessment))
    pictured = [item.figure for pair in pairs for item in (pair.benefit, pair.harm) if item]
    figures = [element for element in read.structure() if element["/S"] == "/Figure"]
    assert sorted(str(f["/Alt"]) for f in figures) == sorted(f.text for f in pictured)
    assert {"/H1", "/H2", "/Table", "/TH"} <= {str(element["/S"]) for element in read.structure()}


def test_the_pdf_uses_the_print_stylesheet_fonts(renders):
    fonts = renders.pdf("female_pregnancy", PATIENT_PDF).font_names()
    assert any("DejaVu-Sans" in name for name in fonts), fonts
    assert not any("Serif" in name for name in fonts), fonts


def test_us_letter_on_request(renders):
    read = renders.pdf("female_pregnancy", PATIENT_PDF + "?paper=letter")
    assert all(read.page_size(i) == LETTER_POINTS for i in range(len(read.pages)))
    assert "Page 1 of" in read.page_texts[0]


def test_pdf_responses_are_attachments_that_are_never_cached(renders):
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    for url, name in ((PATIENT_PDF, "ahsct-summary"), (CLINICIAN_PDF, "ahsct-clinician-handout")):
        response = renders.get("walking", url)
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{name}-{today}.pdf"'
        assert "no-store" in response["Cache-Control"]


# -- the clinician handout -----------------------------------------------------------------------------------


def test_an_unknown_paper_value_gives_a4_not_an_error(renders):
    read = renders.pdf("clinician", CLINICIAN_PDF + "?paper=tabloid")
    assert all(read.page_size(i) == A4_POINTS for i in range(len(read.pages)))


def test_the_clinician_handout_metadata_and_page_numbers(renders):
    read = renders.pdf("clinician", CLINICIAN_PDF + "?paper=tabloid")
    assert read.metadata.title == "Clinician handout: aHSCT for MS, profile against three guidelines"
    assert read.catalog["/Lang"] == "en-GB" and "/StructTreeRoot" in read.catalog
    count = len(read.pages)
    assert count >= 2
    assert f"Page 1 of {count}" in read.page_texts[0] and f"Page {count} of {count}" in read.page_texts[-1]


@pytest.mark.parametrize("profile", ["clinician", "walking"])
def test_the_clinician_handout_has_every_criterion_with_value_threshold_and_result(renders, profile):
    url = CLINICIAN_PDF + ("?paper=tabloid" if profile == "clinician" else "")
    read = renders.pdf(profile, url)
    assessment = renders.assessment(profile)
    verdict_words = {"meets": "Meets all criteria", "borderline": "Borderline", "outside": "Outside the guideline",
                     "incomplete": "Incomplete"}
    for guideline in assessment.guidelines:
        assert read.contains(f"{guideline.short_name}: {guideline.name}. Verdict: {verdict_words[guideline.verdict]}")
        for criterion in guideline.criteria:
            for text in (criterion.label_technical, criterion.person_value, criterion.threshold):
                assert read.contains(text), (guideline.key, criterion.key, text)
    assert read.contains(assessment.edss_value)


@pytest.mark.parametrize("profile", ["clinician", "walking"])
def test_the_clinician_handout_has_figures_with_counts_intervals_and_full_citations(renders, profile):
    url = CLINICIAN_PDF + ("?paper=tabloid" if profile == "clinician" else "")
    read = renders.pdf(profile, url)
    assessment = renders.assessment(profile)
    figures = assessment.benefits + assessment.risks + assessment.fertility + assessment.comparisons
    assert any(f.ci_low is not None for f in figures) and any(f.numerator is not None for f in figures)
    for figure in figures:
        assert read.contains(figure.label_technical), figure.key
        assert read.contains(figure.time_point), figure.key
        if figure.numerator is not None and figure.denominator:
            assert read.contains(f"{figure.numerator}/{figure.denominator}"), figure.key
        if figure.per_100 is not None:
            assert read.contains(number_plain(figure.per_100)), figure.key
        if figure.ci_low is not None:
            interval = f"{number_plain(figure.ci_low)}–{number_plain(figure.ci_high)}"
            assert read.contains(interval + (f" ({figure.ci_level}% CI)" if figure.ci_level else "")), figure.key
        for label, value in figure.source.identifiers:
            assert read.contains(value), (figure.key, label)
        assert read.contains(figure.source.citation), figure.key
    for match in assessment.trials:
        assert read.contains(match.trial.name) and read.contains(match.registry_text)
    assert read.contains(f"Evidence version {assessment.evidence_version}")
    assert read.contains(f"evidence last reviewed {assessment.evidence_reviewed_on:%-d %B %Y}")
    assert read.contains("This handout is not a recommendation")


def test_the_clinician_handout_keeps_a_published_figure_with_two_decimals(renders):
    """number_plain, not floatformat: 0.19 must not become 0.2 (the fixture has one such figure)."""
    assessment = renders.assessment("clinician")
    shown = assessment.benefits + assessment.risks + assessment.fertility + assessment.comparisons
    small = [f for f in shown if f.per_100 is not None and f.per_100 != f.per_100.quantize(Decimal("0.1"))]
    read = renders.pdf("clinician", CLINICIAN_PDF + "?paper=tabloid")
    for figure in small:
        assert read.contains(number_plain(figure.per_100)), figure.key


def test_a_relapsing_summary_states_a_non_zero_treatment_related_death_figure_and_the_range(renders):
    """The death risk, honestly: for relapsing MS, the range of treatment-related deaths across studies, with its
    non-zero end, read back from the patient PDF."""
    read = renders.pdf("female_pregnancy", PATIENT_PDF)
    death = next(o for o in renders.assessment("female_pregnancy").outcomes if o.is_key and o.topic == "death")
    assert death.study_count >= 2
    assert read.contains(death.title) and read.contains(death.range_short), death.range_short
    assert death.highest.figure.per_100 > 0 and death.lowest.figure.per_100 < death.highest.figure.per_100
    for end in (death.lowest, death.highest):  # each end with its study, and the pooled estimate beside them
        assert _place(end.figure) in death.range_short, (end.study, death.range_short)
    assert "Pooled" in death.range_short


def test_a_ppms_summary_says_no_study_was_in_people_with_ppms_alone(renders):
    read = renders.pdf("progressive", PATIENT_PDF)
    assert read.contains("No study in our evidence was only in people with primary progressive MS")
