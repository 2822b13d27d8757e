"""axe-core (from node_modules, the version in package.json) on every public page: no WCAG 2.0, 2.1 or 2.2
A/AA violation. The printable summaries are checked too when they exist."""
import pytest

from .conftest import axe_violations, format_violations
from .flow import STEPS, answer_step, current_step, start_from_home, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("path", ["/", "/evidence/", "/about/", "/privacy/", "/glossary/"])
def test_information_pages_have_no_axe_violations(page, path):
    response = page.goto(path)
    assert response.status == 200
    violations = axe_violations(page)
    assert violations == [], format_violations(path, violations)


def test_questionnaire_results_and_summaries_have_no_axe_violations(page, live_url):
    problems = []

    def check(where):
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(where, violations))

    start_from_home(page)
    for step in STEPS:
        assert current_step(page) == step
        check(page.url)
        if step == "about":
            # The error state: the step submitted empty.
            submit(page, "Next")
            assert page.locator(".error-summary").count() == 1
            check(f"{page.url} (with errors)")
        answer_step(page, step)
        submit(page, "See my results" if step == STEPS[-1] else "Next")
    assert page.url.endswith("/results/")
    check(page.url)
    for path in ("/summary/", "/summary/clinician/"):
        if page.goto(path).status == 200:
            check(path)
    assert problems == [], "\n\n".join(problems)
