"""English left on a Norwegian page: the texts of the English catalogue (and of the evidence rows) that have a
Norwegian translation, looked for in what a Norwegian page shows.

A text whose Norwegian is the same as its English (a name such as "EDSS" or "MIST") is not looked for. Long texts
are cut at their placeholders and tags into phrases, and a phrase of 3 or more words is looked for anywhere in the
page; a text of one or two words is looked for only as the whole text of an element ("Next", "Back").
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "nb" / "LC_MESSAGES" / "django.po"
# A placeholder (%(name)s, %s, {name}), an HTML tag or a line break: where a msgid is cut into phrases.
_CUTS = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}|<[^>]+>|\n")
_WORD = re.compile(r"[A-Za-z]{2,}")
_ENTRY_LINE = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')


def read_catalogue(path: Path = CATALOGUE) -> list[tuple[str, str, bool]]:
    """(English, Norwegian, fuzzy) for every entry of a .po file, singular and plural forms as separate pairs; the
    header and obsolete (#~) entries are left out."""
    pairs = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            match = _ENTRY_LINE.match(line)
            if match:
                key = match.group(1)
                fields[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                fields[key] += ast.literal_eval(line)
        if not fields.get("msgid"):
            continue
        if "msgid_plural" in fields:
            pairs.append((fields["msgid"], fields.get("msgstr[0]", ""), fuzzy))
            pairs.append((fields["msgid_plural"], fields.get("msgstr[1]", ""), fuzzy))
        else:
            pairs.append((fields["msgid"], fields.get("msgstr", ""), fuzzy))
    return pairs


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def phrases(english: str) -> list[str]:
    """The pieces of an English text between its placeholders, tags and line breaks."""
    return [piece for piece in (_squeeze(part) for part in _CUTS.split(english)) if _WORD.search(piece)]


class EnglishTexts:
    """What would show that a Norwegian page still speaks English."""

    def __init__(self, translated_pairs, *, more_norwegian: str = ""):
        norwegian = " ".join(_squeeze(nb) for _, nb in translated_pairs) + " " + more_norwegian
        self.long: set[str] = set()
        self.short: set[str] = set()
        for english, nb in translated_pairs:
            if _squeeze(english) == _squeeze(nb):
                continue
            for piece in phrases(english):
                # A piece the Norwegian keeps too (a name, a citation, a unit) is not English left behind.
                if piece in norwegian:
                    continue
                (self.long if len(_WORD.findall(piece)) >= 3 else self.short).add(piece)

    def found_in(self, text: str, element_texts=()) -> list[str]:
        """The English phrases in a page's text, and the short English texts that are the whole text of one of its
        elements."""
        text = _squeeze(text)
        found = sorted(piece for piece in self.long if piece in text)
        found += sorted({_squeeze(t) for t in element_texts} & self.short)
        return found


@lru_cache(maxsize=1)
def catalogue_texts() -> EnglishTexts:
    """The English of the nb catalogue's translated entries."""
    return EnglishTexts([(en, nb) for en, nb, fuzzy in read_catalogue() if nb and not fuzzy])


def evidence_texts() -> EnglishTexts:
    """The English of every evidence text in the database, with or without its Norwegian twin (an English text
    shown because its Norwegian is missing is English left too)."""
    from django.apps import apps

    from decisionaid.evidence.languages import DEFAULT, OTHER_LANGUAGES, column, translated_fields

    pairs = []
    for model in apps.get_app_config("evidence").get_models():
        for name in translated_fields(model):
            english, norwegian = column(name, DEFAULT), column(name, OTHER_LANGUAGES[0])
            pairs += [(en, nb or "") for en, nb in model.objects.values_list(english, norwegian) if en]
    catalogue_norwegian = " ".join(nb for _, nb, fuzzy in read_catalogue() if nb and not fuzzy)
    return EnglishTexts(pairs, more_norwegian=_squeeze(catalogue_norwegian))


def citations() -> str:
    """Every source's citation and name as the pages print them: quoted as published, whatever the language."""
    from decisionaid.evidence.models import Source

    return " ".join(_squeeze(" ".join(row)) for row in Source.objects.values_list("citation", "short_name"))


# An element the page marks as not to be translated (a citation, a medicine's name), with what it holds.
_NOT_TRANSLATED = re.compile(r'<(\w+)\b[^>]*\btranslate="no"[^>]*>.*?</\1>', re.S)


def without_names(html: str) -> str:
    """The page without the elements it marks translate="no" (citations and names)."""
    return _NOT_TRANSLATED.sub(" ", html)


def english_left(text: str, element_texts=(), *, evidence: EnglishTexts | None = None, quoted: str = "") -> list[str]:
    """Every English text of the catalogue (and of the evidence, if given) found in a Norwegian page. quoted: text
    the page may quote as it is (the citations, for a PDF, whose text has no markup to tell them apart)."""
    found = catalogue_texts().found_in(text, element_texts)
    if evidence is not None:
        found += evidence.found_in(text, element_texts)
    return [piece for piece in found if piece not in quoted]
