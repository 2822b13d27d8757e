"""The named checks on their own: three-valued logic at the edges, with thresholds and catalogue as data."""
from decimal import Decimal

import pytest

from decisionaid.assessment import checks
from decisionaid.assessment.assess import ProfileError, assess, verdict_for
from decisionaid.assessment.checks import CHECKS, CriterionResult, aggressive, run_check
from decisionaid.assessment.evidence import CriterionData, Evidence, TreatmentData
from decisionaid.evidence.choices import Check

from .conftest import make_profile


def catalogue(*high_efficacy: str, platform: tuple[str, ...] = ("interferon-beta", "fingolimod")) -> Evidence:
    treatments = tuple(
        TreatmentData(slug=slug, name=slug.title(), brand_names="", plain_group="", how_taken="", high_efficacy=he)
        for slug, he in [(s, True) for s in high_efficacy] + [(s, False) for s in platform]
    )
    return Evidence(guidelines=(), figures=(), treatments=treatments, trials=(), release=None)


EVIDENCE = catalogue("natalizumab", "ocrelizumab")


def criterion(check: str, threshold=None, effect="borderline", key="c") -> CriterionData:
    return CriterionData(
        key=key,
        order=1,
        check_name=check,
        threshold=Decimal(str(threshold)) if threshold is not None else None,
        not_met_effect=effect,
        label_plain="label",
        label_technical="technical",
        threshold_plain="threshold in words",
    )


def run(check, threshold=None, effect="borderline", evidence=EVIDENCE, **answers) -> CriterionResult:
    return run_check(profile=make_profile(**answers), criterion=criterion(check, threshold, effect), evidence=evidence)


def test_every_check_in_the_vocabulary_has_a_function():
    assert set(CHECKS) == set(Check.values)


def test_an_unknown_check_name_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown check"):
        run("no_such_check")


def test_a_threshold_check_without_a_threshold_is_a_clear_error():
    with pytest.raises(ValueError, match="no threshold"):
        run(Check.AGE_BELOW)


@pytest.mark.parametrize(
    "relapses, worsened, result",
    [
        (2, "yes", True),
        (5, "yes", True),
        (1, "yes", False),
        (2, "no", False),
        (0, "unknown", False),  # fewer than 2 relapses: not aggressive whatever happened to disability
        (None, "no", False),  # disability did not worsen: not aggressive whatever the relapses
        (2, "unknown", None),
        (None, "yes", None),
        (None, "unknown", None),
    ],
)
def test_aggressive_is_two_relapses_and_worsened_disability(relapses, worsened, result):
    assert aggressive(make_profile(relapses_12m=relapses, disability_worsened_12m=worsened)) is result


# -- activity: the threshold is data -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "threshold, relapses, mri, result, effect",
    [
        (3, 2, "no", "not_met", "outside"),  # a stricter threshold from the data is respected
        (3, 2, "yes", "met", None),  # ... while a relapse plus MRI activity still counts
        (3, 3, "unknown", "met", None),
        (3, None, "no", "unknown", None),
        (1, 1, "no", "met", None),
    ],
)
def test_highly_active_reads_its_threshold(threshold, relapses, mri, result, effect):
    outcome = run(Check.HIGHLY_ACTIVE, threshold, relapses_12m=relapses, mri_activity_12m=mri)
    assert (outcome.result, outcome.effect) == (result, effect)


def test_activity_unknown_lists_only_the_answers_that_are_missing():
    assert run(Check.HIGHLY_ACTIVE, 2, relapses_12m=1, mri_activity_12m="unknown").missing == ("mri_activity_12m",)
    assert run(Check.HIGHLY_ACTIVE, 2, relapses_12m=None, mri_activity_12m="yes").missing == ("relapses_12m",)
    both = run(Check.HIGHLY_ACTIVE, 2, relapses_12m=None, mri_activity_12m="unknown")
    assert set(both.missing) == {"relapses_12m", "mri_activity_12m"}
    settled = run(Check.HIGHLY_ACTIVE, 2, relapses_12m=2, mri_activity_12m="unknown")
    assert (settled.result, settled.missing) == ("met", ())


# -- EDSS intervals -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "check, threshold, edss, walking, result",
    [
        (Check.EDSS_AT_MOST, "5.5", None, "unlimited", "met"),  # 0–4.0: all of it at most 5.5
        (Check.EDSS_AT_MOST, "3.0", None, "unlimited", "unknown"),  # 0–4.0 straddles 3.0
        (Check.EDSS_AT_MOST, "4.0", None, "500m", "met"),  # the top of the interval is included
        (Check.EDSS_BELOW, "4.0", None, "500m", "unknown"),  # ... but 4.0 is not below 4.0
        (Check.EDSS_BELOW, "6.0", None, "under_5m", "not_met"),  # 7.0–10: none of it below 6.0
        (Check.EDSS_AT_MOST, "8.0", None, "under_5m", "unknown"),
        (Check.EDSS_AT_MOST, "5.5", None, None, "unknown"),  # no EDSS and no walking range
        (Check.EDSS_BELOW, "6.0", "5.5", None, "met"),
        (Check.EDSS_BELOW, "6.0", "6.0", None, "not_met"),
        (Check.EDSS_AT_MOST, "5.5", "5.5", None, "met"),
    ],
)
def test_edss_is_an_interval(check, threshold, edss, walking, result):
    outcome = run(check, threshold, edss=edss, walking_range=walking)
    assert outcome.result == result
    assert outcome.effect == ("borderline" if result == "not_met" else None)
    assert outcome.approximate == (edss is None and walking is not None)
    assert outcome.missing == (("edss",) if result == "unknown" else ())


def test_threshold_checks_use_the_effect_the_data_gives():
    assert run(Check.AGE_BELOW, 45, effect="outside", age=60).effect == "outside"
    assert run(Check.DURATION_BELOW, 10, effect="outside", disease_duration_years=10).effect == "outside"
    assert run(Check.EDSS_BELOW, 6, effect="outside", edss=6.5).effect == "outside"


def test_threshold_values_are_compared_exactly():
    assert run(Check.DURATION_BELOW, 10, disease_duration_years=9.5).result == "met"
    assert run(Check.DURATION_BELOW, 10, disease_duration_years=10).result == "not_met"
    assert run(Check.AGE_BELOW, 45, age=44).result == "met"
    assert run(Check.AGE_BELOW, 45, age=45).result == "not_met"


# -- treatment checks read the catalogue's flag --------------------------------------------------------

def test_treatment_checks_read_high_efficacy_from_the_catalogue_not_from_names():
    custom = catalogue("fingolimod", platform=("natalizumab",))  # the opposite of the usual flags
    assert run(Check.FAILED_HE_REQUIRED, evidence=custom, dmts=["fingolimod"]).result == "met"
    assert run(Check.FAILED_HE_REQUIRED, evidence=custom, dmts=["natalizumab"]).result == "not_met"
    platform = run(Check.FAILED_HE_OR_PLATFORM, evidence=custom, dmts=["natalizumab"])
    assert (platform.result, platform.effect) == ("not_met", "borderline")
    assert "disagree" in platform.note
    breakthrough = run(Check.BREAKTHROUGH_DESPITE_HE, evidence=custom, dmts=["natalizumab"])
    assert (breakthrough.result, breakthrough.effect) == ("not_met", "outside")


def test_the_person_value_names_the_treatments_and_marks_high_efficacy_ones():
    value = run(Check.FAILED_HE_REQUIRED, dmts=["interferon-beta", "natalizumab"]).person_value
    assert value == "tried: Interferon-Beta, Natalizumab (high-efficacy)"
    assert run(Check.FAILED_HE_REQUIRED, dmts=[]).person_value == "no MS treatment tried yet"


def test_ectrims_first_line_trial_note_only_for_aggressive_treatment_naive_people():
    naive_aggressive = run(Check.FAILED_HE_REQUIRED, dmts=[], relapses_12m=2, disability_worsened_12m="yes")
    assert naive_aggressive.points_to_trials and naive_aggressive.note == checks.FIRST_LINE_TRIAL_NOTE
    for answers in (
        dict(dmts=[], relapses_12m=2, disability_worsened_12m="no"),
        dict(dmts=[], relapses_12m=2, disability_worsened_12m="unknown"),
        dict(dmts=["interferon-beta"], relapses_12m=3, disability_worsened_12m="yes"),
    ):
        outcome = run(Check.FAILED_HE_REQUIRED, **answers)
        assert not outcome.points_to_trials and not outcome.note
        assert (outcome.result, outcome.effect) == ("not_met", "outside")


def test_ebmt_aggressive_treatment_naive_is_the_exceptional_borderline_case():
    outcome = run(Check.FAILED_HE_OR_PLATFORM, dmts=[], relapses_12m=2, disability_worsened_12m="yes")
    assert (outcome.result, outcome.effect) == ("not_met", "borderline")
    assert "exceptional" in outcome.note
    unknown = run(Check.FAILED_HE_OR_PLATFORM, dmts=[], relapses_12m=2, disability_worsened_12m="unknown")
    assert (unknown.result, unknown.missing) == ("unknown", ("disability_worsened_12m",))


def test_nmss_contraindication_unknown_only_matters_without_a_high_efficacy_treatment():
    with_he = run(Check.BREAKTHROUGH_DESPITE_HE, dmts=["natalizumab"], high_efficacy_contraindicated=None)
    assert with_he.result == "met"
    without = run(Check.BREAKTHROUGH_DESPITE_HE, dmts=["fingolimod"], high_efficacy_contraindicated=None)
    assert (without.result, without.missing) == ("unknown", ("high_efficacy_contraindicated",))


# -- scope ---------------------------------------------------------------------------------------------

def test_subtype_unsure_makes_every_scope_check_unknown_and_says_which_answer():
    for check in (
        Check.SCOPE_RELAPSING_ONLY, Check.SCOPE_PROGRESSIVE_IF_MRI_ACTIVE, Check.SCOPE_PROGRESSIVE_IF_RELAPSE_AND_MRI
    ):
        outcome = run(check, subtype="unsure")
        assert (outcome.result, outcome.effect, outcome.missing) == ("unknown", None, ("subtype",))


def test_spms_answered_with_activity_gets_a_note_to_check_the_classification():
    outcome = run(Check.SCOPE_PROGRESSIVE_IF_MRI_ACTIVE, subtype="spms", relapses_12m=0, mri_activity_12m="yes")
    assert (outcome.result, outcome.effect) == ("not_met", "borderline")
    assert "active secondary progressive" in outcome.note
    ppms = run(Check.SCOPE_PROGRESSIVE_IF_MRI_ACTIVE, subtype="ppms", relapses_12m=0, mri_activity_12m="yes")
    assert not ppms.note


def test_results_carry_the_threshold_beside_the_person_value():
    outcome = run(Check.AGE_BELOW, 45, age=38)
    assert (outcome.person_value, outcome.threshold, outcome.threshold_value) == (
        "38 years old", "threshold in words", Decimal(45)
    )
    assert run(Check.HIGHLY_ACTIVE, 2, relapses_12m=1, mri_activity_12m="no").person_value == (
        "1 relapse in the last 12 months; new MRI activity in the last 12 months: no"
    )
    assert run(Check.HIGHLY_ACTIVE, 2, relapses_12m=None).person_value.startswith(
        "relapses in the last 12 months: not known"
    )
    assert run(Check.DURATION_BELOW, 10, disease_duration_years=None).person_value == (
        "years since first symptoms: not known"
    )


# -- the generic verdict rule ---------------------------------------------------------------------------

def _result(key, result, effect=None):
    return CriterionResult(key, 1, "x", "", "", "", result, effect, "", "")


@pytest.mark.parametrize(
    "results, verdict",
    [
        ([("met",), ("met",)], "meets"),
        ([("met",), ("not_met", "borderline")], "borderline"),
        ([("met",), ("unknown",)], "incomplete"),
        ([("not_met", "borderline"), ("unknown",)], "incomplete"),
        ([("unknown",), ("not_met", "outside")], "outside"),
        ([("not_met", "borderline"), ("not_met", "outside")], "outside"),
        ([], "incomplete"),  # a guideline with no criteria is never "meets"
    ],
)
def test_verdict_rule(results, verdict):
    got, _ = verdict_for(tuple(_result(f"c{i}", *r) for i, r in enumerate(results)))
    assert got == verdict


def test_unknown_treatments_are_refused_naming_the_slug():
    with pytest.raises(ProfileError) as error:
        assess(profile=make_profile(dmts=["natalizumab", "snake-oil"]), evidence=EVIDENCE)
    assert error.value.field == "dmts" and "snake-oil" in error.value.message
