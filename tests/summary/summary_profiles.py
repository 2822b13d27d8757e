"""Profiles for the printable-summary tests, and a cache of rendered responses shared by a test module.

PDF rendering takes a second or more, so each (profile, URL) is rendered once per test process and reused by
every test that reads it. Each render walks the questionnaire through the HTTPS test client and fetches the
URL, inside a transaction that loads the evidence and is rolled back afterwards.
"""
import io
import re

import pypdf
from django.db import transaction

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.evidence.loading import load_evidence
from decisionaid.questionnaire.answers import saved_profile

from ..conftest import HttpsClient
from ..questionnaire.test_wizard import GOOD_ANSWERS, walk
from .test_results_page import answers

UNKNOWN_EVERYTHING = {
    "about": {"age": "41", "sex": "female", "pregnancy_wish": "unsure"},
    "disease": {"subtype": "unsure", "duration_unknown": "on"},
    "edss": {"edss": "unknown"},
    "walking": {"walking_range": "unknown"},
    "activity": {"relapses_unknown": "on", "mri_activity": "unknown", "disability_worsened": "unknown"},
    "treatments": {"high_efficacy_contraindicated": "unknown"},
}

# name -> wizard steps that differ from GOOD_ANSWERS (34, female, wants a child, RRMS 6 years, EDSS 3.5,
# 2 relapses and MRI activity despite natalizumab).
PROFILES = {
    "female_pregnancy": {},
    "male": {"about": {"age": "52", "sex": "male", "pregnancy_wish": "no"},
             "disease": {"subtype": "rrms", "duration_years": "14"}},
    "progressive": {
        "about": {"age": "48", "sex": "male", "pregnancy_wish": "no"},
        "disease": {"subtype": "ppms", "duration_years": "9"},
        "edss": {"edss": "6.5"},
        "activity": {"relapses": "0", "mri_activity": "no", "disability_worsened": "yes"},
        "treatments": {"dmts": ["ocrelizumab"], "high_efficacy_contraindicated": "no"},
    },
    "clinician": {"role": {"role": "clinician"}, "about": {"age": "29", "sex": "other", "pregnancy_wish": "unsure"}},
    "unknown": UNKNOWN_EVERYTHING,
    "walking": {"edss": {"edss": "unknown"}, "walking": {"walking_range": "200m"}},
    "abroad": {"values": {**GOOD_ANSWERS["values"], "treatment_abroad": "yes"}},
}


class Renders:
    """Responses by (profile, URL), and the assessment by profile, made on first use and kept for the module.

    `plan` names, per profile, the URLs a test module will read: the first use of any of them renders them all
    (and the assessment) in one walk through the questionnaire, so the evidence is loaded once per profile.
    """

    def __init__(self, django_db_blocker, plan: dict[str, tuple[str, ...]] | None = None):
        self._blocker = django_db_blocker
        self._plan = plan or {}
        self._cache = {}

    def _render(self, profile: str, urls) -> None:
        with self._blocker.unblock(), transaction.atomic():
            load_evidence()
            client = HttpsClient()
            walk(client, answers(**PROFILES[profile]))
            self._cache[(profile, "assessment")] = assess(
                profile=saved_profile(client.session), evidence=load_published_evidence()
            )
            for url in urls:
                response = client.get(url)
                response.content  # noqa: B018  read the body now: the response outlives the transaction
                self._cache[(profile, url)] = response
            transaction.set_rollback(True)

    def get(self, profile: str, url: str):
        if (profile, url) not in self._cache:
            planned = self._plan.get(profile, ())
            self._render(profile, [u for u in planned if (profile, u) not in self._cache] if url in planned else [url])
        return self._cache[(profile, url)]

    def assessment(self, profile: str):
        """The assessment for a profile, built the way the views build it: what the pages must show."""
        if (profile, "assessment") not in self._cache:
            self._render(profile, [u for u in self._plan.get(profile, ()) if (profile, u) not in self._cache])
        return self._cache[(profile, "assessment")]

    def pdf(self, profile: str, url: str) -> "ReadBack":
        response = self.get(profile, url)
        assert response.status_code == 200, (profile, url, response.status_code)
        assert response["Content-Type"] == "application/pdf"
        return ReadBack(response.content)


class ReadBack:
    """A PDF read back with pypdf: its pages, text, metadata and catalogue."""

    def __init__(self, data: bytes):
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))
        self.pages = self.reader.pages
        self.page_texts = [page.extract_text() or "" for page in self.pages]
        # One line of text, single-spaced, without the running footers, so that text flowing from one page to
        # the next reads as one.
        self.text = " ".join(" ".join(_without_footer(text) for text in self.page_texts).split())
        # And with no whitespace at all, so that words and identifiers wrapped across lines still match.
        self._compact = _compact(self.text)
        self.catalog = self.reader.trailer["/Root"]
        self.metadata = self.reader.metadata

    def page_size(self, index: int = 0) -> tuple[float, float]:
        box = self.pages[index].mediabox
        return round(float(box.width)), round(float(box.height))

    def contains(self, text: str) -> bool:
        """The text is in the PDF, whatever line breaks the layout put inside it."""
        return _compact(str(text)) in self._compact

    def structure(self) -> list[dict]:
        """Every element of the tagged structure tree (PDF/UA), depth first."""
        found = []

        def walk(node):
            node = node.get_object()
            if not isinstance(node, dict):
                return
            if "/S" in node:
                found.append(node)
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

        walk(self.catalog["/StructTreeRoot"])
        return found

    def font_names(self) -> set[str]:
        names = set()
        for page in self.pages:
            fonts = page.get("/Resources", {}).get("/Font", {})
            for font in fonts.values():
                names.add(str(font.get_object().get("/BaseFont", "")))
        return names


FOOTER_LINE = re.compile(r"^(Page \d+ of \d+|Made on .*)$")


def _without_footer(page_text: str) -> str:
    """A page's text without the lines the @page margin boxes add at its end (date and version, page number)."""
    lines = page_text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or FOOTER_LINE.match(lines[-1].strip())):
        lines.pop()
    return "\n".join(lines)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
