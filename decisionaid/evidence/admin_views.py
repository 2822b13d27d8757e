"""The "due for review" page in admin: every evidence row not checked against its source within 12 months."""
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse

from . import review
from .models import EVIDENCE_MODELS

REVIEWED_MODELS = EVIDENCE_MODELS


def due_rows():
    """(model's verbose name, [(row, admin change URL)]) for each model with rows due."""
    groups = []
    for model in REVIEWED_MODELS:
        opts = model._meta
        rows = model.objects.due_for_review().order_by("last_reviewed", "pk")
        links = [(row, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])) for row in rows]
        if links:
            groups.append((opts.verbose_name_plural.capitalize(), links))
    return groups


def due_for_review(request):
    context = {
        **admin.site.each_context(request),
        "title": "Evidence due for review",
        "groups": due_rows(),
        "cutoff": review.cutoff(),
    }
    return TemplateResponse(request, "admin/evidence/due_for_review.html", context)


def compare_releases(request):
    """Row by row, what differs between two releases, or between a release and the draft state."""
    from . import releases
    from .models import EvidenceRelease

    versions = list(EvidenceRelease.objects.order_by("-released_on", "-created").values_list("version", flat=True))
    old = request.GET.get("old") or (versions[0] if versions else releases.DRAFT)
    new = request.GET.get("new") or releases.DRAFT
    changes, error = [], ""
    try:
        changes = releases.diff(releases.snapshot_named(old), releases.snapshot_named(new))
    except LookupError as problem:
        error = f"{problem.args[0]} Choose one of the releases listed, or draft."
    context = {
        **admin.site.each_context(request),
        "title": f"Compare {old} with {new}",
        "choices": [releases.DRAFT, *versions],
        "old": old, "new": new, "changes": changes, "error": error,
    }
    return TemplateResponse(request, "admin/evidence/compare.html", context)
