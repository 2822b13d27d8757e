"""Admin for evidence editors: every model keeps its change history (django-simple-history)."""
from django.contrib import admin, messages
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from . import review
from .models import EvidenceRelease, Figure, Guideline, GuidelineCriterion, Source, Treatment, Trial


class DueForReviewFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due for review"), ("current", "Reviewed within 12 months")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "current":
            return queryset.exclude(pk__in=queryset.due_for_review().values("pk"))
        return queryset


@admin.action(description="Mark selected rows as reviewed today (by me)")
def mark_reviewed(modeladmin, request, queryset):
    today = timezone.localdate()
    count = 0
    for row in queryset:
        row.last_reviewed, row.reviewed_by = today, request.user
        row._change_reason = "Marked as reviewed"
        row.save(update_fields=["last_reviewed", "reviewed_by"])
        count += 1
    modeladmin.message_user(request, f"{count} row(s) marked as reviewed on {today:%d %B %Y}.", messages.SUCCESS)


class ReviewedAdmin(SimpleHistoryAdmin):
    actions = [mark_reviewed]
    readonly_fields = ("reviewed_by",)

    @admin.display(boolean=True, description="Due for review")
    def due(self, obj):
        return review.is_due(obj.last_reviewed)


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0
    show_change_link = True
    fields = (
        ("key", "kind", "outcome"),
        "label_plain",
        ("numerator", "denominator", "per_100", "estimate"),
        ("ci_low", "ci_high", "ci_level"),
        ("time_point", "provenance", "is_published"),
    )


@admin.register(Source)
class SourceAdmin(ReviewedAdmin):
    list_display = ("short_name", "design", "year", "n_patients", "provenance", "doi", "pmid", "last_reviewed", "due")
    list_filter = ("design", "provenance", DueForReviewFilter)
    search_fields = ("short_name", "title", "authors", "citation", "doi", "pmid", "registry_id", "key")
    inlines = [FigureInline]
    fieldsets = (
        (None, {"fields": ("key", "short_name", "title", "authors", "journal", "year", "citation")}),
        ("Identifiers", {"fields": ("doi", "pmid", "registry_id", "url")}),
        ("Study", {"fields": ("design", "n_patients", "country", "population", "conditioning", "follow_up")}),
        ("Provenance", {"fields": ("provenance", "provenance_note", "used_for")}),
        ("Review", {"fields": ("last_reviewed", "reviewed_by")}),
    )


@admin.register(Figure)
class FigureAdmin(ReviewedAdmin):
    list_display = (
        "key", "kind", "outcome", "source", "numerator", "denominator", "per_100", "time_point", "provenance",
        "is_published", "due",
    )
    list_filter = ("kind", "outcome", "provenance", "is_published", "subtype_group", "sex", "source", DueForReviewFilter)
    search_fields = ("key", "label_plain", "label_technical", "population", "source__short_name")
    list_select_related = ("source",)
    autocomplete_fields = ("source",)
    fieldsets = (
        (None, {"fields": ("key", "source", "kind", "outcome", "label_plain", "label_technical", "arm")}),
        (
            "Value",
            {
                "fields": (
                    ("numerator", "denominator"), ("per_100", "per_100_computed"), "estimate",
                    ("ci_low", "ci_high", "ci_level"), ("amount", "amount_unit", "amount_range"),
                    ("time_point", "time_point_months"),
                )
            },
        ),
        (
            "Who it applies to",
            {"fields": ("population", "subtype_group", "sex", ("age_min", "age_max"), ("edss_min", "edss_max"), "regimen")},
        ),
        (
            "Comparison",
            {"fields": ("comparator_label", ("comparator_numerator", "comparator_denominator", "comparator_per_100"), "comparison_note")},
        ),
        ("Provenance and display", {"fields": ("provenance", "correction_note", "is_published", "display_order")}),
        ("Review", {"fields": ("last_reviewed", "reviewed_by")}),
    )


class CriterionInline(admin.TabularInline):
    model = GuidelineCriterion
    extra = 0
    fields = ("order", "key", "check_name", "threshold", "not_met_effect", "label_plain", "threshold_plain")


@admin.register(Guideline)
class GuidelineAdmin(ReviewedAdmin):
    list_display = ("short_name", "key", "source", "known_through", "last_reviewed", "due")
    list_filter = (DueForReviewFilter,)
    search_fields = ("name", "short_name", "key")
    inlines = [CriterionInline]


@admin.register(GuidelineCriterion)
class GuidelineCriterionAdmin(ReviewedAdmin):
    list_display = ("guideline", "order", "key", "check_name", "threshold", "not_met_effect", "due")
    list_filter = ("guideline", "check_name", DueForReviewFilter)
    search_fields = ("key", "label_plain", "label_technical", "guideline_text")


@admin.register(Treatment)
class TreatmentAdmin(ReviewedAdmin):
    list_display = ("name", "slug", "plain_group", "high_efficacy", "last_reviewed", "due")
    list_filter = ("high_efficacy", "plain_group", DueForReviewFilter)
    search_fields = ("name", "slug", "brand_names")


@admin.register(Trial)
class TrialAdmin(ReviewedAdmin):
    list_display = ("name", "registry_id", "status", "status_as_of", "countries", "last_reviewed", "due")
    list_filter = ("status", "provenance", DueForReviewFilter)
    search_fields = ("name", "registry_id", "countries", "key_eligibility")


@admin.register(EvidenceRelease)
class EvidenceReleaseAdmin(SimpleHistoryAdmin):
    list_display = ("version", "released_on", "reviewed_on", "created")
    search_fields = ("version", "note")
