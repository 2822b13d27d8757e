"""{% change_url line %}: the questionnaire step that asks the answer a read-back line shows."""
from django import template
from django.urls import reverse

from decisionaid.questionnaire.answers import ASKED_AT

register = template.Library()


@register.simple_tag
def change_url(line) -> str:
    # A line without a step of its own (none today) fails loudly rather than linking to the wrong question.
    return reverse("questionnaire:step", kwargs={"step": ASKED_AT[line.key]})
