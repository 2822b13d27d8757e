"""How hard the aid's own pages are to read: the Flesch–Kincaid grade of each public page's main content in
English, measured with textstat, and the LIX of its Norwegian version (lix() below), both from the page as people
get it (rendered by its own view, in that language).

The texts change only with a deploy, so each process measures them once per language (lru_cache).
"""
from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import textstat
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# (the page's name on the About page, its URL name). The results page depends on each person's answers, and
# the About and Evidence pages are partly technical, so they are not measured here.
MEASURED_PAGES: tuple[tuple[str, str], ...] = (
    (_("Home page"), "pages:home"),
    (_("Privacy"), "pages:privacy"),
    (_("Glossary"), "pages:glossary"),
)

# Elements whose text stands on its own, like a sentence (a heading, a list item, a table cell ...).
_BLOCKS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "figcaption", "label",
    "legend", "summary", "button", "blockquote", "div", "section", "article", "form", "table", "ul", "ol", "dl",
}
# Not prose: navigation (the glossary's index of words, the "on this page" lists), scripts and pictures.
_SKIPPED = {"nav", "script", "style", "svg", "template"}
# Nor names, which the page marks translate="no" (the medicines in the list of treatments: "Teriflunomide
# (Aubagio)" is read as a name, whatever the language's word lengths).
_NAME = ("translate", "no")


class _MainText(HTMLParser):
    """The text inside <main>, one entry per block; a block without a full stop at its end gets one, so that a
    heading or list item counts as its own sentence."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_in_main = 0
        self.depth_skipped = 0
        self.blocks: list[str] = []
        self._words: list[str] = []
        self._names: list[str] = []  # the open elements marked as names, innermost last

    def _end_block(self):
        text = re.sub(r"\s+", " ", " ".join(self._words)).strip()
        self._words = []
        if text:
            self.blocks.append(text if text[-1] in ".!?" else f"{text}.")

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth_in_main += 1
        elif self.depth_in_main and (tag in _SKIPPED or _NAME in attrs):
            self.depth_skipped += 1
            if _NAME in attrs and tag not in _SKIPPED:
                self._names.append(tag)
        if tag in _BLOCKS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in _BLOCKS or tag == "main":
            self._end_block()
        if tag == "main":
            self.depth_in_main -= 1
        elif self.depth_in_main and (tag in _SKIPPED or (self._names and self._names[-1] == tag)):
            self.depth_skipped -= 1
            if tag not in _SKIPPED:
                self._names.pop()

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


# LIX (läsbarhetsindex, Björnsson 1968), the readability index used for Norwegian and Swedish: the average
# sentence length in words plus the percentage of long words (more than 6 letters). Under 30 is very easy,
# 30-40 easy (the aid's target for Norwegian pages), 40-50 medium, above 60 very hard.
LIX_TARGET = 40
# A word: letters and digits, with inner hyphens or apostrophes ("aHSCT-behandling"); a number with a decimal
# comma or point ("18,4") is one word.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:[-'’][^\W_]+)*")
# A sentence ends at a full stop, colon, question or exclamation mark followed by a space or the end (so "18,4",
# "18.4" and "e.g." inside a word do not end one); colons count, as in Björnsson's definition.
_SENTENCE_END = re.compile(r"[.:!?]+(?=\s|$)")


def lix(text: str) -> float:
    """LIX = words / sentences + 100 × long words / words, to one decimal; 0 for a text without words.
    A long word has more than 6 letters (digits and hyphens do not count as letters)."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())))
    long_words = sum(1 for word in words if sum(ch.isalpha() for ch in word) > 6)
    return round(len(words) / sentences + 100 * long_words / len(words), 1)


def page_html(url_name: str, language: str = "en-gb") -> str:
    """A public page as its view renders it for a first-time visitor, in `language` (URL and text)."""
    with translation.override(language):
        path = reverse(url_name)
        request = RequestFactory().get(path, secure=True)
        request.LANGUAGE_CODE = language
        response = resolve(path).func(request)
        return response.content.decode()


@lru_cache(maxsize=1)
def _measured() -> tuple[tuple[str, float], ...]:
    return tuple((name, flesch_kincaid_grade(main_text(page_html(url_name)))) for name, url_name in MEASURED_PAGES)


@lru_cache(maxsize=1)
def _measured_lix() -> tuple[tuple[str, float], ...]:
    return tuple((name, lix(main_text(page_html(url_name, "nb")))) for name, url_name in MEASURED_PAGES)


def reading_grades() -> list[tuple[str, float]]:
    """(page name, Flesch–Kincaid grade of the English page) for each measured page; measured once per process,
    always in English, whatever language the request that asks is in."""
    return list(_measured())


def norwegian_lix() -> list[tuple[str, float]]:
    """(page name, LIX of the Norwegian page) for each measured page; measured once per process."""
    return list(_measured_lix())
