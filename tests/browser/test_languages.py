"""The language switch in Chromium: a person who has answered everything switches to Norwegian on the results
page with the keyboard, lands on the same page under /nb/ with every answer kept, and switches back. axe-core
finds nothing on the Norwegian pages either."""
import pytest

from .conftest import axe_violations, format_violations
from .flow import current_step, start_from_home, tab_to_button, walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(page, name: str, *, backwards=False):
    """Tab to the header's language button (Shift+Tab from a field below it) and press Enter; wait for the page it
    leads to."""
    tab_to_button(page, name, backwards=backwards)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_switching_language_on_the_results_keeps_every_answer(page, evidence):
    start_from_home(page)
    walk(page)
    verdicts = page.locator(".verdict-list li").all_inner_texts()
    switch_to(page, "Norsk bokmål")
    assert page.url.endswith("/nb/results/"), page.url
    assert page.evaluate("document.documentElement.lang") == "nb"
    # The same results (the same verdicts, in the same order), so the answers came along.
    assert page.locator(".verdict-list li").count() == len(verdicts)
    # And each answer is still in its field, in Norwegian pages too.
    page.goto("/nb/questions/about/")
    assert current_step(page) == "about"
    assert page.input_value("#id_about-age") == "34"
    assert page.is_checked('input[name="about-sex"][value="female"]')
    switch_to(page, "English", backwards=True)  # the age field has the focus
    assert page.url.endswith("/questions/about/") and "/nb/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert page.input_value("#id_about-age") == "34"
    assert page.js_errors == []


@pytest.mark.parametrize("path", ["/nb/", "/nb/evidence/", "/nb/about/", "/nb/privacy/", "/nb/glossary/"])
def test_norwegian_pages_have_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status == 200
    violations = axe_violations(page)
    assert violations == [], format_violations(path, violations)
