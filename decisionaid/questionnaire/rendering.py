"""What a step page shows of each question, worked out in Python so that its templates only write it out.

A step's questions are drawn by small plain templates (templates/questionnaire/fields/), one per kind of
question: a number, a tick box ("I don't know"), a list to choose from, a group of options (radio buttons or tick
boxes, a fieldset with its legend). Each template writes the <input> tags itself from a `Question`, rather than
through Django's widget templates or crispy-forms' layout: that was most of a step page's time (see
benchmarks/README.md, "Question pages"). What a person relies on is the same: a label or legend for every
question, the hint and the message tied to it with aria-describedby, aria-invalid on a field with an error,
`required` on a required question, and the ids the error summary links to (the first option of a group).
"""
from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from django import forms
from django.core.signals import setting_changed
from django.forms.widgets import ChoiceWidget
from django.utils.functional import Promise
from django.utils.translation import get_language

TEMPLATES = "questionnaire/fields/"
# By the exact kind of widget: CheckboxSelectMultiple is a RadioSelect to Python, not to a person.
TEMPLATE_BY_WIDGET = {
    forms.RadioSelect: TEMPLATES + "options.html",
    forms.CheckboxSelectMultiple: TEMPLATES + "options.html",
    forms.CheckboxInput: TEMPLATES + "tick_box.html",
    forms.Select: TEMPLATES + "select.html",
    forms.NumberInput: TEMPLATES + "input.html",
    forms.TextInput: TEMPLATES + "input.html",
}
# The widget's own attributes a number field carries (min and max come from the field, step and inputmode from
# the form), in a fixed order.
INPUT_ATTRIBUTES = ("inputmode", "autocomplete", "step", "min", "max")


# The questions' labels, hints and options are lazy texts, translated again for every field of every page (each
# a walk through Django's chain of catalogues: a fifth of drawing a step's questions). They are the same for every
# visitor in a language, so each is translated once per process and language. Only the forms' own lazy texts are
# kept (the treatments' labels are plain strings from the release): a fixed number of them.
_texts: dict[tuple[str, int], tuple[Promise, str]] = {}
_texts_lock = Lock()


def text(value) -> str:
    if not isinstance(value, Promise):
        return str(value)
    key = (get_language(), id(value))
    kept = _texts.get(key)
    if kept is None:
        kept = (value, str(value))  # the lazy text itself is kept too, so that its id is never reused
        with _texts_lock:
            _texts[key] = kept
    return kept[1]


def _forget_texts(*, setting, **_signal):
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:  # as Django's own catalogues are reloaded
        with _texts_lock:
            _texts.clear()


setting_changed.connect(_forget_texts, dispatch_uid="questionnaire-rendering-texts")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    id: str
    checked: bool


@dataclass(frozen=True)
class OptionGroup:
    label: str  # "" for options that are not in a named group
    options: list[Option]


@dataclass(frozen=True)
class Question:
    template: str
    name: str  # the posted name (with the step's prefix)
    id: str
    label: str
    help_text: str
    help_id: str
    errors: list[str]
    error_id: str
    described_by: str  # the hint's id and the message's id, as the page has them
    required: bool
    input_type: str = ""
    value: str = ""
    attributes: tuple[tuple[str, str], ...] = ()
    groups: tuple[OptionGroup, ...] = ()
    options_are_names: bool = False  # the options' labels are names (of medicines): marked translate="no"


def _options(bound: forms.BoundField) -> tuple[OptionGroup, ...]:
    """The options of a choice, in order, with Django's own ids (id_<name>_<n>, or _<group>_<n> in groups).
    Of a single choice, only the first option with the value is checked, as Django's widgets do."""
    widget = bound.field.widget
    chosen = set(widget.format_value(bound.value()))
    multiple = widget.allow_multiple_selected
    groups: list[OptionGroup] = []
    checked_one = False

    def option(value, label, index) -> Option:
        nonlocal checked_one
        checked = str(value) in chosen and (multiple or not checked_one)
        checked_one |= checked
        return Option(str(value), text(label), f"{bound.auto_id}_{index}", checked)

    for index, (value, label) in enumerate(widget.choices):
        if isinstance(label, (list, tuple)):
            groups.append(OptionGroup(text(value), [option(v, l, f"{index}_{n}") for n, (v, l) in enumerate(label)]))
        elif groups and not groups[-1].label:
            groups[-1].options.append(option(value, label, index))
        else:
            groups.append(OptionGroup("", [option(value, label, index)]))
    return tuple(groups)


def question(bound: forms.BoundField) -> Question:
    widget = bound.field.widget
    template = TEMPLATE_BY_WIDGET[type(widget)]
    help_id = f"{bound.auto_id}_helptext" if bound.help_text else ""
    error_id = f"{bound.auto_id}_error" if bound.errors else ""
    common = dict(
        template=template,
        name=bound.html_name,
        id=bound.auto_id,
        label=text(bound.label),
        help_text=text(bound.help_text),
        help_id=help_id,
        errors=[str(error) for error in bound.errors],
        error_id=error_id,
        described_by=" ".join(part for part in (help_id, error_id) if part),
        # As Django's widgets decide it: not on a group of tick boxes, nor on a list whose first entry is an answer.
        required=bound.field.required and widget.use_required_attribute(bound.initial),
    )
    if isinstance(widget, forms.CheckboxInput):
        return Question(**common, value="on" if widget.check_test(bound.value()) else "")
    if isinstance(widget, ChoiceWidget):
        return Question(**common, input_type=widget.input_type, groups=_options(bound),
                        options_are_names=getattr(bound.field, "options_are_names", False))
    value = widget.format_value(bound.value())
    attributes = tuple((name, str(widget.attrs[name])) for name in INPUT_ATTRIBUTES if name in widget.attrs)
    return Question(**common, input_type=widget.input_type, value="" if value is None else str(value),
                    attributes=attributes)


def questions(form: forms.Form) -> list[Question]:
    """Every visible question of a step, in the form's order."""
    return [question(bound) for bound in form.visible_fields()]
