"""One form per questionnaire step. Plain words, one topic per step, and "I don't know" wherever a person
may not know. Every message names the question it is about and says what is allowed."""
from decimal import Decimal

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from decisionaid.assessment.checks import edss_number
from decisionaid.assessment.profile import AGE_RANGE, MAX_RELAPSES

from .rendering import Question, questions

UNKNOWN = "unknown"
# A lazy "%" so that a message built at class level is translated when it is shown, in the person's language.
interpolate_lazy = lazy(lambda message, **values: str(message) % values, str)

YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), (UNKNOWN, _("I don't know"))]


class StepForm(forms.Form):
    """Drawn inside the wizard's own <form> tag by templates/questionnaire/fields/ (see rendering.py)."""

    def questions(self) -> list[Question]:
        return questions(self)

    def number_or_unknown(self, number_field: str, unknown_field: str, what: str):
        """A number, or "I don't know" ticked, but not both and not neither. Returns the number or None."""
        if number_field in self.errors:
            return None
        number, unknown = self.cleaned_data.get(number_field), self.cleaned_data.get(unknown_field)
        if number is None and not unknown:
            self.add_error(number_field, gettext("%(what)s: enter a number, or tick “I don't know”.") % {"what": what})
        elif number is not None and unknown:
            self.add_error(number_field, gettext("%(what)s: enter a number or tick “I don't know”, not both.") % {"what": what})
        return number

    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary; a group of options links to its first option."""
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                continue
            bound = self[name]
            target = bound.auto_id
            if isinstance(bound.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)) and bound.subwidgets:
                target = bound.subwidgets[0].id_for_label
            links.extend((target, message) for message in errors)
        return links


def radio(label, choices, *, help_text="", required_message=None):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required_message or interpolate_lazy(
                            _("Please choose an answer to “%(question)s”."), question=label),
                        "invalid_choice": interpolate_lazy(
                            _("Please choose one of the answers to “%(question)s”."), question=label)},
    )


class RoleForm(StepForm):
    title = _("Who is answering?")
    role = radio(
        _("Who is answering these questions?"),
        [("patient", _("I have MS and I am answering for myself")),
         ("clinician", _("I am a neurologist or MS nurse answering on behalf of a patient"))],
        help_text=_("A clinician sees the exact guideline criteria and the citations."),
    )


AGE_LIMITS = interpolate_lazy(_("Age: this aid is for adults from %(youngest)s to %(oldest)s years old."),
                              youngest=AGE_RANGE[0], oldest=AGE_RANGE[1])


class AboutForm(StepForm):
    title = _("About you")
    age = forms.IntegerField(
        label=_("How old are you?"),
        min_value=AGE_RANGE[0],
        max_value=AGE_RANGE[1],
        help_text=_("In whole years."),
        error_messages={
            "required": _("Please enter your age in whole years."),
            "invalid": _("Age: please enter a whole number of years, for example 34."),
            "min_value": AGE_LIMITS,
            "max_value": AGE_LIMITS,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sex = radio(
        _("What sex were you given at birth?"),
        [("female", _("Female")), ("male", _("Male")), ("other", _("Another answer, or I prefer not to say"))],
        help_text=_("Some risks, such as periods stopping, only apply to people with ovaries."),
    )
    pregnancy_wish = radio(
        _("Would you like to have a child in the future?"),
        [("yes", _("Yes")), ("no", _("No")), ("unsure", _("I'm not sure"))],
        help_text=_("The treatment can affect fertility, so this changes what is worth asking about."),
    )


class DiseaseForm(StepForm):
    title = _("Your MS")
    subtype = radio(
        _("Which type of MS do you have?"),
        [
            ("rrms", _("Relapsing-remitting MS: attacks (relapses) with recovery in between")),
            ("spms_active", _("Secondary progressive MS that still has relapses or new MRI lesions")),
            ("spms", _("Secondary progressive MS without relapses or new MRI lesions")),
            ("ppms", _("Primary progressive MS: slowly worse from the start, without relapses")),
            ("unsure", _("I don't know")),
        ],
    )
    duration_years = forms.DecimalField(
        label=_("How many years ago did your first MS symptoms start?"),
        required=False,
        min_value=0,
        max_digits=4,
        decimal_places=1,
        help_text=_("Count from your first symptoms, not from the diagnosis. A rough number is fine."),
        error_messages={
            "invalid": _("Years since first symptoms: please enter a number, for example 6."),
            "min_value": _("Years since first symptoms cannot be less than 0."),
            "max_digits": _("Years since first symptoms: please enter a number of years, for example 6."),
            "max_decimal_places": _("Years since first symptoms: use at most one decimal place, for example 6.5."),
            "max_whole_digits": _("Years since first symptoms: please enter a number of years, for example 6."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "autocomplete": "off"}),
    )
    duration_unknown = forms.BooleanField(label=_("I don't know"), required=False)

    def __init__(self, *args, age=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.age = age

    def clean_duration_years(self):
        years = self.cleaned_data.get("duration_years")
        # "1e1", "006" and "-0" are accepted as numbers; keep them in plain notation (10, 6, 0) for the read-back.
        return None if years is None else Decimal(f"{years:f}") + 0

    def clean(self):
        cleaned = super().clean()
        years = self.number_or_unknown("duration_years", "duration_unknown", _("Years since first symptoms"))
        if years is not None and self.age is not None and years > self.age and "duration_years" not in self.errors:
            self.add_error("duration_years", gettext("Years since first symptoms cannot be more than your age (%(age)s).") % {"age": self.age})
        return cleaned


EDSS_CHOICES = [(UNKNOWN, _("I don't know my EDSS"))] + [
    (str(Decimal(step) / 2), lazy(edss_number, str)(Decimal(step) / 2)) for step in range(0, 21)
]


class EdssForm(StepForm):
    title = _("Your disability score (EDSS)")
    edss = forms.ChoiceField(
        label=_("What is your latest EDSS score?"),
        choices=EDSS_CHOICES,
        help_text=_("EDSS runs from 0 (no disability) to 10. Your neurologist may have told you your score. "
        "If you don't know it, choose “I don't know my EDSS” and we will ask how far you can walk."),
        error_messages={"required": _("Please choose your EDSS score, or “I don't know my EDSS”."),
                        "invalid_choice": _("EDSS: choose a score from 0 to 10 in steps of 0.5, or “I don't know my EDSS”.")},
    )


class WalkingForm(StepForm):
    title = _("How far you can walk")
    walking_range = radio(
        _("How far can you walk without resting?"),
        [
            ("unlimited", _("500 metres or more, and I have not noticed a limit")),
            ("300m", _("At least 300 metres, without help")),
            ("200m", _("At least 200 metres, without help")),
            ("100m", _("At least 100 metres, without help")),
            ("100m_one_aid", _("About 100 metres with a stick or crutch on one side")),
            ("20m_two_aids", _("About 20 metres with help on both sides (two sticks, crutches or a frame)")),
            ("under_5m", _("Less than 5 metres even with help; I mostly use a wheelchair")),
            (UNKNOWN, _("I don't know")),
        ],
        help_text=_("500 metres is about 6 minutes of walking. We use your answer to estimate your EDSS; "
        "the results will say “approximately”."),
    )


class ActivityForm(StepForm):
    title = _("Your MS in the last 12 months")
    relapses = forms.IntegerField(
        label=_("How many relapses have you had in the last 12 months?"),
        required=False,
        min_value=0,
        max_value=MAX_RELAPSES,
        help_text=_("A relapse is a new or worse symptom lasting more than a day, not caused by a fever or an "
        "infection. If you take an MS treatment, "
        "count the relapses you had while on it."),
        error_messages={
            "invalid": _("Relapses: please enter a whole number, for example 0, 1 or 2."),
            "min_value": _("Relapses cannot be less than 0."),
            "max_value": interpolate_lazy(_("Relapses: please enter a number from 0 to %(most)s."), most=MAX_RELAPSES),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    relapses_unknown = forms.BooleanField(label=_("I don't know"), required=False)
    mri_activity = radio(
        _("Did an MRI scan in the last 12 months show new or active lesions?"),
        YES_NO_UNKNOWN,
        help_text=_("New or larger spots (lesions), or spots that lit up with contrast dye (gadolinium)."),
    )
    disability_worsened = radio(
        _("Has your disability got worse in the last 12 months?"),
        YES_NO_UNKNOWN,
        help_text=_("For example, walking less far, or needing a stick when you did not before."),
    )

    def clean(self):
        cleaned = super().clean()
        self.number_or_unknown("relapses", "relapses_unknown", _("Relapses (0 if none)"))
        return cleaned


class TreatmentsForm(StepForm):
    title = _("MS treatments you have tried")
    dmts = forms.MultipleChoiceField(
        label=_("Which MS treatments have you taken? Tick all that apply."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if you have not taken any MS treatment."),
        error_messages={"invalid_choice": _("Treatments: “%(value)s” is not one of the listed treatments.")},
    )
    high_efficacy_contraindicated = radio(
        _("Has a doctor said that the strongest MS medicines are not possible for you?"),
        YES_NO_UNKNOWN,
        help_text=_("For example because of another illness, an infection risk or a side effect."),
    )

    def __init__(self, *args, treatment_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dmts"].choices = treatment_choices
        # Medicines and their brand names: names, in every language (rendering.Question.options_are_names).
        self.fields["dmts"].options_are_names = True

    def clean_dmts(self):
        # A treatment ticked twice (only a hand-made request can do that) counts once.
        return list(dict.fromkeys(self.cleaned_data["dmts"]))


IMPORTANCE = [
    ("very", _("Very important to me")),
    ("somewhat", _("Somewhat important")),
    ("not", _("Not important to me")),
    ("unsure", _("I'm not sure")),
]


class ValuesForm(StepForm):
    title = _("What matters to you")
    stop_activity = radio(_("How important is it to you to stop relapses and MS getting worse?"), IMPORTANCE)
    avoid_risks = radio(_("How important is it to you to avoid the risks of strong chemotherapy?"), IMPORTANCE)
    fertility = radio(_("How important is it to you to keep the chance of having children?"), IMPORTANCE)
    time_away = radio(_("How important is it to you to avoid weeks away from home and work?"), IMPORTANCE)
    no_ongoing_treatment = radio(
        _("How important is it to you not to need ongoing infusions or tablets?"), IMPORTANCE
    )

    # Optional, so that answers saved before it existed stay complete; a yes or not sure adds questions for the
    # neurologist and the part on treatment abroad or at a private clinic.
    treatment_abroad = forms.ChoiceField(
        label=_("Are you thinking of treatment at a private clinic or abroad?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("unsure", _("I'm not sure"))],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("You can leave this out. If you answer yes or not sure, we add questions to ask."),
        error_messages={"invalid_choice": format_lazy(
            "{}: {}", _("Treatment at a private clinic or abroad"),
            _("please choose yes, no or I'm not sure."),
        )},
    )
