"""Draft, approve, release: an edit is a draft until a second person with the reviewer role approves it, and a
release can be published only when no draft is left. Plain functions; admin calls them."""
from django.utils import timezone

from .models import EVIDENCE_MODELS

APPROVE_PERMISSION = "evidence.approve_evidence"
EDITOR_GROUP, REVIEWER_GROUP = "Evidence editor", "Evidence reviewer"
REVIEWED_REASON = "Marked as reviewed"


def record_edit(obj, *, user, reason: str) -> None:
    """An edited row is a draft again, no longer checked against its source, and remembers who changed it and why."""
    obj.is_draft, obj.changed_by = True, user
    obj.approved_by, obj.approved_on = None, None
    obj.last_reviewed, obj.reviewed_by = None, None
    obj._change_reason = reason


def approval_refusal(obj, *, user) -> str | None:
    """Why `user` may not approve `obj`, or None when they may."""
    if not user.has_perm(APPROVE_PERMISSION):
        return f"{obj}: only a member of the {REVIEWER_GROUP} group can approve evidence."
    if obj.is_draft and obj.changed_by_id == user.pk:
        return f"{obj}: you made the last change to this row; another reviewer must approve it."
    return None


def approve(obj, *, user) -> None:
    """Approve the row's last change (if any) and mark it checked against its source today."""
    obj.is_draft, obj.approved_by, obj.approved_on = False, user, timezone.now()
    obj.last_reviewed, obj.reviewed_by = timezone.localdate(), user
    obj._change_reason = REVIEWED_REASON
    obj.save(update_fields=["is_draft", "approved_by", "approved_on", "last_reviewed", "reviewed_by"])


def drafts() -> list[tuple[str, list]]:
    """(model's verbose name, [rows]) for each kind of evidence with drafts awaiting approval."""
    groups = []
    for model in EVIDENCE_MODELS:
        rows = list(model.objects.filter(is_draft=True).order_by("pk"))
        if rows:
            groups.append((model._meta.verbose_name_plural.capitalize(), rows))
    return groups


def drafts_refusal() -> str | None:
    """Why a release cannot be published now (drafts await approval), or None."""
    waiting = [f"{name}: {', '.join(str(row) for row in rows[:5])}{' …' if len(rows) > 5 else ''}" for name, rows in drafts()]
    if not waiting:
        return None
    return (
        "These rows were changed and await a second person's approval, so no release can be published yet: "
        + "; ".join(waiting) + ". A reviewer approves them with the action \"Approve and mark reviewed\" on their list."
    )
