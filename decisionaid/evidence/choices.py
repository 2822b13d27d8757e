"""Vocabularies shared by the evidence models, the fixtures and the assessment."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provenance(models.TextChoices):
    """How a figure or source was checked (EVIDENCE.md section 0)."""

    CONFIRMED = "C", _("[C] confirmed in a primary source")
    SEED_CONFIRMED = "S=C", _("[S=C] in a source article and confirmed")
    SEED_ONLY = "S", _("[S] only in a source article")
    CORRECTED = "S!=C", _("[S≠C] source article was wrong; corrected value")
    NOT_CONFIRMED = "NC", _("[NC] not confirmed")


# Only these may be shown to a person as facts ([S≠C] rows hold the corrected value).
FACT_PROVENANCE = (Provenance.CONFIRMED, Provenance.SEED_CONFIRMED, Provenance.CORRECTED)


class Design(models.TextChoices):
    RCT = "rct", _("Randomised controlled trial")
    SINGLE_ARM_TRIAL = "single_arm_trial", _("Single-arm trial")
    COHORT = "cohort", _("Cohort study")
    REGISTRY = "registry", _("Registry study")
    COMPARATIVE = "comparative", _("Comparative observational study")
    META_ANALYSIS = "meta_analysis", _("Meta-analysis")
    CASE_SERIES = "case_series", _("Case series")
    SURVEY = "survey", _("Survey")
    GUIDELINE = "guideline", _("Guideline or consensus")
    REVIEW = "review", _("Expert review or perspective")
    PRACTICE = "practice", _("Clinical practice document")


class FigureKind(models.TextChoices):
    BENEFIT = "benefit", _("Benefit")
    RISK = "risk", _("Risk")
    PRACTICAL = "practical", _("Practical fact")


class Outcome(models.TextChoices):
    """What a figure measures; the assessment picks its key figures by outcome."""

    NEDA = "neda", _("No evidence of disease activity")
    RELAPSE_FREE = "relapse_free", _("Relapse-free")
    MRI_ACTIVITY_FREE = "mri_activity_free", _("Free of new MRI activity")
    PROGRESSION_FREE = "progression_free", _("Progression-free")
    EVENT_FREE = "event_free", _("Event-free")
    DISABILITY_IMPROVED = "disability_improved", _("Disability improved")
    DISABILITY_STABLE = "disability_stable", _("Disability stable")
    DISABILITY_WORSENED = "disability_worsened", _("Disability worsened")
    TREATMENT_FAILURE = "treatment_failure", _("Treatment failure")
    WORKING = "working", _("Working full-time")
    DEATH_100_DAYS = "death_100_days", _("Death within 100 days (treatment-related mortality)")
    DEATH = "death", _("Death during the study")
    FEBRILE_NEUTROPENIA = "febrile_neutropenia", _("Febrile neutropenia")
    SEVERE_ADVERSE_EVENT = "severe_adverse_event", _("Severe (grade 3 or higher) adverse event")
    VIRAL_REACTIVATION = "viral_reactivation", _("Virus reactivation")
    HERPES_ZOSTER = "herpes_zoster", _("Shingles (herpes zoster)")
    THYROID = "thyroid", _("Thyroid disease")
    SECONDARY_AUTOIMMUNE = "secondary_autoimmune", _("Other autoimmune disease")
    ITP = "itp", _("Immune thrombocytopenia")
    OVARIAN_FAILURE = "ovarian_failure", _("Periods stopped for more than a year (signs of early menopause)")
    MENSES_NOT_RECOVERED = "menses_not_recovered", _("Periods did not come back")
    MENSES_RECOVERED = "menses_recovered", _("Periods came back")
    PREGNANCY = "pregnancy", _("Became pregnant after treatment")
    HOSPITAL_STAY = "hospital_stay", _("Time in hospital")
    OTHER = "other", _("Other")


# Outcomes where the people counted had something bad happen (their icons use the harm colours, even when the
# figure shows a benefit of aHSCT, such as fewer people whose disability worsened than with drugs).
ADVERSE_OUTCOMES = frozenset(
    {
        "disability_worsened", "treatment_failure", "death_100_days", "death", "febrile_neutropenia",
        "severe_adverse_event", "viral_reactivation", "herpes_zoster", "thyroid", "secondary_autoimmune", "itp",
        "ovarian_failure", "menses_not_recovered",
    }
)


class Estimate(models.TextChoices):
    COUNT = "count", _("Count of people")
    KAPLAN_MEIER = "kaplan_meier", _("Kaplan–Meier estimate")
    POOLED = "pooled", _("Pooled estimate (meta-analysis)")
    CUMULATIVE_INCIDENCE = "cumulative_incidence", _("Cumulative incidence")
    PERCENTAGE = "percentage", _("Published percentage")
    MEAN = "mean", _("Mean")


class SubtypeGroup(models.TextChoices):
    """Which people a study population describes, in one word; derived from the MS types it included
    (`subtype_group_for`), never stored on its own."""

    RELAPSING = "relapsing", _("Relapsing-remitting MS")
    SECONDARY_PROGRESSIVE = "spms", _("Secondary progressive MS")
    PRIMARY_PROGRESSIVE = "ppms", _("Primary progressive MS")
    PROGRESSIVE = "progressive", _("Progressive MS")
    MIXED = "mixed", _("Relapsing and progressive MS")
    AUTOIMMUNE = "autoimmune", _("Several autoimmune diseases, not only MS")


def subtype_group_for(*, rrms: bool, spms: bool, ppms: bool, other_diseases: bool) -> str:
    """The one-word group of a population from the MS types it included."""
    if other_diseases:
        return SubtypeGroup.AUTOIMMUNE.value
    if rrms:
        return SubtypeGroup.MIXED.value if (spms or ppms) else SubtypeGroup.RELAPSING.value
    if spms and ppms:
        return SubtypeGroup.PROGRESSIVE.value
    if spms:
        return SubtypeGroup.SECONDARY_PROGRESSIVE.value
    if ppms:
        return SubtypeGroup.PRIMARY_PROGRESSIVE.value
    return SubtypeGroup.MIXED.value  # no type ticked: validation refuses it; treat as not known


class ComparisonKind(models.TextChoices):
    """What the comparison group of a figure is."""

    TREATMENT = "treatment", _("Another MS treatment")
    REGIMEN = "regimen", _("Another aHSCT regimen")
    BEFORE_AFTER = "before_after", _("The same people before aHSCT")


class ParticipantsKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ENROLLED = "enrolled", _("Took part")


class Sex(models.TextChoices):
    ANY = "any", _("Everyone")
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")


class Regimen(models.TextChoices):
    CY_ATG = "cy_atg", _("Cy/ATG (non-myeloablative)")
    BEAM_ATG = "beam_atg", _("BEAM/ATG (myeloablative, intermediate intensity)")
    BU_CY_ATG = "bu_cy_atg", _("Busulfan/Cy/ATG (high intensity)")
    MIXED = "mixed", _("Mixed regimens")
    NOT_STATED = "not_stated", _("Not stated")


class TrialStatus(models.TextChoices):
    RECRUITING = "recruiting", _("Recruiting")
    ACTIVE_NOT_RECRUITING = "active_not_recruiting", _("Active, not recruiting")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")
    UNKNOWN = "unknown", _("Unknown")


class Check(models.TextChoices):
    """The catalogue of guideline checks. The logic is code (decisionaid/assessment); thresholds are data."""

    SCOPE_RELAPSING_ONLY = "scope_relapsing_only", "Scope: relapsing MS only"
    SCOPE_PROGRESSIVE_IF_MRI_ACTIVE = (
        "scope_progressive_if_mri_active",
        "Scope: relapsing MS; progressive MS with MRI activity is borderline",
    )
    SCOPE_PROGRESSIVE_IF_RELAPSE_AND_MRI = (
        "scope_progressive_if_relapse_and_mri",
        "Scope: relapsing MS; progressive MS only with relapses and MRI activity",
    )
    HIGHLY_ACTIVE = "highly_active", "Activity: enough relapses, or a relapse plus MRI activity"
    BREAKTHROUGH_DESPITE_HE = "breakthrough_despite_he", "Breakthrough activity despite high-efficacy treatment"
    FAILED_HE_OR_PLATFORM = (
        "failed_he_or_platform",
        "Treatment failure: high-efficacy met, platform only borderline",
    )
    FAILED_HE_REQUIRED = "failed_he_required", "Treatment failure: at least one high-efficacy treatment"
    AGE_BELOW = "age_below", "Age below the threshold"
    EDSS_AT_MOST = "edss_at_most", "EDSS at or below the threshold"
    EDSS_BELOW = "edss_below", "EDSS below the threshold"
    DURATION_BELOW = "duration_below", "Years since first symptoms below the threshold"


class Effect(models.TextChoices):
    """What a criterion that is not met does to the guideline's verdict."""

    BORDERLINE = "borderline", "Borderline (may be considered, discuss)"
    OUTSIDE = "outside", "Outside (not described as a candidate)"


class StatementTopic(models.TextChoices):
    """Where a dated statement is shown (the page on treatment abroad or at a private clinic)."""

    CENTRES = "centres", "Where aHSCT should be done (guidelines and registry studies)"
    NORWAY = "norway", "Where aHSCT is offered in Norway"
    ABROAD = "abroad", "People who went abroad for aHSCT"
