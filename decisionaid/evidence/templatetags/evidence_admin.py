from django import template

from ..admin_views import due_rows

register = template.Library()


@register.simple_tag
def rows_due_for_review():
    """(model's verbose name, [(row, change URL)]) for every kind of evidence row with rows past their review date."""
    return due_rows()


@register.simple_tag
def drafts_awaiting_approval():
    """(model's verbose name, [rows]) of changes a second person has not yet approved."""
    from ..workflow import drafts

    return drafts()
