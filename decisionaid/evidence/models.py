"""The evidence base: every number the app shows is a row here that names its source.

The texts people read have an English and a Norwegian column each (translation.py registers them, and there the
history of these models is registered too, after the language columns exist, so that it keeps both).

Models stay thin: validation lives in `validation.py` (shared by forms and `clean`), and the database
enforces the same rules as CHECK constraints so that no path can store an impossible figure.
"""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from . import review, thresholds, validation
from .choices import (
    FACT_PROVENANCE,
    Check,
    ComparisonKind,
    Design,
    Effect,
    Estimate,
    FigureKind,
    Outcome,
    ParticipantsKind,
    Provenance,
    Regimen,
    Sex,
    StatementTopic,
    TrialStatus,
    subtype_group_for,
)

PER_100 = dict(max_digits=6, decimal_places=2, null=True, blank=True)


class ReviewedQuerySet(models.QuerySet):
    def due_for_review(self, *, today=None):
        """Rows never reviewed, or not reviewed within the review interval."""
        return self.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=review.cutoff(today=today)))


class Reviewed(models.Model):
    """Who last checked a row against its source, and when; and whether its last change awaits a second person.

    An edit in admin makes the row a draft (`is_draft`) and records who made it (`changed_by`). A reviewer who
    is not that person approves it (`approved_by`), and only then can a release include it. Rows written by the
    fixture loader are not drafts: the fixtures are reviewed where they are kept.
    """

    last_reviewed = models.DateField(null=True, blank=True, help_text="When this row was last checked against its source.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_draft = models.BooleanField(
        "Draft", default=False,
        help_text="Changed since a reviewer last approved it: no release can be published until it is approved.",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="last changed by",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    approved_on = models.DateTimeField(null=True, blank=True)

    objects = ReviewedQuerySet.as_manager()
    # Dates of things already done: none may lie in the future.
    past_dates: tuple[str, ...] = ("last_reviewed",)

    class Meta:
        abstract = True

    def row_errors(self) -> validation.Errors:
        return {}

    def clean(self):
        validation.raise_if_errors(
            validation.merged(validation.future_date_errors(self, self.past_dates), self.row_errors())
        )


class CleanReportsConstraints:
    """clean() reports these rules against their fields; skip the constraints' generic, field-less copies."""

    fields_checked_in_clean: frozenset[str] = frozenset()

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) | self.fields_checked_in_clean)


class Source(CleanReportsConstraints, Reviewed):
    key = models.SlugField(max_length=80, unique=True, help_text="Stable identifier used by the fixtures.")
    short_name = models.CharField(max_length=120, help_text='How pages name it, e.g. "Silfverberg 2024".')
    title = models.TextField(blank=True)
    authors = models.TextField(blank=True)
    journal = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    citation = models.TextField(help_text="The full citation as printed on the clinician handout.")
    doi = models.CharField("DOI", max_length=120, blank=True)
    pmid = models.CharField("PMID", max_length=20, blank=True)
    registry_id = models.CharField("Registry id", max_length=60, blank=True, help_text="NCT or ISRCTN number.")
    url = models.URLField(max_length=500, blank=True, help_text="Where the figures were confirmed.")
    design = models.CharField(max_length=30, choices=Design.choices)
    n_patients = models.PositiveIntegerField("Number of patients", null=True, blank=True)
    country = models.CharField(max_length=200, blank=True)
    population = models.TextField(blank=True)
    conditioning = models.CharField("Conditioning regimen", max_length=300, blank=True)
    follow_up = models.CharField(max_length=200, blank=True)
    provenance = models.CharField(max_length=4, choices=Provenance.choices)
    provenance_note = models.TextField(blank=True, help_text="What was confirmed where, and any correction.")
    used_for = models.TextField(blank=True, help_text="What the app takes from this source.")
    same_cohort_as = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="other_reports",
        help_text="Another report of the same people (or very probably of many of the same people). Their figures "
        "are then one study, not independent ones: ranges and study counts count them once.",
    )
    cohort_note = models.TextField(
        blank=True, help_text='How the two reports are related, e.g. "the same 364 people" or "very probably the same '
        'women: same centre and years".'
    )

    fields_checked_in_clean = validation.SOURCE_FIELDS_CHECKED_IN_CLEAN

    class Meta:
        ordering = ["short_name"]
        constraints = [
            models.CheckConstraint(
                name="source_has_identifier_or_url",
                condition=~Q(doi="", pmid="", registry_id="", url=""),
                violation_error_message="A source needs a DOI, PMID, registry id or URL.",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    def row_errors(self):
        self.doi, self.pmid = validation.normalise_doi(self.doi), validation.normalise_pmid(self.pmid)
        return validation.source_errors(self)


def _ci_contains(low: str, value: str, high: str) -> Q:
    return Q(**{f"{low}__isnull": True}) | Q(**{f"{value}__isnull": True}) | Q(
        **{f"{low}__lte": F(value), f"{high}__gte": F(value)}
    )


def _in_0_100(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100})


def _num_le_den(num: str, den: str) -> Q:
    return Q(**{f"{num}__isnull": True}) | Q(**{f"{den}__isnull": True}) | Q(**{f"{num}__lte": F(den)})


class PublishedFigureQuerySet(ReviewedQuerySet):
    def published(self):
        return self.filter(is_published=True, provenance__in=FACT_PROVENANCE)


class Figure(CleanReportsConstraints, Reviewed):
    """A benefit, a risk or a practical fact, as one source reports it."""

    key = models.SlugField(max_length=80, unique=True, help_text="Stable identifier used by the fixtures.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures")
    kind = models.CharField(max_length=10, choices=FigureKind.choices)
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    label_plain = models.CharField("Plain-language label", max_length=300)
    label_technical = models.CharField("Technical label", max_length=300)

    arm = models.CharField(max_length=120, blank=True, help_text='The group this figure describes, e.g. "aHSCT (Cy/ATG)".')
    arm_plain = models.CharField(
        "Group in plain words", max_length=120, blank=True,
        help_text='The group as a person reads it, without regimen names, e.g. "with the milder chemotherapy". '
        "Needed when the figure is one group of a comparison.",
    )
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    per_100 = models.DecimalField("Value per 100", **PER_100)
    per_100_computed = models.BooleanField(
        "Per 100 computed by us", default=False, help_text="Arithmetic on published counts, not a published figure."
    )
    ci_low = models.DecimalField("Uncertainty range, low", **PER_100)
    ci_high = models.DecimalField("Uncertainty range, high", **PER_100)
    ci_level = models.PositiveSmallIntegerField(
        "Confidence level (%)", null=True, blank=True, validators=[MinValueValidator(50), MaxValueValidator(99)]
    )
    estimate = models.CharField("Kind of estimate", max_length=30, choices=Estimate.choices)
    amount = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="For practical facts not per 100, e.g. 17 days."
    )
    amount_unit = models.CharField(max_length=40, blank=True)
    amount_range = models.CharField(max_length=60, blank=True, help_text='Observed range, e.g. "14–26".')

    time_point = models.CharField(max_length=80, help_text='As plain words, e.g. "5 years".')
    time_point_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For comparing figures over the same time frame; empty when not fixed."
    )
    population = models.TextField()
    # Which MS types the population included: how closely it resembles a person is judged from these.
    includes_rrms = models.BooleanField("Included relapsing-remitting MS", default=False)
    includes_spms = models.BooleanField("Included secondary progressive MS", default=False)
    includes_ppms = models.BooleanField(
        "Included primary progressive MS", default=False,
        help_text="Tick the progressive types the source says were included; both when it says only "
        "\"progressive MS\" without splitting them.",
    )
    includes_other_diseases = models.BooleanField(
        "Included other autoimmune diseases", default=False, help_text="The study was not only about MS."
    )
    treatment_naive_population = models.BooleanField(
        "People had had no MS treatment before", default=False,
        help_text="The study's people had not taken any disease-modifying treatment before aHSCT.",
    )
    edss_typical = models.DecimalField(
        "Typical EDSS before treatment", max_digits=4, decimal_places=2, null=True, blank=True,
        help_text="The median (or mean) EDSS of the study's people before treatment, when the source gives it.",
    )
    sex = models.CharField(max_length=6, choices=Sex.choices, default=Sex.ANY)
    age_min = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Youngest age in the population, if known.")
    age_max = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Oldest age in the population, if known.")
    edss_min = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    edss_max = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    regimen = models.CharField(max_length=12, choices=Regimen.choices, default=Regimen.NOT_STATED)

    comparator_label = models.CharField(max_length=120, blank=True, help_text='e.g. "Continued drug treatment".')
    comparator_label_plain = models.CharField(
        "Comparator in plain words", max_length=120, blank=True,
        help_text='The comparison group as a person reads it, without regimen names, e.g. "other MS drugs".',
    )
    comparator_numerator = models.PositiveIntegerField(null=True, blank=True)
    comparator_denominator = models.PositiveIntegerField(null=True, blank=True)
    comparator_per_100 = models.DecimalField("Comparator value per 100", **PER_100)
    comparison_note = models.CharField(max_length=200, blank=True, help_text='e.g. "HR 0.07 (95% CI 0.02–0.24)".')
    comparison_kind = models.CharField(
        max_length=12, choices=ComparisonKind.choices, blank=True,
        help_text="What the comparison group is: another MS treatment, another aHSCT regimen, or the same people before.",
    )
    companion = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Another figure of the same study that is always shown with this one, e.g. the other half of "
        "one finding (underactive and overactive thyroid).",
    )

    provenance = models.CharField(max_length=4, choices=Provenance.choices)
    correction_note = models.TextField(blank=True, help_text="For [S≠C]: what the source article said, and the correction.")
    is_published = models.BooleanField(default=True, help_text="Shown to people. [NC] figures can never be published.")
    display_order = models.PositiveSmallIntegerField(default=100)

    objects = PublishedFigureQuerySet.as_manager()
    fields_checked_in_clean = validation.FIGURE_FIELDS_CHECKED_IN_CLEAN

    class Meta:
        ordering = ["kind", "display_order", "key"]
        constraints = [
            models.CheckConstraint(name="figure_numerator_le_denominator", condition=_num_le_den("numerator", "denominator")),
            models.CheckConstraint(name="figure_denominator_positive", condition=Q(denominator__isnull=True) | Q(denominator__gt=0)),
            models.CheckConstraint(name="figure_per_100_in_range", condition=_in_0_100("per_100")),
            models.CheckConstraint(name="figure_ci_in_range", condition=_in_0_100("ci_low") & _in_0_100("ci_high")),
            models.CheckConstraint(
                name="figure_ci_both_or_neither",
                condition=Q(ci_low__isnull=True, ci_high__isnull=True) | Q(ci_low__isnull=False, ci_high__isnull=False),
            ),
            models.CheckConstraint(name="figure_ci_contains_value", condition=_ci_contains("ci_low", "per_100", "ci_high")),
            models.CheckConstraint(
                name="figure_comparator_numerator_le_denominator",
                condition=_num_le_den("comparator_numerator", "comparator_denominator"),
            ),
            models.CheckConstraint(
                name="figure_comparator_denominator_positive",
                condition=Q(comparator_denominator__isnull=True) | Q(comparator_denominator__gt=0),
            ),
            models.CheckConstraint(name="figure_comparator_per_100_in_range", condition=_in_0_100("comparator_per_100")),
            models.CheckConstraint(
                name="figure_has_a_value", condition=Q(per_100__isnull=False) | Q(amount__isnull=False)
            ),
            models.CheckConstraint(
                name="figure_not_confirmed_never_published",
                condition=~Q(is_published=True, provenance=Provenance.NOT_CONFIRMED),
            ),
            models.CheckConstraint(
                name="figure_published_only_as_fact",
                condition=Q(is_published=False) | Q(provenance__in=FACT_PROVENANCE),
            ),
            models.CheckConstraint(
                name="figure_edss_range",
                condition=(Q(edss_min__isnull=True) | Q(edss_min__gte=0, edss_min__lte=10))
                & (Q(edss_max__isnull=True) | Q(edss_max__gte=0, edss_max__lte=10)),
            ),
            models.CheckConstraint(
                name="figure_population_has_a_type",
                condition=Q(includes_rrms=True) | Q(includes_spms=True) | Q(includes_ppms=True)
                | Q(includes_other_diseases=True),
            ),
            models.CheckConstraint(
                name="figure_edss_typical_range",
                condition=Q(edss_typical__isnull=True) | Q(edss_typical__gte=0, edss_typical__lte=10),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label_technical} ({self.source.short_name}, {self.time_point})"

    @property
    def shown_as_fact(self) -> bool:
        return self.is_published and self.provenance in FACT_PROVENANCE

    @property
    def subtype_group(self) -> str:
        return subtype_group_for(
            rrms=self.includes_rrms, spms=self.includes_spms, ppms=self.includes_ppms,
            other_diseases=self.includes_other_diseases,
        )

    def row_errors(self):
        return validation.figure_errors(self)


class Caveat(CleanReportsConstraints, Reviewed):
    """Context that changes what a figure means, shown with it wherever it appears (e.g. what the comparison
    group of a trial took, or that a study did not say how many women tried to become pregnant)."""

    key = models.SlugField(max_length=80, unique=True, help_text="Stable identifier used by the fixtures.")
    figures = models.ManyToManyField(Figure, related_name="caveats", help_text="The figures it is shown with.")
    text_plain = models.TextField(help_text="One or two plain sentences, as a person reads them beside the figure.")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="caveats", help_text="Where the caveat is stated."
    )
    provenance = models.CharField(max_length=4, choices=Provenance.choices)
    is_published = models.BooleanField(default=True, help_text="Shown to people. [NC] caveats can never be published.")
    display_order = models.PositiveSmallIntegerField(default=100)

    fields_checked_in_clean = frozenset({"is_published", "provenance"})

    class Meta:
        ordering = ["display_order", "key"]
        constraints = [
            models.CheckConstraint(
                name="caveat_not_confirmed_never_published",
                condition=~Q(is_published=True, provenance=Provenance.NOT_CONFIRMED),
            ),
            models.CheckConstraint(
                name="caveat_published_only_as_fact",
                condition=Q(is_published=False) | Q(provenance__in=FACT_PROVENANCE),
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def row_errors(self):
        return validation.caveat_errors(self)


class Guideline(Reviewed):
    key = models.SlugField(max_length=40, unique=True, help_text="ebmt-2020, nmss-2021, ectrims-ebmt-2025.")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="guidelines")
    summary_plain = models.TextField(help_text="One or two plain sentences on who the guideline describes.")
    confidence_note = models.TextField(help_text="Shown to users: how we know the thresholds.")
    known_through = models.CharField(
        max_length=300, blank=True, help_text='e.g. "as summarised by the MS Society UK".'
    )
    display_order = models.PositiveSmallIntegerField(default=100)


    class Meta:
        ordering = ["display_order", "key"]

    def __str__(self) -> str:
        return self.short_name


class GuidelineCriterion(Reviewed):
    """One criterion of a guideline: a named check from the catalogue, with its threshold as data."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(max_length=40)
    order = models.PositiveSmallIntegerField(default=1)
    check_name = models.CharField("Check", max_length=40, choices=Check.choices)
    threshold = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True,
        help_text="Years, EDSS points or relapses, by check (see how the check uses it). The label and the words "
        "for patients must name it; changing it changes the number in them.",
    )
    not_met_effect = models.CharField(
        max_length=10, choices=Effect.choices, default=Effect.BORDERLINE,
        help_text="For threshold checks: what a criterion not met does to the verdict.",
    )
    label_plain = models.CharField(max_length=200)
    label_technical = models.CharField(max_length=200)
    threshold_plain = models.CharField(max_length=200, help_text='How the threshold reads to a person, e.g. "under 45".')
    guideline_text = models.TextField(blank=True, help_text="What the guideline (or its summary) says, quoted.")


    class Meta:
        ordering = ["guideline", "order"]
        verbose_name_plural = "guideline criteria"
        constraints = [
            models.UniqueConstraint(fields=["guideline", "key"], name="criterion_key_unique_per_guideline"),
        ]

    def __str__(self) -> str:
        return f"{self.guideline.short_name}: {self.label_technical}"

    def row_errors(self):
        if not self._state.adding:
            previous = GuidelineCriterion.objects.filter(pk=self.pk).values_list("threshold", flat=True).first()
            # A new threshold carries its words with it ("under 45" becomes "under 50"); admin says so.
            self.reworded = thresholds.reword_for_new_threshold(self, previous_threshold=previous)
        return validation.criterion_errors(self)


class Treatment(Reviewed):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, help_text="Generic name.")
    brand_names = models.CharField(max_length=200, blank=True)
    plain_group = models.CharField(max_length=80, help_text='How the questionnaire groups it, e.g. "Infusions".')
    how_taken = models.CharField(max_length=120, blank=True)
    high_efficacy = models.BooleanField(default=False, help_text="Counts as a high-efficacy treatment in the guideline checks.")
    display_order = models.PositiveSmallIntegerField(default=100)


    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class Trial(CleanReportsConstraints, Reviewed):
    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    registry_id = models.CharField(max_length=120, blank=True)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="trials")
    design = models.CharField(max_length=200)
    ahsct_arm = models.CharField("aHSCT arm", max_length=200)
    comparator = models.CharField(max_length=200)
    size = models.CharField(max_length=200, help_text="Target and actual numbers, as published.")
    countries = models.CharField(max_length=200)
    key_eligibility = models.TextField()
    primary_endpoint = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=30, choices=TrialStatus.choices)
    status_as_of = models.CharField(
        max_length=120, help_text='When the status was true, in words as exact as the source allows, e.g. "25 June 2025".'
    )
    status_read_on = models.DateField(
        null=True, blank=True, help_text="The exact date of the record the status was read from, when the source gives one."
    )
    status_source = models.CharField(max_length=300, help_text="Where the status was read.")
    status_known_on = models.DateField(
        help_text="The latest date the status is known to have held: the record's date, or the first day of the "
        "month or year the source gives. A status older than 12 months is shown with a warning."
    )
    participants = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people: the number that took part, or else the planned number."
    )
    participants_kind = models.CharField(max_length=10, choices=ParticipantsKind.choices, blank=True)
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    edss_max = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    relapsing_only = models.BooleanField(default=True)
    accepts_treatment_naive = models.BooleanField(default=False)
    provenance = models.CharField(max_length=4, choices=Provenance.choices, default=Provenance.CONFIRMED)
    display_order = models.PositiveSmallIntegerField(default=100)

    fields_checked_in_clean = validation.TRIAL_FIELDS_CHECKED_IN_CLEAN

    class Meta:
        ordering = ["display_order", "name"]
        constraints = [
            models.CheckConstraint(
                name="trial_age_range",
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=F("age_max")),
            ),
            models.CheckConstraint(
                name="trial_edss_range", condition=Q(edss_max__isnull=True) | Q(edss_max__gte=0, edss_max__lte=10)
            ),
            models.CheckConstraint(
                name="trial_participants_kind_with_number",
                condition=Q(participants__isnull=True, participants_kind="")
                | Q(participants__isnull=False) & ~Q(participants_kind=""),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    past_dates = ("last_reviewed", "status_read_on", "status_known_on")

    def row_errors(self):
        previous = None if self._state.adding else Trial.objects.filter(pk=self.pk).first()
        return validation.trial_errors(self, previous=previous)



class Statement(CleanReportsConstraints, Reviewed):
    """A dated statement of one source, shown in words that name the source and its date: what a guideline says
    about where aHSCT should be done, how it is offered in Norway, or an estimate that only one source gives.

    Its own small model rather than a Caveat: a caveat belongs to figures and is shown as fact, while a statement
    stands alone and may be an [S] estimate, which is shown only attributed ("The Norwegian review of 2024
    estimates ..."), never as a fact of ours.
    """

    key = models.SlugField(max_length=80, unique=True, help_text="Stable identifier used by the fixtures.")
    topic = models.CharField(max_length=20, choices=StatementTopic.choices)
    text_plain = models.TextField(
        help_text="One to three plain sentences. An [S] statement must name its source and date in the text itself, "
        'e.g. "The Norwegian review of 2024 estimates ...".'
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="statements")
    stated_on = models.DateField(
        help_text="When the source said it: the page's or article's date, or the first day of the month or year "
        "it gives. A statement older than 12 months is due for review like every row."
    )
    stated_on_words = models.CharField(
        "Date in words", max_length=80, help_text='As exact as the source allows, e.g. "March 2024" or "14 March 2016".'
    )
    provenance = models.CharField(max_length=4, choices=Provenance.choices)
    is_published = models.BooleanField(default=True, help_text="Shown to people. [NC] statements can never be published.")
    display_order = models.PositiveSmallIntegerField(default=100)

    fields_checked_in_clean = frozenset({"is_published", "provenance"})
    past_dates = ("last_reviewed", "stated_on")

    class Meta:
        ordering = ["topic", "display_order", "key"]
        constraints = [
            models.CheckConstraint(
                name="statement_not_confirmed_never_published",
                condition=~Q(is_published=True, provenance=Provenance.NOT_CONFIRMED),
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def row_errors(self):
        return validation.attributed_text_errors(self, "statement")


class Passage(CleanReportsConstraints, Reviewed):
    """A paragraph of evidence in words, for what has no figure we could confirm: what the treatment is like
    according to a review, or what a study compared without numbers we could check. Shown where its key says."""

    key = models.SlugField(max_length=80, unique=True, help_text="Where it is shown, e.g. \"what-it-is-like\".")
    title = models.CharField(max_length=200, help_text="What it is about, for editors.")
    text_plain = models.TextField(help_text="The paragraph as a person reads it: plain words, says where it comes from.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="passages")
    provenance = models.CharField(max_length=4, choices=Provenance.choices)
    is_published = models.BooleanField(default=True, help_text="Shown to people. [NC] passages can never be published.")
    display_order = models.PositiveSmallIntegerField(default=100)

    fields_checked_in_clean = frozenset({"is_published", "provenance"})

    class Meta:
        ordering = ["display_order", "key"]
        constraints = [
            models.CheckConstraint(
                name="passage_not_confirmed_never_published",
                condition=~Q(is_published=True, provenance=Provenance.NOT_CONFIRMED),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def row_errors(self):
        return validation.attributed_text_errors(self, "passage")


class EvidenceRelease(models.Model):
    """A published version of the evidence base; every assessment and summary carries the current one."""

    version = models.CharField(max_length=40, unique=True)
    released_on = models.DateField()
    reviewed_on = models.DateField(help_text="When the evidence in this release was last reviewed as a whole.")
    note = models.TextField(help_text="What changed in this release.")
    created = models.DateTimeField(auto_now_add=True)
    # The published evidence frozen when the release was made (decisionaid/evidence/releases.py); never changed.
    snapshot = models.JSONField(null=True, editable=False)
    snapshot_digest = models.CharField(max_length=64, blank=True, editable=False)

    # The note's language columns (translation.py) come after the history is made: its history keeps the note
    # as written in English.
    history = HistoricalRecords(excluded_fields=["snapshot", "note_en_gb", "note_nb"])

    class Meta:
        ordering = ["-released_on", "-created"]
        get_latest_by = ["released_on", "created"]
        permissions = [("approve_evidence", "Can approve another person's evidence changes for release")]

    def __str__(self) -> str:
        return f"{self.version} ({self.released_on:%d %B %Y})"

    @classmethod
    def current(cls):
        return cls.objects.defer("snapshot").order_by("-released_on", "-created").first()

    def save(self, *args, **kwargs):
        if self._state.adding and self.snapshot is None:
            from .releases import take_snapshot

            self.snapshot, self.snapshot_digest = take_snapshot()
        elif not self._state.adding and kwargs.get("update_fields") is None:
            # Frozen: later saves (a typo in the note) never touch what was released.
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in {"snapshot", "snapshot_digest"}
            ]
        super().save(*args, **kwargs)

    def clean(self):
        others = EvidenceRelease.objects.exclude(pk=self.pk)
        published_before = others if self._state.adding else others.filter(created__lt=self.created)
        previous = published_before.order_by("-released_on", "-created").first()
        same_label = others.filter(version__iexact=self.version).exclude(version=self.version).first()
        from .workflow import drafts_refusal

        waiting = drafts_refusal() if self._state.adding else None
        validation.raise_if_errors(
            validation.merged(
                {"__all__": [waiting]} if waiting else {},
                validation.future_date_errors(self, ("released_on", "reviewed_on")),
                validation.release_errors(self, previous=previous, same_label=same_label),
            )
        )


# Every kind of evidence row: each is edited as a draft, approved by a second person, and frozen in releases.
EVIDENCE_MODELS = (Source, Figure, Caveat, Guideline, GuidelineCriterion, Treatment, Trial, Statement, Passage)
