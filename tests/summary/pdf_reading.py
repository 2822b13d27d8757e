"""Reading a PDF back: the size of its text (pypdf's text visitor gives each run's font size and matrices), how
far down each page its text goes, and the width of its icon arrays in WeasyPrint's own layout."""
import io
from collections import Counter

import pypdf

MM_PER_CSS_PX = 25.4 / 96
FOOTER_STARTS = ("Page ", "Made on")


def _scale(matrix) -> float:
    return (matrix[0] ** 2 + matrix[1] ** 2) ** 0.5


def font_sizes(pdf: bytes) -> Counter:
    """Characters of visible text by font size in points (the size as drawn: font size times the text and
    current transformation matrices' scale)."""
    sizes = Counter()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        def visit(text, cm, tm, font, size):
            if text.strip():
                sizes[round(size * _scale(tm) * _scale(cm), 1)] += len(text.strip())
        page.extract_text(visitor_text=visit)
    return sizes


def body_size(sizes: Counter) -> float:
    """The body text's size: the size most of the characters have."""
    return sizes.most_common(1)[0][0]


def page_fills(pdf: bytes) -> list[float]:
    """For each page, how far down its text goes (footer left out), as a share of the page's height."""
    fills = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lowest = []

        def visit(text, cm, tm, font, size):
            if text.strip() and not text.strip().startswith(FOOTER_STARTS):
                lowest.append(tm[5] * cm[3] + cm[5])

        page.extract_text(visitor_text=visit)
        fills.append(1 - min(lowest) / height if lowest else 0.0)
    return fills


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def icon_array_widths_mm(document) -> list[float]:
    """The width of every icon array in a rendered WeasyPrint document, in millimetres."""
    widths = []
    for page in document.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is not None and "icon-array" in (element.get("class") or "").split():
                widths.append(box.width * MM_PER_CSS_PX)
    return widths
