"""The step page for people who use a screen reader or see poorly: a step counter whose total never changes,
every error message tied to its question (aria-describedby on the field, or on the fieldset of a group of
options), and the error summary focused when the page opens. The browser side (focus, border contrast):
tests/browser/test_questionnaire_access.py."""
import re
from html.parser import HTMLParser

import pytest

from benchmarks.journeys import WRONG_ANSWERS as BAD_ANSWERS
from decisionaid.questionnaire.views import STEP_TOTAL, STEPS
from tests.questionnaire.test_wizard import GOOD_ANSWERS, catalogue, page_text, post_step, walk  # noqa: F401

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


class _Tree(HTMLParser):
    """Each element with its attributes and its ancestors' attributes (enough to find a field's fieldset)."""

    def __init__(self):
        super().__init__()
        self.stack, self.elements = [], []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "ancestors": list(self.stack)}
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index]["tag"] == tag:
                del self.stack[index:]
                break


def elements(content: str) -> list[dict]:
    tree = _Tree()
    tree.feed(content)
    return tree.elements


def described_by(element) -> set[str]:
    return set((element["attrs"].get("aria-describedby") or "").split())


def assert_every_error_is_tied_to_its_question(content: str):
    all_elements = elements(content)
    fields = [e for e in all_elements if e["tag"] in ("input", "select", "textarea") and e["attrs"].get("type") != "hidden"]
    errors = [e for e in all_elements if re.fullmatch(r"id_.+_error", e["attrs"].get("id") or "")]
    assert errors, "no error message on the page"
    for error in errors:
        name = error["attrs"]["id"][3:-len("_error")]
        own = [f for f in fields if f["attrs"].get("name") == name]
        assert own, f"no field for {error['attrs']['id']}"
        for field in own:
            # Tied when the field, or the fieldset around it (a group of options), names the message.
            holders = [field] + [a for a in field["ancestors"] if a["tag"] == "fieldset"]
            assert any(error["attrs"]["id"] in described_by(h) for h in holders), (name, field["attrs"])
        for field in own:
            assert field["attrs"].get("aria-invalid") == "true", field["attrs"]




@pytest.mark.parametrize("step", [name for name, _ in STEPS])
def test_every_error_message_is_tied_to_its_question(client, catalogue, step):
    answers = dict(GOOD_ANSWERS, edss={"edss": "unknown"}, walking={"walking_range": "200m"})
    order = [name for name, _ in STEPS]
    for earlier in order[: order.index(step)]:
        assert post_step(client, earlier, answers[earlier]).status_code == 302, earlier
    response = post_step(client, step, BAD_ANSWERS[step])
    assert response.status_code == 200
    content = response.content.decode()
    assert_every_error_is_tied_to_its_question(content)
    # The error summary gets the focus when the page opens (autofocus: no script needed).
    summary = [e for e in elements(content) if "error-summary" in (e["attrs"].get("class") or "").split()]
    assert len(summary) == 1 and "autofocus" in summary[0]["attrs"] and summary[0]["attrs"]["tabindex"] == "-1"


def counters(client, answers, order) -> list[str]:
    seen = []
    for step in order:
        seen.append(re.search(r"Step \d+ of \d+(, one more question)?", page_text(client.get(f"/questions/{step}/"))).group(0))
        assert post_step(client, step, answers[step]).status_code == 302, step
    return seen


def test_the_step_counter_never_changes_its_total_or_skips_a_number(client, catalogue):
    known = counters(client, GOOD_ANSWERS, list(GOOD_ANSWERS))
    assert known == [f"Step {n} of {STEP_TOTAL}" for n in range(1, STEP_TOTAL + 1)]
    client.post("/start-again/")
    unknown_answers = dict(GOOD_ANSWERS, edss={"edss": "unknown"}, walking={"walking_range": "200m"})
    order = ["role", "about", "disease", "edss", "walking", "activity", "treatments", "values"]
    unknown = counters(client, unknown_answers, order)
    assert unknown == known[:4] + [f"Step 4 of {STEP_TOTAL}, one more question"] + known[4:]
    assert STEP_TOTAL == 7
