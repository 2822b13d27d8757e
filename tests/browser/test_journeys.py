"""A person's way through the aid in Chromium: keyboard only, Back, the PDF, Start again, a phone and 200% zoom."""
import io

import pytest

from .flow import STEPS, answer_step, current_step, focused, start_from_home, submit, tab_to_button, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATIC_PAGES = ["/", "/evidence/", "/about/", "/privacy/", "/glossary/"]


def no_horizontal_scroll(page) -> tuple[int, int]:
    return page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")


@pytest.mark.parametrize("role", ["patient", "clinician"])
def test_keyboard_only_from_home_to_results(page, shoot, role):
    start_from_home(page)
    walk(page, role=role, on_page=shoot)

    # The overview gives the three verdicts in a line or two; the guidelines part has one card each.
    verdicts = page.locator(".verdict-list li").all_inner_texts()
    assert verdicts and all(line.strip() for line in verdicts)
    assert sum(line.count(",") + line.count(" and ") + 1 for line in (v.split(":")[0] for v in verdicts)) == 3
    arrays = page.locator("svg[role=img]")
    assert arrays.count() > 0
    titles = page.eval_on_selector_all("svg[role=img]", "svgs => svgs.map(s => s.querySelector('title')?.textContent.trim() || '')")
    assert all(titles), "every icon array has a title"
    if role == "clinician":
        assert page.get_by_role("link", name="Handout PDF").count() >= 1
    with page.expect_navigation():
        page.locator(".verdict-list a").first.click()
    cards = page.locator(".guideline-card")
    assert cards.count() == 3
    for index in range(3):
        assert cards.nth(index).locator(".verdict").inner_text().strip()
    # The stylesheet is served (WhiteNoise, hashed file names): the header has the site's colour, not the default.
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(18, 60, 105)"
    assert page.js_errors == []


def test_back_keeps_the_answers(page):
    start_from_home(page)
    walk(page, until="disease")
    answer_step(page, "disease")
    submit(page, "Back")
    assert current_step(page) == "about"
    assert page.input_value("#id_about-age") == "34"
    assert page.is_checked('input[name="about-sex"][value="female"]')
    assert page.is_checked('input[name="about-pregnancy_wish"][value="yes"]')
    submit(page, "Next")
    assert current_step(page) == "disease"
    assert page.input_value("#id_disease-duration_years") == "6"
    assert page.is_checked('input[name="disease-subtype"][value="rrms"]')


def test_the_pdf_downloads_and_has_text(page, live_url):
    from pypdf import PdfReader

    start_from_home(page)
    walk(page)
    link = page.get_by_role("link", name="PDF", exact=True).first
    if link.count() == 0:
        pytest.skip("The results page has no “Download PDF” link yet (the summary feature is unfinished).")
    probe = page.request.get(f"{live_url}/summary.pdf")
    if probe.status == 404:
        pytest.skip("/summary.pdf does not exist yet (the summary feature is unfinished).")
    with page.expect_download(timeout=90_000) as download_info:
        link.click(no_wait_after=True)
    download = download_info.value
    assert download.failure() is None
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page_.extract_text() or "" for page_ in reader.pages)
    assert len(reader.pages) >= 1
    assert "aHSCT" in text or "stem cell" in text.lower(), text[:500]


def test_start_again_clears_everything(page):
    start_from_home(page)
    walk(page)
    page.goto("/privacy/")
    tab_to_button(page, "Start again")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # It asks first, and clears only when confirmed.
    assert "Clear all your answers?" in page.inner_text("main")
    tab_to_button(page, "Yes, clear my answers")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "All your answers have been cleared" in page.inner_text("main")
    page.goto("/results/")
    assert "/questions/" in page.url
    assert "Please answer the questions first" in page.inner_text("main")
    page.goto("/questions/about/")
    assert page.input_value("#id_about-age") == ""


def test_a_phone_never_scrolls_sideways(make_page, shoot):
    page = make_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    too_wide = []

    def check(page, name):
        width, viewport = no_horizontal_scroll(page)
        if width > viewport:
            too_wide.append(f"{page.url}: {width}px wide in a {viewport}px window")
        shoot(page, name)

    for path in STATIC_PAGES:
        page.goto(path)
        check(page, path.strip("/") or "home")
    start_from_home(page)
    walk(page, on_page=check)
    for path in ("/summary/", "/summary/clinician/"):
        if page.goto(path).status == 200:
            check(page, path.strip("/").replace("/", "-"))
    assert too_wide == []


def test_200_percent_zoom_keeps_next_visible_and_no_sideways_scroll(make_page, shoot):
    # 200% zoom of a 1280 px window: the layout gets 640 CSS pixels, drawn at twice the density.
    page = make_page(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    start_from_home(page)
    for step in STEPS:
        assert current_step(page) == step
        width, viewport = no_horizontal_scroll(page)
        assert width <= viewport, f"{page.url}: {width}px wide in a {viewport}px window"
        answer_step(page, step)
        button = page.get_by_role("button", name="See my results" if step == STEPS[-1] else "Next")
        button.scroll_into_view_if_needed()
        assert button.is_visible()
        box = button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport
        shoot(page, step)
        with page.expect_navigation():
            button.click()
    assert page.url.endswith("/results/")
    width, viewport = no_horizontal_scroll(page)
    assert width <= viewport, f"results: {width}px wide in a {viewport}px window"
    shoot(page, "results")


def test_keyboard_focus_is_visible(page):
    page.goto("/")
    element = tab_to_button(page, "Start the questions")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert element["tag"] == "a"
    assert outline[0] != "none" and outline[1] != "0px", outline
    assert focused(page)["text"] == "Start the questions"
