"""The SURE test of decisional certainty (Légaré et al., Can Fam Physician 2010;56:e308-14).

Four yes/no questions; 4 "yes" answers means the person feels certain. The answers are scored on the page
and never stored.
"""
from django import forms
from django.utils.translation import gettext as _, gettext_lazy

SURE_ITEMS = (
    ("sure", gettext_lazy("Sure of myself"), gettext_lazy("Do you feel sure about the best choice for you?")),
    ("understand", gettext_lazy("Understand information"),
     gettext_lazy("Do you know the benefits and risks of each option?")),
    ("risk_benefit", gettext_lazy("Risk–benefit ratio"),
     gettext_lazy("Are you clear about which benefits and risks matter most to you?")),
    ("encouragement", gettext_lazy("Encouragement"),
     gettext_lazy("Do you have enough support and advice to make a choice?")),
)


class SureForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _name, question in SURE_ITEMS:
            self.fields[key] = forms.ChoiceField(
                label=question,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Please answer “%(question)s”.") % {"question": question}},
            )


def sure_result(answers: dict[str, str]) -> tuple[int, str]:
    score = sum(1 for key, *_ in SURE_ITEMS if answers.get(key) == "yes")
    if score == len(SURE_ITEMS):
        return score, _("You answered yes to all four questions: you feel ready to make a choice.")
    return score, _(
        "You answered yes to %(score)s of 4 questions. If you answered no to any of them, it may help to talk the "
        "choice through again with your neurologist, using the questions on this page."
    ) % {"score": score}
