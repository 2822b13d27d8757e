"""Changing one answer in Chromium: from the results, "Answers" opens "Check your answers"; an answer's own
"Change" link opens its step; "See my results" there goes straight back to the results, which reflect the
change. And no axe-core violation on "Check your answers" at 375 px, 1280 px and 200 % zoom."""
import pytest

from benchmarks.journeys import VISITORS

from .conftest import axe_violations, format_violations
from .flow import answer
from .test_results_pages import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATIENT = VISITORS[0].steps  # EDSS 3.5


def verdicts(page) -> str:
    return page.locator(".verdict-list").inner_text()


def test_one_answer_changed_through_its_change_link_and_see_my_results(page, shoot):
    answer(page, PATIENT)
    before = verdicts(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Check or change your answers", exact=True).click()
    assert page.url.endswith("/answers/")
    assert page.locator("h1").inner_text() == "Check your answers"
    # Each "Change" link says to a screen reader which answer it changes, and leads to the step that asks it.
    change_edss = page.get_by_role("link", name="Change your answer to “EDSS”")
    assert change_edss.count() == 1
    assert page.get_by_role("link", name="Change", exact=False).count() == 17
    with page.expect_navigation():
        change_edss.click()
    assert page.url.endswith("/questions/edss/")
    assert page.locator('select[name="edss-edss"]').input_value() == "3.5"  # the answer given, ready to change

    page.locator('select[name="edss-edss"]').select_option("7.5")
    shoot(page, "edss step with See my results")
    with page.expect_navigation(url="**/results/"):
        page.get_by_role("button", name="See my results").click()
    assert page.url.endswith("/results/")
    assert verdicts(page) != before

    page.goto("/answers/")
    edss = page.locator(".summary-list-row", has=page.locator("dt", has_text="EDSS"))
    assert "EDSS 7.5" in edss.inner_text()
    assert page.locator(".summary-list-row", has=page.locator("dt", has_text="Age")).inner_text().count("34 years") == 1
    page.goto("/results/guidelines/")
    assert "7.5" in page.locator("main").inner_text()


def test_a_change_that_brings_up_the_walking_question_takes_the_person_there(page):
    answer(page, PATIENT)
    page.goto("/answers/")
    with page.expect_navigation():
        page.get_by_role("link", name="Change your answer to “EDSS”").click()
    page.locator('select[name="edss-edss"]').select_option("unknown")
    with page.expect_navigation(url="**/questions/walking/"):
        page.get_by_role("button", name="See my results").click()
    assert "brings up one more question" in page.locator(".messages").inner_text()
    assert page.locator('input[name="walking-walking_range"]:checked').count() == 0  # nothing chosen for them


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violation_on_check_your_answers(make_page, shoot, viewport):
    page = make_page(**VIEWPORTS[viewport])
    answer(page, VISITORS[1].steps)  # the EDSS not known: the walking range and the note are there too
    page.goto("/answers/")
    assert page.locator(".summary-list-row").count() == 18
    shoot(page, f"answers at {viewport}")
    violations = axe_violations(page)
    assert violations == [], format_violations(f"/answers/ at {viewport}", violations)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
