"""The printable summaries' icon array draws exactly the picture of the screen one, as two paths."""
import re
import xml.etree.ElementTree as ET

import pytest

from decisionaid.summary.icon_array import (
    CELL_HEIGHT, CELL_WIDTH, PERSON_PATH, icon_array_svg, person_path_at, print_icon_array_svg,
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


def print_people(root) -> dict[str, set[tuple[int, int]]]:
    """Each person's head starts with an absolute move to (10 + x, 2.5 + y)."""
    found = {"icon-event": set(), "icon-none": set()}
    for path in root.iter(f"{SVG}path"):
        heads = re.findall(r"M([\d.]+) ([\d.]+)a4\.5", path.get("d"))
        found[path.get("class")] = {
            (round(float(x) - 10) // CELL_WIDTH, round(float(y) - 2.5) // CELL_HEIGHT) for x, y in heads
        }
    return found


def test_a_person_at_the_origin_is_the_screen_person():
    assert person_path_at(0, 0) == PERSON_PATH


@pytest.mark.parametrize("count", [0, 1, 21, 73, 100])
@pytest.mark.parametrize("kind", ["benefit", "risk"])
def test_the_same_people_filled_in_the_same_places(count, kind):
    screen = ET.fromstring(str(icon_array_svg(count=count, text=TEXT, kind=kind, element_id="ia1")))
    printed = ET.fromstring(str(print_icon_array_svg(count=count, text=TEXT, kind=kind, element_id="ia1")))
    expected = screen_people(screen)
    got = print_people(printed)
    assert got["icon-event"] == expected["icon-event"] and len(got["icon-event"]) == count
    assert got["icon-none"] == expected["icon-none"] and len(got["icon-none"]) == 100 - count


def test_same_name_colours_and_hatching():
    screen = ET.fromstring(str(icon_array_svg(count=21, text=TEXT, kind="risk", element_id="ia1")))
    printed = ET.fromstring(str(print_icon_array_svg(count=21, text=TEXT, kind="risk", element_id="ia1")))
    for name in ("role", "aria-labelledby", "viewBox", "class"):
        assert printed.get(name) == screen.get(name)
    assert printed.find(f"{SVG}title").text == TEXT
    assert ET.tostring(printed.find(f".//{SVG}pattern")) == ET.tostring(screen.find(f".//{SVG}pattern"))
    event = next(p for p in printed.iter(f"{SVG}path") if p.get("class") == "icon-event")
    assert event.get("fill") == "url(#ia1h)"


def test_the_print_array_refuses_what_the_screen_array_refuses():
    with pytest.raises(ValueError):
        print_icon_array_svg(count=101, text=TEXT, kind="benefit", element_id="ia1")
    with pytest.raises(ValueError):
        print_icon_array_svg(count=1, text=TEXT, kind="benefit", element_id='x" onload="')
    assert "&lt;b&gt;" in str(print_icon_array_svg(count=1, text="<b>", kind="benefit", element_id="ia1"))
