"""The review cycle: evidence not checked against its source within the interval is due for review."""
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone


def cutoff(*, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=settings.EVIDENCE_REVIEW_INTERVAL_DAYS)


def is_due(last_reviewed: date | None, *, today: date | None = None) -> bool:
    return last_reviewed is None or last_reviewed < cutoff(today=today)
