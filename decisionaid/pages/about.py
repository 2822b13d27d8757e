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


@dataclass(frozen=True)
class ReadingGrade:
    page: str
    grade: float
    within_target: bool


def reading_grades() -> list[ReadingGrade]:
    return [
        ReadingGrade(page, grade, grade <= READING_GRADE_TARGET) for page, grade in readability.reading_grades()
    ]


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
        "scorecard": ipdas.summary(),
        "ipdas_reference": METHOD_REFERENCES_BY_KEY["ipdas-2014"],
        "reading_references": (METHOD_REFERENCES_BY_KEY["mccaffery-2013"], METHOD_REFERENCES_BY_KEY["muscat-2021"]),
    }
