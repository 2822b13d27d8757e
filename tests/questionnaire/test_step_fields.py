"""The structure a screen reader relies on, on every step as opened and with errors, checked against the step's
own form: each question's label (or, for a group of options, its fieldset's legend) says the question; each option
has its own label; the hint and the message are named by aria-describedby of the field or its fieldset; a field
with an error says so (aria-invalid); a required group is marked required; and each link of the error summary
leads to an element of the page. The step pages draw their questions with templates/questionnaire/fields/, so
this is what keeps those templates honest (tests/questionnaire/test_step_page.py ties each message to its
question; the browser tests add axe-core, focus and border contrast)."""
import re

import pytest
from django import forms

from decisionaid.questionnaire.views import STEPS
from tests.questionnaire.test_step_page import BAD_ANSWERS, _Tree, described_by
from tests.questionnaire.test_wizard import GOOD_ANSWERS, catalogue, post_step  # noqa: F401

ANSWERS = dict(GOOD_ANSWERS, edss={"edss": "unknown"}, walking={"walking_range": "200m"})
ORDER = [name for name, _ in STEPS]
FORMS = dict(STEPS)
GROUPS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


class _TreeWithText(_Tree):
    """The same tree, with the text inside each element (a label's or a legend's words)."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self.elements[-1]["text"] = ""

    def handle_data(self, data):
        for element in self.stack:
            element["text"] += data


def parsed(content: str) -> list[dict]:
    tree = _TreeWithText()
    tree.feed(content)
    return tree.elements


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def open_step(client, step: str, *, with_errors: bool) -> str:
    for earlier in ORDER[: ORDER.index(step)]:
        assert post_step(client, earlier, ANSWERS[earlier]).status_code == 302, earlier
    response = post_step(client, step, BAD_ANSWERS[step]) if with_errors else client.get(f"/questions/{step}/")
    assert response.status_code == 200
    return response.content.decode()


def check_structure(content: str, form: forms.Form, *, with_errors: bool) -> None:
    page = parsed(content)
    by_id = {e["attrs"]["id"]: e for e in page if e["attrs"].get("id")}
    labels = {e["attrs"].get("for"): words(e["text"]) for e in page if e["tag"] == "label"}
    for name, field in form.fields.items():
        bound = form[name]
        controls = [e for e in page if e["tag"] in ("input", "select") and e["attrs"].get("name") == bound.html_name]
        assert controls, f"no field for {name}"
        if isinstance(field.widget, GROUPS):
            # A group: one fieldset around every option, its legend the question, each option labelled.
            fieldsets = {id(a) for c in controls for a in c["ancestors"] if a["tag"] == "fieldset"}
            assert len(fieldsets) == 1, f"{name}: its options are not in one fieldset"
            fieldset = next(a for a in controls[0]["ancestors"] if a["tag"] == "fieldset")
            legends = [e for e in page if e["tag"] == "legend" and fieldset in e["ancestors"]]
            assert [words(e["text"]) for e in legends] == [str(field.label)], name
            options = [str(label) for _, label in field.widget.choices if not isinstance(label, (list, tuple))]
            options += [str(label) for _, group in field.widget.choices if isinstance(group, (list, tuple))
                        for _, label in group]
            assert sorted(labels.get(c["attrs"]["id"]) for c in controls) == sorted(options), name
            holder = fieldset
            if field.required and isinstance(field.widget, forms.RadioSelect):
                assert all("required" in c["attrs"] for c in controls), name
        else:
            assert len(controls) == 1, name
            [holder] = controls
            assert labels.get(holder["attrs"]["id"]) == str(field.label), name
        if field.help_text:
            hint = f"{bound.auto_id}_helptext"
            assert hint in described_by(holder), f"{name}: the hint is not named by aria-describedby"
            assert words(by_id[hint]["text"]) == words(str(field.help_text)), name
        if not with_errors or not form.errors.get(name):
            assert not any(c["attrs"].get("aria-invalid") for c in controls), name
            continue
        error = f"{bound.auto_id}_error"
        assert error in described_by(holder) and all(c["attrs"].get("aria-invalid") == "true" for c in controls)
        assert all(words(message) in words(by_id[error]["text"]) for message in form.errors[name]), name
    summary_links = [e["attrs"]["href"] for e in page if e["tag"] == "a"
                     and any("error-summary" in (a["attrs"].get("class") or "") for a in e["ancestors"])]
    if with_errors:
        assert summary_links, "no error summary"
    for link in summary_links:
        assert link.startswith("#") and link[1:] in by_id, link


def bound_form(step: str, *, with_errors: bool) -> forms.Form:
    """The step's form with what the page was sent, so that its errors are the page's."""
    from decisionaid.questionnaire.views import treatment_choices

    kwargs = {"treatment_choices": treatment_choices()} if step == "treatments" else {}
    if step == "disease":
        kwargs["age"] = int(ANSWERS["about"]["age"])
    if not with_errors:
        return FORMS[step](prefix=step, **kwargs)
    data = {f"{step}-{key}": value for key, value in BAD_ANSWERS[step].items()}
    form = FORMS[step](data=_multi(data), prefix=step, **kwargs)
    form.is_valid()
    return form


def _multi(data: dict):
    from django.utils.datastructures import MultiValueDict

    return MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in data.items()})


@pytest.mark.parametrize("with_errors", [False, True], ids=["as opened", "with errors"])
@pytest.mark.parametrize("step", ORDER)
def test_every_question_keeps_its_label_legend_hint_and_message(client, catalogue, step, with_errors):
    content = open_step(client, step, with_errors=with_errors)
    check_structure(content, bound_form(step, with_errors=with_errors), with_errors=with_errors)


def test_the_treatment_groups_are_headed_inside_the_one_fieldset(client, catalogue):
    """The tick boxes come in groups of the catalogue (its plain-words heading, then its treatments)."""
    content = open_step(client, "treatments", with_errors=False)
    fieldset = re.search(r"<fieldset[^>]*>(.*?)</fieldset>", content, re.S).group(1)
    assert "<strong>Infusions or injections</strong>" in fieldset
    assert fieldset.index("Infusions or injections") < fieldset.index('value="natalizumab"')


@pytest.mark.parametrize("step", ORDER)
def test_a_step_opened_again_shows_the_answers_given(client, catalogue, step):
    """Back, or a later visit: each option ticked, each list entry chosen and each number filled as it was given."""
    open_step(client, step, with_errors=False)
    assert post_step(client, step, ANSWERS[step]).status_code == 302
    page = parsed(client.get(f"/questions/{step}/").content.decode())
    for name, given in ANSWERS[step].items():
        posted = f"{step}-{name}"
        values = given if isinstance(given, list) else [given]
        chosen = [e["attrs"]["value"] for e in page if e["tag"] == "input" and e["attrs"].get("name") == posted
                  and ("checked" in e["attrs"] or e["attrs"].get("type") == "number")]
        chosen += [e["attrs"]["value"] for e in page if e["tag"] == "option" and "selected" in e["attrs"]
                   and any(a["attrs"].get("name") == posted for a in e["ancestors"])]
        assert sorted(chosen) == sorted(values), (name, chosen)
