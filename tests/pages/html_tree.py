"""A small HTML tree for tests, built with the standard library's parser (no extra dependency)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element | str"] = field(default_factory=list)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Element"]:
        return [
            element for element in self.iter()
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def by_id(self, element_id: str) -> "Element | None":
        found = self.find_all(id=element_id)
        return found[0] if found else None

    def with_class(self, name: str) -> list["Element"]:
        return [e for e in self.iter() if name in e.attrs.get("class", "").split()]

    @property
    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child.text if isinstance(child, Element) else child)
        return re.sub(r"\s+", " ", " ".join(parts)).strip()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for position in range(len(self.stack) - 1, 0, -1):
            if self.stack[position].tag == tag:
                del self.stack[position:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(response_or_text) -> Element:
    text = response_or_text if isinstance(response_or_text, str) else response_or_text.content.decode()
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


def main(document: Element) -> Element:
    found = document.find_all("main")
    assert len(found) == 1, "the page has one <main>"
    return found[0]


def headings(document: Element) -> list[tuple[int, str]]:
    return [(int(e.tag[1]), e.text) for e in document.iter() if re.fullmatch(r"h[1-6]", e.tag)]


def assert_headings_in_order(document: Element) -> None:
    """One h1, and no heading skips a level on the way down (h1 → h2 → h3 ...)."""
    levels = headings(main(document))
    assert [level for level, _ in levels].count(1) == 1, levels
    assert levels[0][0] == 1, levels
    for (previous, _), (level, text) in zip(levels, levels[1:]):
        assert level <= previous + 1, f"heading {text!r} (h{level}) follows an h{previous}"


def assert_nothing_inline(response) -> None:
    """The Content Security Policy forbids inline styles and scripts."""
    document = parse(response)
    assert not document.find_all("style"), "no <style> element"
    assert not [e for e in document.find_all("script") if not e.attrs.get("src")], "no inline <script>"
    assert not [e for e in document.iter() if "style" in e.attrs], "no style attribute"
    assert not [e for e in document.iter() if any(name.startswith("on") for name in e.attrs)], "no on* handler"


def unescape(text: str) -> str:
    return html.unescape(text)
