"""The icon array's geometry and text: 100 people, events filled from the bottom row, no half people."""
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from decisionaid.assessment.figures import icons_for
from decisionaid.summary.icon_array import CELL_HEIGHT, CELL_WIDTH, icon_array_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(count, text="73 of 100 people had no signs of MS activity", kind="benefit"):
    return ET.fromstring(str(icon_array_svg(count=count, text=text, kind=kind, element_id="neda")))


def people(root):
    """(column, row, group class) of every person drawn."""
    return [
        (int(u.get("x")) // CELL_WIDTH, int(u.get("y")) // CELL_HEIGHT, group.get("class"))
        for group in root.iter(f"{SVG}g")
        for u in group.iter(f"{SVG}use")
    ]


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 73, 99, 100])
def test_always_100_people_and_exactly_count_filled(count):
    everyone = people(parse(count))
    assert len(everyone) == 100
    assert len({(column, row) for column, row, _ in everyone}) == 100  # a full 10 x 10 grid
    assert {(c, r) for c, r, _ in everyone} == {(c, r) for c in range(10) for r in range(10)}
    assert sum(1 for *_, kind in everyone if kind == "icon-event") == count


def test_events_fill_rows_from_the_bottom_left_to_right():
    filled = {(column, row) for column, row, kind in people(parse(23)) if kind == "icon-event"}
    bottom_two_rows = {(c, r) for c in range(10) for r in (9, 8)}
    assert bottom_two_rows <= filled
    assert filled - bottom_two_rows == {(0, 7), (1, 7), (2, 7)}


def test_the_text_equivalent_is_the_accessible_name():
    root = parse(73)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert root.get("aria-labelledby") == title.get("id")
    assert title.text == "73 of 100 people had no signs of MS activity"


def test_text_is_escaped():
    root = parse(5, text='<script>alert("x")</script> & more')
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & more'
    assert root.find(f".//{SVG}script") is None


def test_filled_people_carry_a_pattern_so_black_and_white_print_still_reads():
    root = parse(5, kind="risk")
    pattern = root.find(f".//{SVG}pattern")
    assert pattern is not None and pattern.find(f"{SVG}line") is not None
    groups = {g.get("class"): g for g in root.iter(f"{SVG}g")}
    assert groups["icon-event"].get("fill") == f"url(#{pattern.get('id')})"
    assert groups["icon-none"].get("fill") == "#ffffff"
    # Every person sits in one of the two groups, so none escapes the pattern or the outline.
    assert len(list(root.iter(f"{SVG}use"))) == sum(len(list(g.iter(f"{SVG}use"))) for g in groups.values())


def test_no_inline_style_so_the_content_security_policy_holds():
    markup = str(icon_array_svg(count=50, text="x", kind="benefit", element_id="a"))
    assert "style=" not in markup and "<style" not in markup


def test_two_arrays_on_one_page_do_not_share_ids():
    first = str(icon_array_svg(count=1, text="x", kind="benefit", element_id="one"))
    second = str(icon_array_svg(count=1, text="x", kind="risk", element_id="two"))
    ids = lambda m: {e.get("id") for e in ET.fromstring(m).iter() if e.get("id")}  # noqa: E731
    assert not ids(first) & ids(second)


@pytest.mark.parametrize("bad", [-1, 101])
def test_impossible_counts_are_refused(bad):
    with pytest.raises(ValueError):
        icon_array_svg(count=bad, text="x", kind="benefit", element_id="a")


@pytest.mark.parametrize(
    "per_100, icons, rounded",
    [("73", 73, False), ("73.00", 73, False), ("1.4", 1, True), ("94.6", 95, True), ("0.19", 0, True),
     ("0.5", 1, True), ("62.4", 62, True), ("100", 100, False), ("0", 0, False)],
)
def test_no_half_people_and_rounding_is_flagged(per_100, icons, rounded):
    assert icons_for(Decimal(per_100)) == (icons, rounded)
