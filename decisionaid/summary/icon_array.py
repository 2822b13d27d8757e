"""Icon arrays of 100 people as server-side SVG: they print, and work without JavaScript.

10 x 10 people; the people the outcome happened to are filled in rows from the bottom, left to right (the
iconarray.com convention: a height cue as well as a count). Filled people carry a hatch pattern as well as a
colour, so a black-and-white print still reads. Colours are SVG presentation attributes, not style
attributes, so the page's Content Security Policy needs no 'unsafe-inline'.
"""
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLUMNS = ROWS = 10
CELL_WIDTH, CELL_HEIGHT = 20, 26
# A person: a head and shoulders, drawn inside one cell.
PERSON_PATH = "M10 2.5a4.5 4.5 0 1 1 0 9a4.5 4.5 0 1 1 0-9zM2.5 24v-6.5c0-3.6 3-5.5 7.5-5.5s7.5 1.9 7.5 5.5V24z"

PALETTE = {
    # (fill of people it happened to, their hatch lines, outline of everyone else). Contrast >= 3:1 on white.
    "benefit": ("#1b5e20", "#ffffff", "#5f6b5f"),
    "risk": ("#8e1b1b", "#ffffff", "#6b5f5f"),
}


@dataclass(frozen=True)
class IconCount:
    icons: int
    rounded: bool


def icon_count(per_100: Decimal) -> IconCount:
    """Whole people only: round half up, and say so when the figure was not whole."""
    value = Decimal(per_100)
    icons = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return IconCount(icons=max(0, min(100, icons)), rounded=value != icons)


def cell_positions(count: int) -> list[tuple[int, int]]:
    """(column, row) of each filled person, row 0 at the top: bottom row first, left to right."""
    return [(index % COLUMNS, ROWS - 1 - index // COLUMNS) for index in range(count)]


def icon_array_svg(*, count: int, text: str, kind: str, element_id: str) -> SafeString:
    """One array of 100 people, `count` of them filled. `text` is its text equivalent, read by screen readers."""
    if not 0 <= count <= 100:
        raise ValueError(f"an icon array shows 0 to 100 people, not {count}")
    if not re.fullmatch(r"[a-z][a-z0-9-]*", element_id):
        raise ValueError(f"element_id must be lowercase letters, digits and hyphens, not {element_id!r}")
    fill, hatch, outline = PALETTE[kind]
    width, height = COLUMNS * CELL_WIDTH, ROWS * CELL_HEIGHT
    pattern_id, person_id, title_id = f"{element_id}-hatch", f"{element_id}-person", f"{element_id}-title"
    filled = set(cell_positions(count))
    people = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            x, y = column * CELL_WIDTH, row * CELL_HEIGHT
            if (column, row) in filled:
                people.append(
                    f'<use href="#{person_id}" x="{x}" y="{y}" fill="url(#{pattern_id})" stroke="{fill}" '
                    f'stroke-width="1" class="icon-event"/>'
                )
            else:
                people.append(
                    f'<use href="#{person_id}" x="{x}" y="{y}" fill="#ffffff" stroke="{outline}" '
                    f'stroke-width="1.2" class="icon-none"/>'
                )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="icon-array icon-array-{kind}" id="{element_id}" '
        f'role="img" aria-labelledby="{title_id}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{title_id}">{escape(text)}</title>'
        f"<defs>"
        f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">'
        f'<rect width="4" height="4" fill="{fill}"/><line x1="0" y1="0" x2="0" y2="4" stroke="{hatch}" stroke-width="1.2"/>'
        f"</pattern>"
        f'<path id="{person_id}" d="{PERSON_PATH}"/>'
        f"</defs>"
        + "".join(people)
        + "</svg>"
    )
    return mark_safe(svg)  # every interpolated value above is a number, a fixed string, or escaped
