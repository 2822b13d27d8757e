from hashlib import blake2s

from django import template

from decisionaid.evidence.choices import ADVERSE_OUTCOMES
from decisionaid.summary.icon_array import icon_array_svg, print_icon_array_svg

register = template.Library()


def _palette(outcome: str) -> str:
    return "risk" if outcome in ADVERSE_OUTCOMES else "benefit"


def _element_id(*parts: str) -> str:
    # Short but stable and unique per figure: each array repeats its ids in 100 references.
    return "ia" + blake2s("/".join(parts).encode(), digest_size=4).hexdigest()


@register.simple_tag
def icon_array(figure):
    """The icon array of a FigureView: its whole-people count, its text equivalent, harm or benefit colours."""
    if figure.icons is None:
        return ""
    return icon_array_svg(
        count=figure.icons, text=figure.text, kind=_palette(figure.outcome), element_id=_element_id(figure.key)
    )


@register.simple_tag
def comparator_icon_array(figure):
    comparator = figure.comparator
    if comparator is None or comparator.icons is None:
        return ""
    return icon_array_svg(
        count=comparator.icons,
        text=comparator.text,
        kind=_palette(figure.outcome),
        element_id=_element_id(figure.key, "comparator"),
    )


@register.simple_tag
def print_icon_array(figure):
    """The printable summaries' icon array: the same picture as `icon_array`, drawn as two paths (fast in PDF)."""
    if figure.icons is None:
        return ""
    return print_icon_array_svg(
        count=figure.icons, text=figure.text, kind=_palette(figure.outcome), element_id=_element_id(figure.key)
    )
