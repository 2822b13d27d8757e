"""The results for a tired reader, measured in Chromium at 375 × 667 (a phone): the overview in 3 screens or
fewer and every part in 8 or fewer, for the visitors of benchmarks/journeys.py and the other profiles the tests
use; no sideways scroll; and no axe-core violation on any of them at 375 px, 1280 px and 200 % zoom."""
import pytest

from benchmarks.journeys import VISITORS

from .conftest import axe_violations, format_violations
from .flow import answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
OVERVIEW_SCREENS, PART_SCREENS = 3, 8
STEP_ORDER = ("role", "about", "disease", "edss", "walking", "activity", "treatments", "values")


def _steps(changes: dict) -> tuple:
    base = dict(VISITORS[0].steps)
    base.update(changes)
    return tuple((step, base[step]) for step in STEP_ORDER if step in base)


# The visitors of the load benchmark, and the longest results we know of.
PROFILES = {visitor.name: visitor.steps for visitor in VISITORS} | {
    "everything not known": _steps({
        "about": {"age": "41", "sex": "female", "pregnancy_wish": "unsure"},
        "disease": {"subtype": "unsure", "duration_unknown": "on"},
        "edss": {"edss": "unknown"},
        "walking": {"walking_range": "unknown"},
        "activity": {"relapses_unknown": "on", "mri_activity": "unknown", "disability_worsened": "unknown"},
        "treatments": {"high_efficacy_contraindicated": "unknown"},
    }),
    "treatment-naive aggressive MS": _steps({
        "activity": {"relapses": "3", "mri_activity": "yes", "disability_worsened": "yes"},
        "treatments": {"high_efficacy_contraindicated": "no"},
    }),
    "thinking of treatment abroad": _steps({
        "values": {**dict(VISITORS[0].steps)["values"], "treatment_abroad": "yes"},
    }),
    "active SPMS, EDSS 6": _steps({
        "about": {"age": "45", "sex": "female", "pregnancy_wish": "no"},
        "disease": {"subtype": "spms_active", "duration_years": "12"},
        "edss": {"edss": "6.0"},
    }),
}


def parts(page) -> list[str]:
    return page.eval_on_selector_all(".parts-list a", "links => links.map(a => a.getAttribute('href'))")


def screens(page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]


def sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.mark.parametrize("name", PROFILES)
def test_the_overview_and_every_part_fit_their_phone_screens(make_page, shoot, name):
    page = make_page(viewport=PHONE, is_mobile=True, has_touch=True)
    answer(page, PROFILES[name])
    heights, too_long = {}, []
    for url in ["/results/"] + parts(page):
        page.goto(url)
        heights[url] = round(screens(page), 2)
        limit = OVERVIEW_SCREENS if url == "/results/" else PART_SCREENS
        if heights[url] > limit:
            too_long.append(f"{url}: {heights[url]} screens (at most {limit})")
        assert not sideways(page), f"{url} scrolls sideways at 375 px"
        shoot(page, url.strip("/").replace("/", "-"))
    print(name, heights)
    assert len(heights) >= 10 and too_long == [], too_long


def test_the_summaries_do_not_scroll_sideways_on_a_phone(make_page):
    page = make_page(viewport=PHONE, is_mobile=True, has_touch=True)
    answer(page, PROFILES["clinician, progressive MS"])
    for url in ("/summary/", "/summary/large-print/", "/summary/clinician/"):
        page.goto(url)
        assert not sideways(page), f"{url} scrolls sideways at 375 px"


VIEWPORTS = {
    "375 px": dict(viewport=PHONE, is_mobile=True, has_touch=True),
    "1280 px": dict(viewport={"width": 1280, "height": 900}),
    "200 % zoom": dict(viewport={"width": 640, "height": 450}, device_scale_factor=2),
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ["patient", "clinician, progressive MS"])
def test_no_axe_violation_on_any_results_page_or_summary(make_page, name, viewport):
    page = make_page(**VIEWPORTS[viewport])
    answer(page, PROFILES[name])
    problems = []
    urls = ["/results/"] + parts(page) + ["/summary/", "/summary/large-print/", "/summary/clinician/"]
    for url in urls:
        page.goto(url)
        # Open every <details>, so what it hides is checked too.
        page.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(f"{url} at {viewport}", violations))
    assert problems == [], "\n\n".join(problems)


ABROAD_PART = "/results/treatment-abroad-or-at-a-private-clinic/"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violation_on_the_treatment_abroad_part_or_its_public_page(make_page, viewport):
    page = make_page(**VIEWPORTS[viewport])
    problems = []
    page.goto("/treatment-abroad/")  # before any answer: anyone can read it
    assert page.locator("h1").inner_text() == "Treatment abroad or at a private clinic"
    violations = axe_violations(page)
    if violations:
        problems.append(format_violations(f"/treatment-abroad/ at {viewport}", violations))
    answer(page, PROFILES["thinking of treatment abroad"])
    assert ABROAD_PART in parts(page)
    for url in (ABROAD_PART, "/summary/", "/summary/clinician/"):
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(f"{url} at {viewport}", violations))
    assert problems == [], "\n\n".join(problems)


def test_the_public_treatment_abroad_page_fits_8_phone_screens(make_page):
    page = make_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/treatment-abroad/")
    height = round(screens(page), 2)
    print("/treatment-abroad/", height)
    assert height <= PART_SCREENS and not sideways(page), height
