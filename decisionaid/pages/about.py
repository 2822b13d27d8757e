"""Everything the About page shows, as plain data: the current release and its dates, the update policy, the
reading grades of the pages, and the IPDAS scorecard with its counts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from decisionaid.evidence import review
from decisionaid.evidence.models import EvidenceRelease

from . import ipdas, readability
from .evidence_listing import METHOD_REFERENCES_BY_KEY

# The reading grade the aid aims at or below (IPDAS health-literacy criteria; DESIGN.md).
READING_GRADE_TARGET = 8
# The Norwegian pages' LIX beside the English grades: shown since the Norwegian catalogue is complete
# (tests/test_catalogue.py); a LIX of half-translated pages would measure a mix of two languages.
SHOW_NORWEGIAN_LIX = True


@dataclass(frozen=True)
class ReadingGrade:
    page: str
    grade: float
    within_target: bool
    lix: float | None = None  # the Norwegian page's LIX, when shown
    lix_within_target: bool | None = None


def reading_grades(*, with_lix: bool | None = None) -> list[ReadingGrade]:
    with_lix = SHOW_NORWEGIAN_LIX if with_lix is None else with_lix
    lix_by_page = dict(readability.norwegian_lix()) if with_lix else {}
    rows = []
    for page, grade in readability.reading_grades():
        lix = lix_by_page.get(page)
        rows.append(ReadingGrade(page, grade, grade <= READING_GRADE_TARGET, lix,
                                 None if lix is None else lix <= readability.LIX_TARGET))
    return rows


def review_interval_months() -> int:
    return round(settings.EVIDENCE_REVIEW_INTERVAL_DAYS * 12 / 365)


def about_context(*, today: date | None = None) -> dict:
    release = EvidenceRelease.current()
    return {
        "release": release,
        "review_overdue": release is not None and review.is_due(release.reviewed_on, today=today),
        "review_interval_months": review_interval_months(),
        "reading_grades": reading_grades(),
        "reading_grade_target": READING_GRADE_TARGET,
        "show_lix": SHOW_NORWEGIAN_LIX,
        "lix_target": readability.LIX_TARGET,
        "scorecard": ipdas.summary(),
        "ipdas_reference": METHOD_REFERENCES_BY_KEY["ipdas-2014"],
        "reading_references": (METHOD_REFERENCES_BY_KEY["mccaffery-2013"], METHOD_REFERENCES_BY_KEY["muscat-2021"]),
    }
