from django import template

from ..admin_views import due_rows

register = template.Library()


@register.simple_tag
def rows_due_for_review():
    """(model's verbose name, [(row, change URL)]) for every kind of evidence row with rows past their review date."""
    return due_rows()
