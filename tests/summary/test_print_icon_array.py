"""The printable summaries' icon array draws exactly the picture of the screen one, with one tile per kind of
person: the same people filled in the same places, the same person, colours, hatching and text equivalent."""
import re
import xml.etree.ElementTree as ET

import pytest

from decisionaid.summary.icon_array import (
    CELL_HEIGHT, CELL_WIDTH, COLUMNS, ROWS, PERSON_PATH, icon_array_svg, print_icon_array_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
TEXT = "About 21 of 100 people developed thyroid disease 3 years after treatment (estimated)."


def screen_people(root) -> dict[str, set[tuple[int, int]]]:
    return {
        group.get("class"): {
            (int(u.get("x")) // CELL_WIDTH, int(u.get("y")) // CELL_HEIGHT) for u in group.iter(f"{SVG}use")
        }
        for group in root.iter(f"{SVG}g")
    }


def print_people(root) -> dict[str, list[tuple[int, int]]]:
    """The cells each tiled path covers, read from its rectangles (M x y h w v h h -w z), independently of the
    code that made them. A list, so that a cell covered twice would show."""
    found = {"icon-event": [], "icon-none": []}
    for path in root.findall(f"{SVG}path"):
        for x, y, w, h in re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z", path.get("d")):
            x, y, w, h = (int(x) // CELL_WIDTH, int(y) // CELL_HEIGHT, int(w) // CELL_WIDTH, int(h) // CELL_HEIGHT)
            found[path.get("class")] += [(c, r) for r in range(y, y + h) for c in range(x, x + w)]
    return found


def tiles(root) -> dict[str, ET.Element]:
    """Pattern id -> the person drawn in that tile."""
    return {
        pattern.get("id"): pattern.find(f"{SVG}path")
        for pattern in root.iter(f"{SVG}pattern") if pattern.find(f"{SVG}path") is not None
    }


@pytest.mark.parametrize("count", [0, 1, 9, 10, 21, 73, 99, 100])
@pytest.mark.parametrize("kind", ["benefit", "risk"])
def test_the_same_people_filled_in_the_same_places(count, kind):
    screen = ET.fromstring(str(icon_array_svg(count=count, text=TEXT, kind=kind, element_id="ia1")))
    printed = ET.fromstring(str(print_icon_array_svg(count=count, text=TEXT, kind=kind, element_id="ia1")))
    expected = screen_people(screen)
    got = print_people(printed)
    assert sorted(got["icon-event"]) == sorted(expected["icon-event"]) and len(got["icon-event"]) == count
    assert sorted(got["icon-none"]) == sorted(expected["icon-none"]) and len(got["icon-none"]) == 100 - count
    assert all(0 <= c < COLUMNS and 0 <= r < ROWS for c, r in got["icon-event"] + got["icon-none"])


@pytest.mark.parametrize("kind", ["benefit", "risk"])
def test_the_same_person_colours_and_hatching(kind):
    screen = ET.fromstring(str(icon_array_svg(count=21, text=TEXT, kind=kind, element_id="ia1")))
    printed = ET.fromstring(str(print_icon_array_svg(count=21, text=TEXT, kind=kind, element_id="ia1")))
    for name in ("role", "aria-labelledby", "viewBox", "class"):
        assert printed.get(name) == screen.get(name)
    assert printed.find(f"{SVG}title").text == TEXT
    assert ET.tostring(printed.find(f".//{SVG}pattern")) == ET.tostring(screen.find(f".//{SVG}pattern"))

    drawn = tiles(printed)
    by_class = {path.get("class"): path.get("fill") for path in printed.findall(f"{SVG}path")}
    event, none = drawn[by_class["icon-event"].removeprefix("url(#").rstrip(")")], \
        drawn[by_class["icon-none"].removeprefix("url(#").rstrip(")")]
    screen_groups = {group.get("class"): group for group in screen.iter(f"{SVG}g")}
    for person, group in ((event, screen_groups["icon-event"]), (none, screen_groups["icon-none"])):
        assert person.get("d") == PERSON_PATH
        for name in ("fill", "stroke", "stroke-width"):
            assert person.get(name) == group.get(name), name
    for pattern in printed.iter(f"{SVG}pattern"):
        if pattern.find(f"{SVG}path") is not None:  # a one-person tile, aligned with the cells
            assert (pattern.get("width"), pattern.get("height")) == (str(CELL_WIDTH), str(CELL_HEIGHT))
            assert pattern.get("patternUnits") == "userSpaceOnUse"


def test_each_tile_is_used_once_so_weasyprint_draws_its_hatch():
    printed = ET.fromstring(str(print_icon_array_svg(count=21, text=TEXT, kind="risk", element_id="ia1")))
    fills = [path.get("fill") for path in printed.findall(f"{SVG}path")]
    assert len(fills) == len(set(fills)) == 2


def test_the_print_array_refuses_what_the_screen_array_refuses():
    with pytest.raises(ValueError):
        print_icon_array_svg(count=101, text=TEXT, kind="benefit", element_id="ia1")
    with pytest.raises(ValueError):
        print_icon_array_svg(count=1, text=TEXT, kind="benefit", element_id='x" onload="')
    assert "&lt;b&gt;" in str(print_icon_array_svg(count=1, text="<b>", kind="benefit", element_id="ia1"))
