"""The questionnaire answered the way a keyboard user answers it: Tab (and Shift+Tab) between fields, Space and
the arrow keys in groups of options, typing numbers, Enter on the Next button. No mouse, no fill()."""
from __future__ import annotations

import re

STEPS = ["role", "about", "disease", "edss", "activity", "treatments", "values"]
MAX_TABS = 80


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || '',"
        " type: e.type || '', text: (e.innerText || e.value || '').trim(), value: e.value || ''}; }"
    )


def tab_to(page, matches, *, backwards=False, what="") -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; fail after MAX_TABS presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError(f"{key} never reached {what or matches} on {page.url}")


def tab_to_field(page, name: str, **kwargs) -> dict:
    return tab_to(page, lambda e: e["name"] == name, what=f"the field {name}", **kwargs)


def tab_to_button(page, text: str, **kwargs) -> dict:
    return tab_to(page, lambda e: e["tag"] in ("button", "a") and e["text"].startswith(text), what=f"“{text}”", **kwargs)


def type_number(page, name: str, value: str):
    tab_to_field(page, name)
    page.keyboard.press("Control+A")
    page.keyboard.type(value)


def choose_option(page, name: str, position: int):
    """Tab into a group of radio buttons (focus lands on its first or checked option), then pick the option at
    `position` (0 = first) with Space and the arrow keys."""
    tab_to_field(page, name)
    first = page.locator(f'input[name="{name}"]').first
    if not page.evaluate("(name) => !!document.querySelector(`input[name='${name}']:checked`)", name):
        page.keyboard.press("Space")
    for _ in range(10):
        checked = page.evaluate(
            "(name) => [...document.querySelectorAll(`input[name='${name}']`)].findIndex(e => e.checked)", name
        )
        if checked == position:
            return
        page.keyboard.press("ArrowDown" if checked < position else "ArrowUp")
    raise AssertionError(f"could not choose option {position} of {name}: {first}")


def choose_select(page, name: str, value: str):
    tab_to_field(page, name)
    for _ in range(30):
        if page.evaluate("(name) => document.querySelector(`[name='${name}']`).value", name) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"ArrowDown never reached {value} in {name}")


def submit(page, button="Next"):
    """Tab to the button and press Enter; wait for the next page."""
    tab_to_button(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def current_step(page) -> str:
    match = re.search(r"/questions/([a-z_]+)/$", page.url)
    return match.group(1) if match else ""


def answer_step(page, step: str, *, role="patient"):
    """Answer one step with the keyboard (the answers of tests/questionnaire/test_wizard.py GOOD_ANSWERS)."""
    if step == "role":
        choose_option(page, "role-role", 0 if role == "patient" else 1)
    elif step == "about":
        type_number(page, "about-age", "34")
        choose_option(page, "about-sex", 0)  # Female
        choose_option(page, "about-pregnancy_wish", 0)  # Yes
    elif step == "disease":
        choose_option(page, "disease-subtype", 0)  # relapsing-remitting
        type_number(page, "disease-duration_years", "6")
    elif step == "edss":
        choose_select(page, "edss-edss", "3.5")
    elif step == "activity":
        type_number(page, "activity-relapses", "2")
        choose_option(page, "activity-mri_activity", 0)  # Yes
        choose_option(page, "activity-disability_worsened", 1)  # No
    elif step == "treatments":
        tab_to_field(page, "treatments-dmts")
        page.keyboard.press("Space")  # the first treatment in the list
        choose_option(page, "treatments-high_efficacy_contraindicated", 1)  # No
    elif step == "values":
        for name in ("stop_activity", "avoid_risks", "fertility", "time_away", "no_ongoing_treatment"):
            choose_option(page, f"values-{name}", 0)
    else:
        raise AssertionError(f"unexpected step {step}")


def walk(page, *, role="patient", until=None, on_page=None):
    """From a questionnaire step, answer every step with the keyboard, to the results page (or stop on the
    step `until`, unanswered). on_page(page, name) is called on every page reached."""
    for _ in range(len(STEPS) + 1):
        step = current_step(page)
        if step not in STEPS:
            break
        if on_page:
            on_page(page, step)
        if step == until:
            return
        answer_step(page, step, role=role)
        submit(page, "See my results" if step == STEPS[-1] else "Next")
    assert page.url.endswith("/results/"), f"the questionnaire ended on {page.url}"
    if on_page:
        on_page(page, "results")


def start_from_home(page):
    """Open /, Tab to “Start the questions” and press Enter."""
    page.goto("/")
    tab_to_button(page, "Start the questions")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert current_step(page) == "role", page.url


# -- Answering through the forms (no keyboard): for tests about what comes after the questions -------------------


def fill_step(page, step: str, answers: dict) -> None:
    """Fill a step's fields (names without the step prefix; a list for several boxes) as the page stands."""
    for name, value in answers.items():
        field = f"{step}-{name}"
        for item in value if isinstance(value, list) else [value]:
            choice = page.locator(f'[name="{field}"][value="{item}"]')
            if choice.count():
                choice.first.check()
                continue
            element = page.locator(f'[name="{field}"]').first
            if element.evaluate("e => e.tagName") == "SELECT":
                element.select_option(item)
            elif element.get_attribute("type") == "checkbox":
                element.check()
            else:
                element.fill(item)


def next_page(page) -> None:
    """Click the step's own button (Next, or "See my results" on the last step) and wait for the next page."""
    with page.expect_navigation():
        page.locator("form.questionnaire-step button[type=submit]:not([name])").first.click()


def answer(page, steps, *, prefix="", on_page=None) -> None:
    """Answer the questionnaire through its own forms, step by step ((step, answers) pairs), to the results.
    prefix: a language's URL prefix ("/nb"); on_page(page, step) is called on each step before it is answered."""
    for step, answers in steps:
        page.goto(f"{prefix}/questions/{step}/")
        if on_page:
            on_page(page, step)
        fill_step(page, step, answers)
        next_page(page)
    page.goto(f"{prefix}/results/")
    assert page.url.endswith(f"{prefix}/results/"), page.url
