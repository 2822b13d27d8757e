"""The questionnaire for people who see poorly or use a screen reader, in Chromium: option and field borders at
3:1 contrast or more against what is behind them (WCAG 1.4.11; axe-core does not check non-text contrast), the
error summary focused when a page with errors opens, and no axe-core violation on any step or its error state at
375 px, 1280 px and 200 % zoom."""
import pytest

from .conftest import axe_violations, format_violations
from .flow import fill_step, next_page
from .test_results_pages import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every step, the walking range included (asked when the EDSS is not known), with answers that move on.
STEPS = (
    ("role", {"role": "patient"}),
    ("about", {"age": "34", "sex": "female", "pregnancy_wish": "yes"}),
    ("disease", {"subtype": "rrms", "duration_years": "6"}),
    ("edss", {"edss": "unknown"}),
    ("walking", {"walking_range": "200m"}),
    ("activity", {"relapses": "2", "mri_activity": "yes", "disability_worsened": "no"}),
    ("treatments", {"dmts": ["natalizumab"], "high_efficacy_contraindicated": "no"}),
    ("values", {"stop_activity": "very", "avoid_risks": "somewhat", "fertility": "very", "time_away": "not",
                "no_ongoing_treatment": "unsure"}),
)

# Each visible field: the colour and width of its border, how it is drawn, and the first opaque background
# behind it.
BORDERS = """() => [...document.querySelectorAll(
    'form.questionnaire-step input:not([type=hidden]), form.questionnaire-step select')].map(e => {
  const style = getComputedStyle(e);
  let behind = 'rgb(255, 255, 255)';
  for (let a = e.parentElement; a; a = a.parentElement) {
    const colour = getComputedStyle(a).backgroundColor;
    if (colour !== 'rgba(0, 0, 0, 0)' && colour !== 'transparent') { behind = colour; break; }
  }
  return {id: e.id, checked: !!e.checked, border: style.borderTopColor, width: parseFloat(style.borderTopWidth),
          appearance: style.appearance, behind: behind};
})"""


def _channels(colour: str) -> tuple[float, ...]:
    values = [float(v) for v in colour[colour.index("(") + 1:-1].replace("/", ",").replace(",", " ").split()]
    assert len(values) == 3 or values[3] == 1, f"a see-through colour: {colour}"
    return tuple(values[:3])


def luminance(colour: str) -> float:
    linear = [(c / 255 / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in _channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def submit_empty(page, step: str) -> bool:
    """Send the step as opened: the error state, for every step with a required answer. The EDSS list always
    has an answer chosen ("I don't know"), so that step moves on: come back to it. True if errors are shown."""
    next_page(page)
    if not page.url.endswith(f"/questions/{step}/"):
        page.goto(f"/questions/{step}/")
    return page.locator(".error-summary").count() == 1


def low_contrast(page, where: str) -> list[str]:
    found = []
    for field in page.evaluate(BORDERS):
        ratio = contrast(field["border"], field["behind"])
        if field["appearance"] != "none" or field["width"] < 1 or ratio < 3:
            found.append(f"{where} #{field['id']}: border {field['border']} {field['width']}px on {field['behind']}"
                         f" = {ratio:.2f}:1, appearance {field['appearance']}")
    return found


def test_contrast_is_computed_the_wcag_way():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(89, 89, 89)", "rgb(255, 255, 255)"), 1) == 7.0
    assert round(contrast("rgb(222, 226, 230)", "rgb(255, 255, 255)"), 2) == 1.3  # Bootstrap's own border grey


def test_every_option_and_field_border_has_3_to_1_contrast_unticked_ticked_and_in_error(page):
    problems = []
    for step, answers in STEPS:
        page.goto(f"/questions/{step}/")
        assert page.url.endswith(f"/questions/{step}/"), page.url
        problems += low_contrast(page, f"{step}, as opened")
        assert submit_empty(page, step) == (step != "edss"), step
        problems += low_contrast(page, f"{step}, with errors")
        fill_step(page, step, answers)
        problems += low_contrast(page, f"{step}, answered")
        page.locator("form.questionnaire-step input:not([type=hidden]), form.questionnaire-step select").first.focus()
        problems += low_contrast(page, f"{step}, focused")
        next_page(page)
    assert page.url.endswith("/results/"), page.url
    assert problems == [], "\n".join(problems)


def test_the_error_summary_has_the_focus_when_a_page_with_errors_opens(page):
    page.goto("/questions/role/")
    next_page(page)
    assert page.locator(".error-summary").count() == 1
    focused = page.evaluate("() => document.activeElement.className")
    assert "error-summary" in focused.split(), focused
    # Its links lead to the questions they are about.
    target = page.locator(".error-summary a").first.get_attribute("href")
    assert page.locator(target).count() == 1


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_axe_violation_on_any_step_or_its_error_state(make_page, viewport):
    page = make_page(**VIEWPORTS[viewport])
    problems = []
    for step, answers in STEPS:
        page.goto(f"/questions/{step}/")
        for state in ("as opened", "with errors"):
            violations = axe_violations(page)
            if violations:
                problems.append(format_violations(f"{step} {state} at {viewport}", violations))
            if state == "as opened" and not submit_empty(page, step):
                break
        fill_step(page, step, answers)
        next_page(page)
    assert page.url.endswith("/results/"), page.url
    assert problems == [], "\n\n".join(problems)
