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


# -- the printable summaries: the same picture, drawn as tiles -----------------------------------------------


def cell_rectangles(count: int) -> tuple[list[tuple[int, int, int, int]], list[tuple[int, int, int, int]]]:
    """The cells of the filled people and of the others as at most two rectangles each, (x, y, width, height)
    in cells: the filled ones are whole rows at the bottom plus a part-row above them, from the left."""
    full, rest = divmod(count, COLUMNS)
    filled, others = [], []
    if full:
        filled.append((0, ROWS - full, COLUMNS, full))
    if rest:
        filled.append((0, ROWS - full - 1, rest, 1))
        others.append((rest, ROWS - full - 1, COLUMNS - rest, 1))
    top = ROWS - full - (1 if rest else 0)
    if top:
        others.append((0, 0, COLUMNS, top))
    return filled, others


def _tiled(rectangles, pattern_id: str, css_class: str) -> str:
    """One path of cell rectangles filled with a one-person tile: one fill per pattern, because WeasyPrint draws
    a pattern nested in a pattern (the hatch in the person) only on its first use."""
    if not rectangles:
        return ""
    d = "".join(
        f"M{x * CELL_WIDTH} {y * CELL_HEIGHT}h{w * CELL_WIDTH}v{h * CELL_HEIGHT}h-{w * CELL_WIDTH}z"
        for x, y, w, h in rectangles
    )
    return f'<path class="{css_class}" fill="url(#{pattern_id})" d="{d}"/>'


def print_icon_array_svg(*, count: int, text: str, kind: str, element_id: str) -> SafeString:
    """The same array as `icon_array_svg` (same people, order, colours, hatching, text equivalent), drawn for
    WeasyPrint: each kind of person is drawn once, as a pattern tile, and the cells are filled with it. WeasyPrint's
    SVG interpreter is pure Python and slow on long paths; this draws an array in about a fifth of the time of
    100 paths, and the PDF viewer repeats the tile (benchmarks/README.md). Still vector, still patterned."""
    _check(count, element_id)
    fill, _, outline = PALETTE[kind]
    width, height = COLUMNS * CELL_WIDTH, ROWS * CELL_HEIGHT
    pattern_id, title_id = f"{element_id}h", f"{element_id}t"
    event_id, none_id = f"{element_id}e", f"{element_id}n"
    filled, others = cell_rectangles(count)

    def tile(tile_id: str, person: str) -> str:
        return (
            f'<pattern id="{tile_id}" patternUnits="userSpaceOnUse" width="{CELL_WIDTH}" height="{CELL_HEIGHT}">'
            f'<path d="{PERSON_PATH}" {person}/></pattern>'
        )

    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="icon-array icon-array-{kind}" id="{element_id}" '
        f'role="img" aria-labelledby="{title_id}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{title_id}">{escape(text)}</title>'
        "<defs>"
        + _pattern(pattern_id, kind)
        + tile(event_id, f'fill="url(#{pattern_id})" stroke="{fill}" stroke-width="1"')
        + tile(none_id, f'fill="#ffffff" stroke="{outline}" stroke-width="1.2"')
        + "</defs>"
        + _tiled(filled, event_id, "icon-event")
        + _tiled(others, none_id, "icon-none")
        + "</svg>"
    )
    return mark_safe(svg)  # every interpolated value above is a number, a fixed string, or escaped
