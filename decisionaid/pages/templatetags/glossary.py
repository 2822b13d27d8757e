"""Link a word to its definition: {% load glossary %}<a href="{% glossary_url 'edss' %}">EDSS</a>.

An unknown slug raises an error, so a typo fails the page's tests instead of giving a dead link.
"""
from django import template

from decisionaid.pages import glossary

register = template.Library()


@register.simple_tag
def glossary_url(slug: str) -> str:
    return glossary.glossary_url(slug)
