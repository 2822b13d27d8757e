"""The "due for review" page in admin: every evidence row not checked against its source within 12 months."""
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import languages, review
from .choices import FACT_PROVENANCE, Provenance
from .models import EVIDENCE_MODELS, Caveat, Figure, Passage, Statement, Trial

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


def published_rows(model):
    """The rows of `model` that people can read (the same rules as the release snapshot and the evidence page)."""
    if model is Figure:
        return Figure.objects.published()
    if model is Caveat:
        return Caveat.objects.filter(is_published=True, provenance__in=FACT_PROVENANCE)
    if model is Trial:
        return Trial.objects.filter(provenance__in=FACT_PROVENANCE)
    if model in (Passage, Statement):
        return model.objects.filter(is_published=True).exclude(provenance=Provenance.NOT_CONFIRMED)
    return model.objects.all()


def missing_translations():
    """(model's verbose name, [(row, [field labels], admin change URL)]) for each model with a published row
    whose English text has no version in another language; such a text is shown in English."""
    groups = []
    for model in EVIDENCE_MODELS:
        if not languages.translated_fields(model):
            continue
        opts = model._meta
        rows = []
        for row in published_rows(model).order_by("pk"):
            names = languages.missing(row)
            if names:
                labels = [str(opts.get_field(name).verbose_name) for name in names]
                rows.append((row, labels, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])))
        if rows:
            groups.append((opts.verbose_name_plural.capitalize(), rows))
    return groups


def missing_translations_view(request):
    context = {
        **admin.site.each_context(request),
        "title": _("Missing translations"),
        "groups": missing_translations(),
        "languages": [name for code, name in settings.LANGUAGES if code in languages.OTHER_LANGUAGES],
    }
    return TemplateResponse(request, "admin/evidence/missing_translations.html", context)
