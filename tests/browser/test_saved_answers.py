"""Save my answers and continue from the file in Chromium: the file downloaded on the results page, opened in a new
browser (a new context: no cookies), gives the same results; one changed byte gives a message, not an error; the
home page's error state and the Start again question have no axe-core violation at 375 px, 1280 px and 200 % zoom."""
from pathlib import Path

import pytest

from .conftest import axe_violations, format_violations
from .flow import start_from_home, tab_to_button, walk
from .test_results_pages import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def continue_from(page, file) -> None:
    page.goto("/")
    page.set_input_files("#id_saved_answers", file)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue from this file").click()


def one_byte_changed(data: bytes) -> bytes:
    position = data.index(b'"34"') + 2  # the age: 34 becomes 35
    return data[:position] + b"5" + data[position + 1:]


def test_save_then_continue_in_a_new_browser_and_a_changed_byte_is_refused(page, make_page, shoot, tmp_path):
    start_from_home(page)
    walk(page)
    results = page.inner_text("main")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Save my answers").click()
    download = download_info.value
    assert download.suggested_filename.startswith("my-ahsct-answers-") and download.suggested_filename.endswith(".json")
    saved = Path(download.path()).read_bytes()
    assert len(saved) < 2000

    elsewhere = make_page(viewport={"width": 1280, "height": 900})
    saved_file = tmp_path / download.suggested_filename
    saved_file.write_bytes(saved)
    continue_from(elsewhere, str(saved_file))
    assert elsewhere.url.endswith("/results/"), elsewhere.url
    assert "Your answers saved on" in elsewhere.inner_text("main")
    shoot(elsewhere, "continued")
    elsewhere.reload()  # the one-off note is gone: the rest is the same page, word for word
    assert elsewhere.inner_text("main") == results

    changed = tmp_path / "changed.json"
    changed.write_bytes(one_byte_changed(saved))
    other = make_page(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    continue_from(other, str(changed))
    assert other.url.endswith("/continue/")
    text = other.inner_text("main")
    assert "Saved answers file: this file has been changed since it was saved" in text
    assert "There is a problem with your saved answers file" in text
    assert other.evaluate("document.activeElement.classList.contains('error-summary')"), "focus on the summary"
    assert other.title().startswith("Error:")
    shoot(other, "changed-byte")
    assert page.js_errors == elsewhere.js_errors == other.js_errors == []


def test_start_again_asks_first_and_no_go_back_clears_nothing(page):
    start_from_home(page)
    walk(page, until="disease")
    tab_to_button(page, "Start again")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Clear all your answers?" in page.inner_text("main")
    tab_to_button(page, "No, go back")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/questions/disease/")
    page.goto("/questions/about/")
    assert page.input_value("#id_about-age") == "34", "going back cleared nothing"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violation_on_the_home_error_state_and_the_start_again_question(make_page, shoot, viewport):
    page = make_page(**VIEWPORTS[viewport])
    problems = []
    page.goto("/")
    page.set_input_files("#id_saved_answers", {"name": "notes.json", "mimeType": "application/json",
                                                "buffer": b"not my answers"})
    with page.expect_navigation():
        page.get_by_role("button", name="Continue from this file").click()
    assert "Saved answers file: this is not a saved answers file" in page.inner_text("main")
    for where in ("home page error state", "start again question"):
        if where == "start again question":
            page.goto("/start-again/?next=/")
            assert "Clear all your answers?" in page.inner_text("main")
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(f"{where} at {viewport}", violations))
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], f"{where} scrolls sideways at {viewport}"
        shoot(page, where)
    assert problems == [], "\n\n".join(problems)
