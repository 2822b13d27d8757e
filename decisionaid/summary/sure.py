"""The SURE test of decisional certainty (Légaré et al., Can Fam Physician 2010;56:e308-14).

Four yes/no questions; 4 "yes" answers means the person feels certain. The answers are scored on the page
and never stored.
"""
from django import forms

SURE_ITEMS = (
    ("sure", "Sure of myself", "Do you feel sure about the best choice for you?"),
    ("understand", "Understand information", "Do you know the benefits and risks of each option?"),
    ("risk_benefit", "Risk–benefit ratio", "Are you clear about which benefits and risks matter most to you?"),
    ("encouragement", "Encouragement", "Do you have enough support and advice to make a choice?"),
)


class SureForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, _, question in SURE_ITEMS:
            self.fields[key] = forms.ChoiceField(
                label=question,
                choices=[("yes", "Yes"), ("no", "No")],
                widget=forms.RadioSelect,
                error_messages={"required": f"Please answer “{question}”."},
            )


def sure_result(answers: dict[str, str]) -> tuple[int, str]:
    score = sum(1 for key, *_ in SURE_ITEMS if answers.get(key) == "yes")
    if score == len(SURE_ITEMS):
        return score, "You answered yes to all four questions: you feel ready to make a choice."
    return score, (
        f"You answered yes to {score} of 4 questions. People who answer no to any of them often find it helps to "
        "talk the choice through again with their neurologist, using the questions on this page."
    )
