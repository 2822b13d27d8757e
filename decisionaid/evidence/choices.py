"""Vocabularies shared by the evidence models, the fixtures and the assessment."""
from django.db import models


class Provenance(models.TextChoices):
    """How a figure or source was checked (EVIDENCE.md section 0)."""

    CONFIRMED = "C", "[C] confirmed in a primary source"
    SEED_CONFIRMED = "S=C", "[S=C] in a source article and confirmed"
    SEED_ONLY = "S", "[S] only in a source article"
    CORRECTED = "S!=C", "[S≠C] source article was wrong; corrected value"
    NOT_CONFIRMED = "NC", "[NC] not confirmed"


# Only these may be shown to a person as facts ([S≠C] rows hold the corrected value).
FACT_PROVENANCE = (Provenance.CONFIRMED, Provenance.SEED_CONFIRMED, Provenance.CORRECTED)


class Design(models.TextChoices):
    RCT = "rct", "Randomised controlled trial"
    SINGLE_ARM_TRIAL = "single_arm_trial", "Single-arm trial"
    COHORT = "cohort", "Cohort study"
    REGISTRY = "registry", "Registry study"
    COMPARATIVE = "comparative", "Comparative observational study"
    META_ANALYSIS = "meta_analysis", "Meta-analysis"
    CASE_SERIES = "case_series", "Case series"
    SURVEY = "survey", "Survey"
    GUIDELINE = "guideline", "Guideline or consensus"
    REVIEW = "review", "Expert review or perspective"
    PRACTICE = "practice", "Clinical practice document"


class FigureKind(models.TextChoices):
    BENEFIT = "benefit", "Benefit"
    RISK = "risk", "Risk"
    PRACTICAL = "practical", "Practical fact"


class Outcome(models.TextChoices):
    """What a figure measures; the assessment picks its key figures by outcome."""

    NEDA = "neda", "No evidence of disease activity"
    RELAPSE_FREE = "relapse_free", "Relapse-free"
    MRI_ACTIVITY_FREE = "mri_activity_free", "Free of new MRI activity"
    PROGRESSION_FREE = "progression_free", "Progression-free"
    EVENT_FREE = "event_free", "Event-free"
    DISABILITY_IMPROVED = "disability_improved", "Disability improved"
    DISABILITY_STABLE = "disability_stable", "Disability stable"
    DISABILITY_WORSENED = "disability_worsened", "Disability worsened"
    TREATMENT_FAILURE = "treatment_failure", "Treatment failure"
    WORKING = "working", "Working full-time"
    DEATH_100_DAYS = "death_100_days", "Death within 100 days (treatment-related mortality)"
    DEATH = "death", "Death during the study"
    FEBRILE_NEUTROPENIA = "febrile_neutropenia", "Febrile neutropenia"
    SEVERE_ADVERSE_EVENT = "severe_adverse_event", "Severe (grade 3 or higher) adverse event"
    VIRAL_REACTIVATION = "viral_reactivation", "Virus reactivation"
    HERPES_ZOSTER = "herpes_zoster", "Shingles (herpes zoster)"
    THYROID = "thyroid", "Thyroid disease"
    SECONDARY_AUTOIMMUNE = "secondary_autoimmune", "Other autoimmune disease"
    ITP = "itp", "Immune thrombocytopenia"
    OVARIAN_FAILURE = "ovarian_failure", "Periods stopped for more than a year (signs of early menopause)"
    MENSES_NOT_RECOVERED = "menses_not_recovered", "Periods did not come back"
    MENSES_RECOVERED = "menses_recovered", "Periods came back"
    PREGNANCY = "pregnancy", "Became pregnant after treatment"
    HOSPITAL_STAY = "hospital_stay", "Time in hospital"
    OTHER = "other", "Other"


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
    COUNT = "count", "Count of people"
    KAPLAN_MEIER = "kaplan_meier", "Kaplan–Meier estimate"
    POOLED = "pooled", "Pooled estimate (meta-analysis)"
    CUMULATIVE_INCIDENCE = "cumulative_incidence", "Cumulative incidence"
    PERCENTAGE = "percentage", "Published percentage"
    MEAN = "mean", "Mean"


class SubtypeGroup(models.TextChoices):
    """Which people a study population describes, in one word; derived from the MS types it included
    (`subtype_group_for`), never stored on its own."""

    RELAPSING = "relapsing", "Relapsing-remitting MS"
    SECONDARY_PROGRESSIVE = "spms", "Secondary progressive MS"
    PRIMARY_PROGRESSIVE = "ppms", "Primary progressive MS"
    PROGRESSIVE = "progressive", "Progressive MS"
    MIXED = "mixed", "Relapsing and progressive MS"
    AUTOIMMUNE = "autoimmune", "Several autoimmune diseases, not only MS"


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

    TREATMENT = "treatment", "Another MS treatment"
    REGIMEN = "regimen", "Another aHSCT regimen"
    BEFORE_AFTER = "before_after", "The same people before aHSCT"


class ParticipantsKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    ENROLLED = "enrolled", "Took part"


class Sex(models.TextChoices):
    ANY = "any", "Everyone"
    FEMALE = "female", "Women"
    MALE = "male", "Men"


class Regimen(models.TextChoices):
    CY_ATG = "cy_atg", "Cy/ATG (non-myeloablative)"
    BEAM_ATG = "beam_atg", "BEAM/ATG (myeloablative, intermediate intensity)"
    BU_CY_ATG = "bu_cy_atg", "Busulfan/Cy/ATG (high intensity)"
    MIXED = "mixed", "Mixed regimens"
    NOT_STATED = "not_stated", "Not stated"


class TrialStatus(models.TextChoices):
    RECRUITING = "recruiting", "Recruiting"
    ACTIVE_NOT_RECRUITING = "active_not_recruiting", "Active, not recruiting"
    COMPLETED = "completed", "Completed"
    TERMINATED = "terminated", "Terminated"
    UNKNOWN = "unknown", "Unknown"


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
