"""The patient PDF can be read without glasses and kept short: body text 11 pt or more, nothing under 9 pt,
icon arrays at least 35 mm wide, at most three pages on A4 and on US Letter for any profile, and no near-empty
last page; the large-print PDF's body is 14 pt or more. Everything is read back from the real PDF (pypdf) or
from WeasyPrint's own layout of it."""
from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.profile import ProfileError, profile_from_data
from decisionaid.evidence.loading import load_evidence
from decisionaid.summary.documents import summary_html, summary_pdf
from decisionaid.summary.icon_array import icon_array_svg
from decisionaid.summary.pdf import A4, LETTER, StaticFilesFetcher, _layout
from decisionaid.summary.printable import LARGE_PRINT, PATIENT, PATIENT_MAX_PAGES
from tests.robustness.strategies import GOOD_VALUES

from .pdf_reading import body_size, font_sizes, icon_array_widths_mm, page_fills

pytestmark = pytest.mark.django_db
BASE_URL = "https://testserver/"
MADE_ON = date(2026, 12, 2)
BODY_MIN, SMALLEST, LARGE_BODY_MIN, ARRAY_MIN_MM = 11.0, 9.0, 14.0, 35.0
# No near-empty last page (a stray row or two), and no earlier page left mostly empty by a bad break.
LAST_PAGE_MIN_FILL, OTHER_PAGE_MIN_FILL = 0.2, 0.5

WOMAN = dict(
    age=34, sex="female", subtype="rrms", disease_duration_years=6, edss=3.5, relapses_12m=2,
    mri_activity_12m="yes", disability_worsened_12m="no", dmts=["natalizumab", "interferon-beta"],
    high_efficacy_contraindicated=False, pregnancy_wish="yes",
    values={"stop_activity": "very", "avoid_risks": "somewhat", "fertility": "very", "time_away": "not"},
)
# The longest summaries we know: every answer not known, a woman who may want a child; and treatment-naive
# aggressive MS (a first-line note, a trial note, first-treatment evidence).
UNKNOWN_EVERYTHING = dict(
    WOMAN, age=41, pregnancy_wish="unsure", subtype="unsure", disease_duration_years=None, edss=None,
    relapses_12m=None, mri_activity_12m="unknown", disability_worsened_12m="unknown",
    high_efficacy_contraindicated=None, dmts=[],
)
NAIVE_AGGRESSIVE = dict(WOMAN, dmts=[], relapses_12m=3, disability_worsened_12m="yes")
# ... and each of them thinking of a private clinic or treatment abroad (a section and two more questions).
WORST_CASES = {"woman": WOMAN, "unknown everything": UNKNOWN_EVERYTHING, "naive aggressive": NAIVE_AGGRESSIVE}
WORST_CASES |= {f"{name}, abroad {answer}": dict(data, treatment_abroad=answer)
                for name, data in list(WORST_CASES.items()) for answer in ("yes", "unsure")}


@pytest.fixture(scope="module")
def evidence(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_evidence()
        evidence = load_published_evidence()
        transaction.set_rollback(True)
    return evidence


def pdf_for(evidence, data, *, kind=PATIENT, paper=A4) -> bytes:
    assessment = assess(profile=profile_from_data(data), evidence=evidence, today=MADE_ON)
    return summary_pdf(assessment, kind=kind, made_on=MADE_ON, evidence=evidence, paper=paper, base_url=BASE_URL)


def assert_legible_and_short(pdf: bytes, what) -> None:
    sizes = font_sizes(pdf)
    assert body_size(sizes) >= BODY_MIN, (what, sizes.most_common(3))
    assert min(sizes) >= SMALLEST, (what, sorted(sizes))
    fills = page_fills(pdf)
    assert len(fills) <= PATIENT_MAX_PAGES, (what, fills)
    if len(fills) > 1:
        assert fills[-1] >= LAST_PAGE_MIN_FILL, (what, fills)
        assert all(fill >= OTHER_PAGE_MIN_FILL for fill in fills[:-1]), (what, fills)


@pytest.mark.parametrize("paper", [A4, LETTER])
@pytest.mark.parametrize("name", WORST_CASES)
def test_the_longest_summaries_we_know_are_legible_and_fit_three_pages(evidence, name, paper):
    assert_legible_and_short(pdf_for(evidence, WORST_CASES[name], paper=paper), (name, paper))


@st.composite
def profiles(draw):
    data = {key: draw(good) for key, good in GOOD_VALUES.items()}
    data["role"] = "patient"
    try:
        profile_from_data(data)
    except ProfileError:
        assume(False)
    return data


@pytest.mark.parametrize("paper", [A4, LETTER])
def test_random_profiles_are_legible_and_fit_three_pages(evidence, paper):
    @settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=profiles())
    def check(data):
        assert_legible_and_short(pdf_for(evidence, data, paper=paper), (paper, data))

    check()


def test_the_large_print_summary_has_a_body_of_14_points(evidence):
    for name, data in WORST_CASES.items():
        sizes = font_sizes(pdf_for(evidence, data, kind=LARGE_PRINT))
        assert body_size(sizes) >= LARGE_BODY_MIN, (name, sizes.most_common(3))
        assert min(sizes) >= SMALLEST, (name, sorted(sizes))


@pytest.mark.parametrize("kind, width", [(PATIENT, ARRAY_MIN_MM), (LARGE_PRINT, 45.0)])
def test_every_icon_array_on_paper_is_at_least_35_mm_wide(evidence, kind, width):
    assessment = assess(profile=profile_from_data(WOMAN), evidence=evidence, today=MADE_ON)
    html = summary_html(assessment, kind=kind, made_on=MADE_ON, evidence=evidence)
    document = _layout(html=html, base_url=BASE_URL, paper=A4, fetcher=StaticFilesFetcher(base_url=BASE_URL))
    widths = icon_array_widths_mm(document)
    assert len(widths) >= 8  # four key benefits and four key harms
    assert min(widths) >= width - 0.05, widths  # layout rounding


def test_benefits_and_harms_have_patterns_that_differ_in_black_and_white():
    benefit = str(icon_array_svg(count=40, text="x", kind="benefit", element_id="b"))
    harm = str(icon_array_svg(count=40, text="x", kind="risk", element_id="h"))
    benefit_pattern = benefit[benefit.index("<pattern"):benefit.index("</pattern>")]
    harm_pattern = harm[harm.index("<pattern"):harm.index("</pattern>")]
    assert "<circle" in benefit_pattern and "<line" not in benefit_pattern  # dots
    assert "<line" in harm_pattern and "<circle" not in harm_pattern  # stripes
