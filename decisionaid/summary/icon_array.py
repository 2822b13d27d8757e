"""Icon arrays of 100 people as server-side SVG: they print, and work without JavaScript.

10 x 10 people; the people the outcome happened to are filled in rows from the bottom, left to right (the
iconarray.com convention: a height cue as well as a count). Filled people carry a hatch pattern as well as a
colour, so a black-and-white print still reads. Colours are SVG presentation attributes, not style
attributes, so the page's Content Security Policy needs no 'unsafe-inline'. How many people to fill (whole
people only) is decided by the assessment (decisionaid.assessment.figures.icons_for).
"""
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLUMNS = ROWS = 10
CELL_WIDTH, CELL_HEIGHT = 20, 26
# A person: a head and shoulders, drawn inside one cell.
PERSON_PATH = "M10 2.5a4.5 4.5 0 1 1 0 9a4.5 4.5 0 1 1 0-9zM2.5 24v-6.5c0-3.6 3-5.5 7.5-5.5s7.5 1.9 7.5 5.5V24z"

PALETTE = {
    # (fill of people it happened to, their pattern's marks, outline of everyone else). Contrast >= 3:1 on white.
    "benefit": ("#1b5e20", "#ffffff", "#5f6b5f"),
    "risk": ("#8e1b1b", "#ffffff", "#6b5f5f"),
}


def _pattern(pattern_id: str, kind: str) -> str:
    """The filled people's pattern: dots for a benefit, diagonal stripes for a harm, so that the two read apart
    in a black-and-white print as well as by colour."""
    fill, mark, _ = PALETTE[kind]
    if kind == "benefit":
        return (
            f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="4" height="4">'
            f'<rect width="4" height="4" fill="{fill}"/><circle cx="2" cy="2" r="0.9" fill="{mark}"/></pattern>'
        )
    return (
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">'
        f'<rect width="4" height="4" fill="{fill}"/><line x1="0" y1="0" x2="0" y2="4" stroke="{mark}" stroke-width="1.2"/>'
        f"</pattern>"
    )


def cell_positions(count: int) -> list[tuple[int, int]]:
    """(column, row) of each filled person, row 0 at the top: bottom row first, left to right."""
    return [(index % COLUMNS, ROWS - 1 - index // COLUMNS) for index in range(count)]


def _check(count: int, element_id: str) -> None:
    if not 0 <= count <= 100:
        raise ValueError(f"an icon array shows 0 to 100 people, not {count}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", element_id):
        raise ValueError(f"element_id must be lowercase letters, digits and hyphens, not {element_id!r}")


def icon_array_svg(*, count: int, text: str, kind: str, element_id: str) -> SafeString:
    """One array of 100 people, `count` of them filled. `text` is its text equivalent, read by screen readers."""
    _check(count, element_id)
    fill, _, outline = PALETTE[kind]
    width, height = COLUMNS * CELL_WIDTH, ROWS * CELL_HEIGHT
    pattern_id, person_id, title_id = f"{element_id}h", f"{element_id}p", f"{element_id}t"
    filled = cell_positions(count)
    filled_set = set(filled)
    empty = [(c, r) for r in range(ROWS) for c in range(COLUMNS) if (c, r) not in filled_set]

    def people(cells):
        return "".join(f'<use href="#{person_id}" x="{c * CELL_WIDTH}" y="{r * CELL_HEIGHT}"/>' for c, r in cells)

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="icon-array icon-array-{kind}" id="{element_id}" '
        f'role="img" aria-labelledby="{title_id}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{title_id}">{escape(text)}</title>'
        "<defs>"
        + _pattern(pattern_id, kind)
        + f'<path id="{person_id}" d="{PERSON_PATH}"/>'
        "</defs>"
        f'<g class="icon-event" fill="url(#{pattern_id})" stroke="{fill}" stroke-width="1">{people(filled)}</g>'
        f'<g class="icon-none" fill="#ffffff" stroke="{outline}" stroke-width="1.2">{people(empty)}</g>'
        "</svg>"
    )
    return mark_safe(svg)  # every interpolated value above is a number, a fixed string, or escaped


# -- the printable summaries: the same picture, drawn as two paths -----------------------------------------


def person_path_at(x: float, y: float) -> str:
    """PERSON_PATH moved to (x, y): its absolute commands (M, V) shifted, its relative ones unchanged."""
    return (
        f"M{10 + x:g} {2.5 + y:g}a4.5 4.5 0 1 1 0 9a4.5 4.5 0 1 1 0-9z"
        f"M{2.5 + x:g} {24 + y:g}v-6.5c0-3.6 3-5.5 7.5-5.5s7.5 1.9 7.5 5.5V{24 + y:g}z"
    )


def print_icon_array_svg(*, count: int, text: str, kind: str, element_id: str) -> SafeString:
    """The same array as `icon_array_svg` (same people, order, colours, hatching, text equivalent), with the
    filled people as one path and the others as another instead of 100 <use> references. WeasyPrint draws it
    in less than half the time and the PDF is a third of the size; browsers show the same picture."""
    _check(count, element_id)
    fill, _, outline = PALETTE[kind]
    width, height = COLUMNS * CELL_WIDTH, ROWS * CELL_HEIGHT
    pattern_id, title_id = f"{element_id}h", f"{element_id}t"
    filled = cell_positions(count)
    filled_set = set(filled)
    empty = [(c, r) for r in range(ROWS) for c in range(COLUMNS) if (c, r) not in filled_set]

    def people(cells):
        return "".join(person_path_at(c * CELL_WIDTH, r * CELL_HEIGHT) for c, r in cells)

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="icon-array icon-array-{kind}" id="{element_id}" '
        f'role="img" aria-labelledby="{title_id}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{title_id}">{escape(text)}</title>'
        "<defs>"
        + _pattern(pattern_id, kind)
        + "</defs>"
        + (f'<path class="icon-event" fill="url(#{pattern_id})" stroke="{fill}" stroke-width="1" d="{people(filled)}"/>'
           if filled else "")
        + (f'<path class="icon-none" fill="#ffffff" stroke="{outline}" stroke-width="1.2" d="{people(empty)}"/>'
           if empty else "")
        + "</svg>"
    )
    return mark_safe(svg)  # every interpolated value above is a number, a fixed string, or escaped
