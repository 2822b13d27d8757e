"""Numbers on the printable summaries exactly as published: 86.9 stays 86.9, 0.19 stays 0.19, 73.0 is 73.

(`floatformat` would round 0.19 to 0.2; a summary never rounds a published figure.)
"""
from django import template

from decisionaid.assessment.checks import number_plain

register = template.Library()


@register.filter
def exact_number(value) -> str:
    return "" if value is None or value == "" else number_plain(value)
