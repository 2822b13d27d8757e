"""Admin for evidence editors: every model keeps its change history (django-simple-history), and each text people
read is edited in English and Norwegian in the same form, one field under the other (django-modeltranslation)."""
from django import forms
from django.contrib import admin, messages
from django.db.models import Subquery
from django.utils import timezone
from django.utils.text import Truncator
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from . import languages, review, thresholds, workflow
from .admin_views import REVIEWED_MODELS
from .models import (
    Caveat, EvidenceRelease, Figure, Guideline, GuidelineCriterion, Passage, Reviewed, Source, Statement, Treatment,
    Trial,
)


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


@admin.action(description="Approve and mark reviewed today (a second person: not your own change)")
def mark_reviewed(modeladmin, request, queryset):
    count = 0
    for row in queryset:
        refusal = workflow.approval_refusal(row, user=request.user)
        if refusal:
            modeladmin.message_user(request, refusal, messages.ERROR)
            continue
        workflow.approve(row, user=request.user)
        count += 1
    if count:
        today = timezone.localdate()
        modeladmin.message_user(
            request, f"{count} row(s) approved and marked as reviewed on {today:%d %B %Y}.", messages.SUCCESS
        )


class TranslatedErrorsForm(forms.ModelForm):
    """The model's rules name a text by its field ("status_as_of"); the form has it once per language
    ("status_as_of_en_gb"): an error on the field is shown on its column in the active language, or English."""

    def add_error(self, field, error):
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError({self._column(name): messages for name, messages in error.error_dict.items()})
        elif field is not None:
            field = self._column(field)
        super().add_error(field, error)

    def _column(self, name):
        if name in self.fields or name == NON_FIELD_ERRORS:
            return name
        for language in (languages.active(), languages.DEFAULT):
            if languages.column(name, language) in self.fields:
                return languages.column(name, language)
        return name


class ChangeReasonForm(TranslatedErrorsForm):
    """Every save says why; the reason is kept in the row's history (django-simple-history)."""

    change_reason = forms.CharField(
        label="Reason for this change", max_length=100,
        help_text='Kept in the history, e.g. "5-year numerator corrected from the article\'s table 2".',
    )


def content_changed(form) -> bool:
    return any(name != "change_reason" for name in form.changed_data)


REVIEW_FIELDS = ("is_draft", "changed_by", "approved_by", "approved_on", "last_reviewed", "reviewed_by")


class ReviewedAdmin(TranslationAdmin, SimpleHistoryAdmin):
    actions = [mark_reviewed]
    form = ChangeReasonForm
    # Set only by saving and by the approval action, so that an edit can never carry its own approval.
    readonly_fields = REVIEW_FIELDS + ("preview_links",)

    def save_model(self, request, obj, form, change):
        reason = form.cleaned_data["change_reason"]
        if not change or content_changed(form):
            workflow.record_edit(obj, user=request.user, reason=reason)
        else:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("change_reason", "")
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            if isinstance(inline_form.instance, Reviewed):
                workflow.record_edit(inline_form.instance, user=request.user, reason=reason)
        super().save_formset(request, form, formset, change)

    @admin.display(boolean=True, description="Due for review")
    def due(self, obj):
        return review.is_due(obj.last_reviewed)

    @admin.display(description="Preview as a patient")
    def preview_links(self, obj):
        """The results and summary for test profiles, with the rows as saved (drafts included); patients' pages
        do not change."""
        from django.urls import reverse
        from django.utils.html import format_html_join

        from .preview import PROFILES

        url = reverse("evidence-preview")
        return format_html_join(
            " · ", '<a href="{}?profile={}&amp;page=results" target="_blank">{}</a>',
            ((url, key, label) for key, (label, _answers) in PROFILES.items()),
        )


class FigureInline(TranslationStackedInline):
    model = Figure
    form = TranslatedErrorsForm
    extra = 0
    show_change_link = True
    # Every field the main form requires, so that a figure added here is as complete as one added there.
    fields = (
        ("key", "kind", "outcome"),
        ("label_plain", "label_technical"),
        ("numerator", "denominator", "per_100", "estimate"),
        ("ci_low", "ci_high", "ci_level"),
        "population",
        ("includes_rrms", "includes_spms", "includes_ppms", "includes_other_diseases"),
        ("time_point", "provenance", "is_published"),
    )


@admin.register(Source)
class SourceAdmin(ReviewedAdmin):
    list_display = ("short_name", "design", "year", "n_patients", "provenance", "doi", "pmid", "last_reviewed", "is_draft", "due")
    list_filter = ("design", "provenance", "is_draft", DueForReviewFilter)
    search_fields = ("short_name", "title", "authors", "citation", "doi", "pmid", "registry_id", "key")
    autocomplete_fields = ("same_cohort_as",)
    inlines = [FigureInline]
    fieldsets = (
        (None, {"fields": ("key", "short_name", "title", "authors", "journal", "year", "citation")}),
        ("Identifiers", {"fields": ("doi", "pmid", "registry_id", "url")}),
        ("Study", {"fields": ("design", "n_patients", "country", "population", "conditioning", "follow_up")}),
        ("Same people as another report", {"fields": ("same_cohort_as", "cohort_note")}),
        ("Provenance", {"fields": ("provenance", "provenance_note", "used_for")}),
        ("Reason", {"fields": ("change_reason",)}),
        ("Preview", {"fields": ("preview_links",)}),
        ("Review and approval", {"fields": REVIEW_FIELDS}),
    )


@admin.register(Figure)
class FigureAdmin(ReviewedAdmin):
    readonly_fields = ReviewedAdmin.readonly_fields + ("sentence_patients_read",)

    list_display = (
        "key", "kind", "outcome", "source", "numerator", "denominator", "per_100", "time_point", "provenance",
        "is_published", "is_draft", "due",
    )
    list_filter = (
        "kind", "outcome", "provenance", "is_published", "includes_rrms", "includes_spms", "includes_ppms",
        "treatment_naive_population", "sex", "source", "is_draft", DueForReviewFilter,
    )
    search_fields = ("key", "label_plain", "label_technical", "population", "source__short_name")
    list_select_related = ("source",)
    autocomplete_fields = ("source", "companion")
    fieldsets = (
        (None, {"fields": ("key", "source", "kind", "outcome", "label_plain", "label_technical", ("arm", "arm_plain"))}),
        ("What patients read", {"fields": ("sentence_patients_read",)}),
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
            {
                "fields": (
                    "population",
                    ("includes_rrms", "includes_spms", "includes_ppms", "includes_other_diseases"),
                    "treatment_naive_population", "sex", ("age_min", "age_max"), ("edss_min", "edss_max"),
                    "edss_typical", "regimen",
                )
            },
        ),
        (
            "Comparison",
            {
                "fields": (
                    ("comparator_label", "comparator_label_plain"),
                    ("comparator_numerator", "comparator_denominator", "comparator_per_100"), "comparison_note",
                    "comparison_kind",
                )
            },
        ),
        ("Shown with", {"fields": ("companion",)}),
        ("Provenance and display", {"fields": ("provenance", "correction_note", "is_published", "display_order")}),
        ("Reason", {"fields": ("change_reason",)}),
        ("Preview", {"fields": ("preview_links",)}),
        ("Review and approval", {"fields": REVIEW_FIELDS}),
    )

    @admin.display(description="The sentence patients read")
    def sentence_patients_read(self, obj):
        return figure_sentence(obj)


def figure_sentence(obj) -> str:
    """The sentence the results build from the figure's fields, as saved (or as just submitted, when refused)."""
    from decisionaid.assessment.evidence import figure_data
    from decisionaid.assessment.figures import figure_text, who_plain

    if obj is None or obj.source_id is None or (obj.per_100 is None and obj.amount is None):
        return "Shown once the figure is saved with its source and value."
    try:
        data = figure_data(obj)
        return f"{figure_text(data)} Who: {who_plain(data)}."
    except (TypeError, ValueError, ArithmeticError):  # values the form has just refused
        return "Shown once the values above are valid."


def describe_threshold_rule(obj) -> str:
    if obj is not None and obj.check_name:
        rule = thresholds.RULES.get(obj.check_name)
        return rule.describe() if rule else "This check takes no threshold: leave it empty."
    return " ".join(f"{name}: {rule.describe()}" for name, rule in thresholds.RULES.items())


def report_rewording(model_admin, request, obj) -> None:
    for name in getattr(obj, "reworded", ()):
        label = obj._meta.get_field(name).verbose_name
        model_admin.message_user(
            request, f'{obj}: the {label} now names the new threshold: "{getattr(obj, name)}".', messages.INFO
        )


class CriterionInline(TranslationTabularInline):
    model = GuidelineCriterion
    form = TranslatedErrorsForm
    extra = 0
    fields = (
        "order", "key", "check_name", "threshold", "threshold_rule", "not_met_effect", "label_plain",
        "label_technical", "threshold_plain",
    )
    readonly_fields = ("threshold_rule",)

    @admin.display(description="How the check uses the threshold")
    def threshold_rule(self, obj):
        return describe_threshold_rule(obj if obj and obj.pk else None)


@admin.register(Guideline)
class GuidelineAdmin(ReviewedAdmin):
    list_display = ("short_name", "key", "source", "known_through", "last_reviewed", "is_draft", "due")
    list_filter = ("is_draft", DueForReviewFilter)
    search_fields = ("name", "short_name", "key")
    inlines = [CriterionInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects + [o for o, _ in formset.changed_objects]:
            report_rewording(self, request, obj)


@admin.register(GuidelineCriterion)
class GuidelineCriterionAdmin(ReviewedAdmin):
    list_display = ("guideline", "order", "key", "check_name", "threshold", "not_met_effect", "is_draft", "due")
    list_filter = ("guideline", "check_name", "is_draft", DueForReviewFilter)
    search_fields = ("key", "label_plain", "label_technical", "guideline_text")
    readonly_fields = REVIEW_FIELDS + ("how_the_threshold_is_used", "preview_links")
    fields = (
        "guideline", "key", "order", "check_name", ("threshold", "how_the_threshold_is_used"), "not_met_effect",
        "label_plain", "label_technical", "threshold_plain", "guideline_text", "change_reason", "preview_links",
        *REVIEW_FIELDS,
    )

    @admin.display(description="How the check uses the threshold")
    def how_the_threshold_is_used(self, obj):
        return describe_threshold_rule(obj if obj and obj.pk else None)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        report_rewording(self, request, obj)


@admin.register(Treatment)
class TreatmentAdmin(ReviewedAdmin):
    list_display = ("name", "slug", "plain_group", "high_efficacy", "last_reviewed", "is_draft", "due")
    list_filter = ("high_efficacy", "plain_group", "is_draft", DueForReviewFilter)
    search_fields = ("name", "slug", "brand_names")


@admin.register(Caveat)
class CaveatAdmin(ReviewedAdmin):
    list_display = ("key", "source", "provenance", "is_published", "last_reviewed", "is_draft", "due")
    list_filter = ("provenance", "is_published", "is_draft", DueForReviewFilter)
    search_fields = ("key", "text_plain", "source__short_name")
    autocomplete_fields = ("source", "figures")


@admin.register(Statement)
class StatementAdmin(ReviewedAdmin):
    """Dated statements of one source: where aHSCT should be done, where it is offered in Norway, people who
    went abroad. An [S] statement is published only in words that name its source and date."""

    list_display = ("key", "topic", "source", "stated_on_words", "provenance", "is_published", "last_reviewed", "is_draft", "due")
    list_filter = ("topic", "provenance", "is_published", "is_draft", DueForReviewFilter)
    search_fields = ("key", "text_plain", "source__short_name")
    autocomplete_fields = ("source",)
    fieldsets = (
        (None, {"fields": ("key", "topic", "text_plain", "source", ("stated_on", "stated_on_words"))}),
        ("Provenance and display", {"fields": ("provenance", "is_published", "display_order")}),
        ("Reason", {"fields": ("change_reason",)}),
        ("Review and approval", {"fields": REVIEW_FIELDS}),
    )


@admin.register(Trial)
class TrialAdmin(ReviewedAdmin):
    list_display = ("name", "registry_id", "status", "status_as_of", "status_known_on", "countries", "last_reviewed", "is_draft", "due")
    list_filter = ("status", "provenance", "is_draft", DueForReviewFilter)
    search_fields = ("name", "registry_id", "countries", "key_eligibility")


@admin.register(Passage)
class PassageAdmin(ReviewedAdmin):
    list_display = ("title", "key", "source", "provenance", "is_published", "last_reviewed", "is_draft", "due")
    list_filter = ("provenance", "is_published", "is_draft", DueForReviewFilter)
    search_fields = ("key", "title", "text_plain", "source__short_name")
    autocomplete_fields = ("source",)


def rows_due_for_review() -> int:
    """How many evidence rows were never checked against their source, or not within the review interval."""
    return sum(model.objects.due_for_review().count() for model in REVIEWED_MODELS)


@admin.register(EvidenceRelease)
class EvidenceReleaseAdmin(SimpleHistoryAdmin):
    """Publishing a release: a new version label, its date, and a note of what changed. The release with the
    latest date is the current one, shown in the footer of every page and on every summary."""

    list_display = ("version", "released_on", "reviewed_on", "current", "what_changed", "created")
    search_fields = ("version", "note")
    readonly_fields = ("created",)
    fieldsets = (
        (
            None,
            {
                "description": (
                    "Saving a new release publishes it: from then on every page and every new summary shows its "
                    "version and dates. Give it a new version label and a date no earlier than the current "
                    "release's, and say what changed."
                ),
                "fields": ("version", "released_on", "reviewed_on", "note", "created"),
            },
        ),
    )

    def get_queryset(self, request):
        latest = EvidenceRelease.objects.order_by("-released_on", "-created").values("pk")[:1]
        return super().get_queryset(request).annotate(current_pk=Subquery(latest))

    @admin.display(boolean=True, description="Current")
    def current(self, obj):
        return obj.pk == obj.current_pk

    @admin.display(description="What changed")
    def what_changed(self, obj):
        return Truncator(obj.note).chars(100)

    def get_changeform_initial_data(self, request):
        today = timezone.localdate()
        return {"released_on": today, "reviewed_on": today, **super().get_changeform_initial_data(request)}

    def changelist_view(self, request, extra_context=None):
        context = {"current_release": EvidenceRelease.current(), "rows_due": rows_due_for_review()}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and EvidenceRelease.current() == obj:
            self.message_user(
                request,
                f"Evidence version {obj.version} is published: every page and every new summary now shows it.",
                messages.SUCCESS,
            )
