"""How hard the aid's own pages are to read: the Flesch–Kincaid grade of each public page's main content,
measured with textstat from the page as people get it (rendered by its own view).

The texts change only with a deploy, so each process measures them once (lru_cache).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import textstat
from django.test import RequestFactory
from django.urls import resolve, reverse

# (the page's name on the About page, its URL name). The results page depends on each person's answers, and
# the About and Evidence pages are partly technical, so they are not measured here.
MEASURED_PAGES: tuple[tuple[str, str], ...] = (
    ("Home page", "pages:home"),
    ("Privacy", "pages:privacy"),
    ("Glossary", "pages:glossary"),
)

# Elements whose text stands on its own, like a sentence (a heading, a list item, a table cell ...).
_BLOCKS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "figcaption", "label",
    "legend", "summary", "button", "blockquote", "div", "section", "article", "form", "table", "ul", "ol", "dl",
}
# Not prose: navigation (the glossary's index of words, the "on this page" lists), scripts and pictures.
_SKIPPED = {"nav", "script", "style", "svg", "template"}


class _MainText(HTMLParser):
    """The text inside <main>, one entry per block; a block without a full stop at its end gets one, so that a
    heading or list item counts as its own sentence."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_in_main = 0
        self.depth_skipped = 0
        self.blocks: list[str] = []
        self._words: list[str] = []

    def _end_block(self):
        text = re.sub(r"\s+", " ", " ".join(self._words)).strip()
        self._words = []
        if text:
            self.blocks.append(text if text[-1] in ".!?" else f"{text}.")

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth_in_main += 1
        elif self.depth_in_main and tag in _SKIPPED:
            self.depth_skipped += 1
        if tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in _BLOCKS or tag == "main":
            self._end_block()
        if tag == "main":
            self.depth_in_main -= 1
        elif self.depth_in_main and tag in _SKIPPED:
            self.depth_skipped -= 1

    def handle_data(self, data):
        if self.depth_in_main and not self.depth_skipped:
            self._words.append(data)


def main_text(html: str) -> str:
    """The prose inside the page's <main>, as sentences."""
    parser = _MainText()
    parser.feed(html)
    parser.close()
    return " ".join(parser.blocks)


def flesch_kincaid_grade(text: str) -> float:
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


def page_html(url_name: str) -> str:
    """A public page as its view renders it for a first-time visitor."""
    path = reverse(url_name)
    request = RequestFactory().get(path, secure=True)
    response = resolve(path).func(request)
    return response.content.decode()


@lru_cache(maxsize=1)
def _measured() -> tuple[tuple[str, float], ...]:
    return tuple((name, flesch_kincaid_grade(main_text(page_html(url_name)))) for name, url_name in MEASURED_PAGES)


def reading_grades() -> list[tuple[str, float]]:
    """(page name, Flesch–Kincaid grade) for each measured page; measured once per process."""
    return list(_measured())
