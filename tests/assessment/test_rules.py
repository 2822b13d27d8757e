"""Every rule of GUIDELINE_RULES.md, checked against the real guideline rows (thresholds from the fixtures).

Expected results are worked out from the rules text, not copied from the implementation. Where the rules
leave a gap, the test names the decision taken (listed in the docstring of decisionaid/assessment/checks.py).
"""
import itertools
from decimal import Decimal

import pytest

from decisionaid.assessment.assess import assess, guideline_result
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.evidence.models import Treatment

from .conftest import IDEAL, make_profile

EBMT, NMSS, ECTRIMS = "ebmt-2020", "nmss-2021", "ectrims-ebmt-2025"
MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
B, O = "borderline", "outside"


def guideline(evidence, key, **changes):
    data = next(g for g in evidence.guidelines if g.key == key)
    return guideline_result(profile=make_profile(**changes), guideline=data, evidence=evidence)


def outcome(evidence, key, criterion, **changes):
    result = guideline(evidence, key, **changes)
    found = next(c for c in result.criteria if c.key == criterion)
    return found.result, found.effect


def expected(value):
    """Table shorthand: "met", "unknown", or an effect name for a criterion not met."""
    return (value, None) if value in (MET, UNKNOWN) else (NOT_MET, value)


def test_the_fixtures_hold_the_three_guidelines_with_the_criteria_the_rules_name(published_evidence):
    checks = {g.key: [(c.key, c.check_name, c.threshold) for c in g.criteria] for g in published_evidence.guidelines}
    assert set(checks) == {EBMT, NMSS, ECTRIMS}
    assert ("age", "age_below", Decimal(45)) in checks[EBMT]
    assert ("edss", "edss_at_most", Decimal("5.5")) in checks[EBMT]
    assert ("duration", "duration_below", Decimal(10)) in checks[EBMT]
    assert ("age", "age_below", Decimal(50)) in checks[NMSS]
    assert ("edss", "edss_below", Decimal("6.0")) in checks[ECTRIMS]
    # NMSS 2021 sets no EDSS limit; the app must not invent one.
    assert not [c for c in checks[NMSS] if c[1].startswith("edss")]


# -- criterion 1: scope ---------------------------------------------------------------------------------

SCOPE = [
    # subtype, relapses, MRI, EBMT, NMSS, ECTRIMS
    ("rrms", 0, "no", MET, MET, MET),
    ("spms_active", 0, "no", MET, MET, MET),
    # ppms with MRI activity: EBMT borderline; NMSS progressive outside; ECTRIMS needs relapse and MRI.
    ("ppms", 0, "yes", B, O, O),
    ("ppms", 1, "yes", B, O, MET),
    ("ppms", 2, "no", B, O, O),  # EBMT decision: a relapse is inflammatory activity too
    ("ppms", 0, "no", O, O, O),
    ("spms", 0, "no", O, O, O),
    ("spms", 0, "yes", B, O, O),  # EBMT decision: answered spms with MRI activity = progressive with activity
    ("spms", 1, "yes", B, O, MET),
    # Unknown answers that decide it.
    ("ppms", 0, "unknown", UNKNOWN, O, O),  # EBMT: borderline or outside; ECTRIMS: no relapse → outside anyway
    ("ppms", 1, "unknown", B, O, UNKNOWN),  # EBMT: the relapse already makes it "with activity"
    ("ppms", None, "yes", B, O, UNKNOWN),
    ("ppms", None, "no", UNKNOWN, O, O),  # ECTRIMS: no MRI activity → outside whatever the relapses
    ("unsure", 2, "yes", UNKNOWN, UNKNOWN, UNKNOWN),  # subtype unsure: scope is unknown in every guideline
    ("unsure", 0, "no", UNKNOWN, UNKNOWN, UNKNOWN),
]


@pytest.mark.parametrize("subtype, relapses, mri, ebmt, nmss, ectrims", SCOPE)
def test_scope(published_evidence, subtype, relapses, mri, ebmt, nmss, ectrims):
    answers = dict(subtype=subtype, relapses_12m=relapses, mri_activity_12m=mri)
    assert outcome(published_evidence, EBMT, "scope", **answers) == expected(ebmt)
    assert outcome(published_evidence, NMSS, "scope", **answers) == expected(nmss)
    assert outcome(published_evidence, ECTRIMS, "scope", **answers) == expected(ectrims)


# -- criterion 2: activity (EBMT and ECTRIMS share the rule) ---------------------------------------------

ACTIVITY = [
    (2, "no", MET),
    (3, "no", MET),
    (2, "unknown", MET),  # ≥2 relapses is enough whatever the MRI says
    (1, "yes", MET),
    (1, "no", O),
    (1, "unknown", UNKNOWN),  # met or outside
    (0, "yes", B),  # MRI activity only
    (0, "no", O),
    (0, "unknown", UNKNOWN),  # borderline or outside
    (None, "yes", UNKNOWN),  # met or borderline
    (None, "no", UNKNOWN),  # met (≥2) or outside
    (None, "unknown", UNKNOWN),
]


@pytest.mark.parametrize("relapses, mri, result", ACTIVITY)
@pytest.mark.parametrize("key", [EBMT, ECTRIMS])
def test_activity(published_evidence, key, relapses, mri, result):
    assert outcome(published_evidence, key, "activity", relapses_12m=relapses, mri_activity_12m=mri) == expected(result)


NMSS_BREAKTHROUGH = [
    # relapses, MRI, dmts, HE contraindicated, result
    (1, "no", ["natalizumab"], False, MET),
    (0, "yes", ["ocrelizumab"], False, MET),
    (0, "no", ["ocrelizumab"], False, O),  # no breakthrough activity
    (2, "yes", ["fingolimod"], False, O),  # activity, but no high-efficacy treatment
    (2, "yes", [], True, MET),  # high-efficacy treatments contraindicated
    (2, "yes", ["fingolimod"], None, UNKNOWN),  # depends on the contraindication answer
    (0, "no", ["fingolimod"], None, O),  # no activity, so outside whatever the contraindication
    (0, "unknown", ["natalizumab"], False, UNKNOWN),
    (None, "no", ["natalizumab"], False, UNKNOWN),
    (None, "yes", ["natalizumab"], False, MET),
    (None, "unknown", ["interferon-beta"], False, O),  # no high-efficacy treatment and not contraindicated
]


@pytest.mark.parametrize("relapses, mri, dmts, contraindicated, result", NMSS_BREAKTHROUGH)
def test_nmss_breakthrough(published_evidence, relapses, mri, dmts, contraindicated, result):
    answers = dict(relapses_12m=relapses, mri_activity_12m=mri, dmts=dmts, high_efficacy_contraindicated=contraindicated)
    assert outcome(published_evidence, NMSS, "breakthrough", **answers) == expected(result)


# -- criterion 3: treatment failure ------------------------------------------------------------------------

TREATMENT = [
    # dmts, relapses, disability worsened, EBMT, ECTRIMS
    (["natalizumab"], 2, "no", MET, MET),
    (["interferon-beta", "cladribine"], 2, "no", MET, MET),
    (["interferon-beta"], 2, "no", B, O),  # platform only: EBMT borderline (summaries disagree), ECTRIMS outside
    (["fingolimod", "dimethyl-fumarate"], 2, "no", B, O),
    (["mitoxantrone"], 2, "no", B, O),  # not high-efficacy in the catalogue
    ([], 2, "yes", B, O),  # aggressive and treatment-naive: EBMT exceptional cases
    ([], 3, "yes", B, O),
    ([], 2, "no", O, O),  # not aggressive: disability did not worsen
    ([], 1, "yes", O, O),  # not aggressive: fewer than 2 relapses
    ([], 2, "unknown", UNKNOWN, O),
    ([], None, "yes", UNKNOWN, O),
    ([], None, "no", O, O),
    ([], 0, "unknown", O, O),
]


@pytest.mark.parametrize("dmts, relapses, worsened, ebmt, ectrims", TREATMENT)
def test_treatment_failure(published_evidence, dmts, relapses, worsened, ebmt, ectrims):
    answers = dict(dmts=dmts, relapses_12m=relapses, disability_worsened_12m=worsened)
    assert outcome(published_evidence, EBMT, "treatment_failure", **answers) == expected(ebmt)
    assert outcome(published_evidence, ECTRIMS, "treatment_failure", **answers) == expected(ectrims)


def test_ectrims_points_aggressive_treatment_naive_people_to_trials(published_evidence):
    aggressive_naive = make_profile(dmts=[], relapses_12m=3, disability_worsened_12m="yes")
    result = assess(profile=aggressive_naive, evidence=published_evidence)
    ectrims = next(g for g in result.guidelines if g.key == ECTRIMS)
    failure = next(c for c in ectrims.criteria if c.key == "treatment_failure")
    assert (failure.result, failure.effect) == (NOT_MET, O)
    assert failure.points_to_trials and "clinical trial" in failure.note
    assert result.first_line_trial_note == failure.note
    assert any("trial" in q for q in result.questions)
    assert [m.trial.key for m in result.trials if m.fits] == ["starms"]  # the trial that takes treatment-naive people

    not_aggressive = assess(profile=make_profile(dmts=[], disability_worsened_12m="no"), evidence=published_evidence)
    assert not not_aggressive.first_line_trial_note


# -- criterion 4: best-evidence profile thresholds --------------------------------------------------------

THRESHOLDS = [
    # guideline, criterion, answers, result
    (EBMT, "age", dict(age=44), MET),
    (EBMT, "age", dict(age=45), B),
    (NMSS, "age", dict(age=49), MET),
    (NMSS, "age", dict(age=50), B),
    (ECTRIMS, "age", dict(age=44), MET),
    (ECTRIMS, "age", dict(age=56), B),
    (EBMT, "edss", dict(edss=5.5), MET),  # ≤ 5.5
    (EBMT, "edss", dict(edss=6.0), B),
    (ECTRIMS, "edss", dict(edss=5.5), MET),  # < 6.0
    (ECTRIMS, "edss", dict(edss=6.0), B),
    (EBMT, "edss", dict(edss=None), UNKNOWN),
    (ECTRIMS, "edss", dict(edss=None), UNKNOWN),
    (EBMT, "duration", dict(disease_duration_years=9.5), MET),
    (EBMT, "duration", dict(disease_duration_years=10), B),
    (NMSS, "duration", dict(disease_duration_years=10), B),
    (ECTRIMS, "duration", dict(disease_duration_years=0), MET),
    (NMSS, "duration", dict(disease_duration_years=None), UNKNOWN),
]


@pytest.mark.parametrize("key, criterion, answers, result", THRESHOLDS)
def test_thresholds(published_evidence, key, criterion, answers, result):
    assert outcome(published_evidence, key, criterion, **answers) == expected(result)


# -- EDSS from walking range --------------------------------------------------------------------------------

WALKING = [
    # walking range, approximate EDSS shown, EBMT (≤5.5), ECTRIMS (<6.0)
    ("unlimited", "4.0 or lower", MET, MET),
    ("500m", "4.0 or lower", MET, MET),
    ("300m", "4.5", MET, MET),
    ("200m", "5.0", MET, MET),
    ("100m", "5.5", MET, MET),
    ("100m_one_aid", "6.0", B, B),
    ("20m_two_aids", "6.5", B, B),
    ("under_5m", "7.0 or more", B, B),
]


@pytest.mark.parametrize("walking, shown, ebmt, ectrims", WALKING)
def test_walking_range_gives_an_approximate_edss(published_evidence, walking, shown, ebmt, ectrims):
    result = assess(profile=make_profile(edss=None, walking_range=walking), evidence=published_evidence)
    by_key = {g.key: g for g in result.guidelines}
    for key, wanted in ((EBMT, ebmt), (ECTRIMS, ectrims)):
        edss = next(c for c in by_key[key].criteria if c.key == "edss")
        assert (edss.result, edss.effect) == expected(wanted)
        assert edss.approximate
        assert edss.person_value == f"approximately EDSS {shown} (from walking range)"
    assert result.edss_approximate
    assert result.edss_value.startswith("approximately")
    assert any("EDSS" in q and "approximate" in q for q in result.questions)
    # NMSS has no EDSS criterion, so walking does not change its verdict.
    assert by_key[NMSS].verdict == "meets"


def test_an_exact_edss_wins_over_the_walking_range(published_evidence):
    result = assess(profile=make_profile(edss=3.0, walking_range="under_5m"), evidence=published_evidence)
    assert not result.edss_approximate
    edss = next(c for c in result.guidelines[0].criteria if c.key == "edss")
    assert (edss.result, edss.person_value, edss.approximate) == (MET, "EDSS 3.0", False)


# -- overall verdicts ---------------------------------------------------------------------------------------

VERDICTS = [
    # answers changed from the ideal profile, EBMT, NMSS, ECTRIMS
    (dict(), "meets", "meets", "meets"),
    (dict(age=47), "borderline", "meets", "borderline"),  # NMSS age limit is 50
    (dict(age=52), "borderline", "borderline", "borderline"),
    (dict(edss=7.0), "borderline", "meets", "borderline"),  # NMSS has no EDSS limit
    (dict(disease_duration_years=12), "borderline", "borderline", "borderline"),
    (dict(dmts=["interferon-beta"]), "borderline", "outside", "outside"),
    (dict(dmts=["interferon-beta"], high_efficacy_contraindicated=True), "borderline", "meets", "outside"),
    (dict(relapses_12m=0, mri_activity_12m="yes"), "borderline", "meets", "borderline"),
    (dict(relapses_12m=1, mri_activity_12m="no"), "outside", "meets", "outside"),
    (dict(relapses_12m=0, mri_activity_12m="no"), "outside", "outside", "outside"),
    # spms answered together with 2 relapses and MRI activity: EBMT progressive with activity (borderline);
    # ECTRIMS includes progressive MS with relapses and MRI activity, so every criterion is met.
    (dict(subtype="spms"), "borderline", "outside", "meets"),
    (dict(subtype="spms", relapses_12m=0, mri_activity_12m="no"), "outside", "outside", "outside"),
    (dict(subtype="ppms", relapses_12m=0, mri_activity_12m="yes"), "borderline", "outside", "outside"),
    # Unknown answers: incomplete, unless another criterion already says outside.
    (dict(disease_duration_years=None), "incomplete", "incomplete", "incomplete"),
    (dict(edss=None), "incomplete", "meets", "incomplete"),
    (dict(relapses_12m=1, mri_activity_12m="unknown"), "incomplete", "meets", "incomplete"),
    (dict(subtype="unsure"), "incomplete", "incomplete", "incomplete"),
    (dict(disease_duration_years=None, dmts=["interferon-beta"]), "incomplete", "outside", "outside"),
    (dict(edss=None, subtype="spms", relapses_12m=0, mri_activity_12m="no"), "outside", "outside", "outside"),
    (dict(high_efficacy_contraindicated=None, dmts=["fingolimod"]), "borderline", "incomplete", "outside"),
    # Unknown + borderline is still incomplete: the unknown answer could make it outside or leave it borderline.
    (dict(age=60, relapses_12m=1, mri_activity_12m="unknown"), "incomplete", "borderline", "incomplete"),
]


@pytest.mark.parametrize("changes, ebmt, nmss, ectrims", VERDICTS)
def test_verdicts(published_evidence, changes, ebmt, nmss, ectrims):
    result = assess(profile=make_profile(**changes), evidence=published_evidence)
    verdicts = {g.key: g.verdict for g in result.guidelines}
    assert verdicts == {EBMT: ebmt, NMSS: nmss, ECTRIMS: ectrims}


def test_incomplete_names_the_answers_to_ask_about(published_evidence):
    result = assess(
        profile=make_profile(relapses_12m=1, mri_activity_12m="unknown", disease_duration_years=None),
        evidence=published_evidence,
    )
    ebmt = next(g for g in result.guidelines if g.key == EBMT)
    assert ebmt.verdict == "incomplete"
    assert set(ebmt.deciding_criteria) == {"activity", "duration"}
    assert set(ebmt.missing) == {"mri_activity_12m", "disease_duration_years"}
    fields = {a.field: a for a in result.unknown_answers}
    assert set(fields) == {"mri_activity_12m", "disease_duration_years"}
    assert fields["mri_activity_12m"].guidelines == ("EBMT 2020", "ECTRIMS/EBMT 2025")
    for answer in fields.values():
        assert answer.decides and answer.question in result.questions


def test_an_unknown_answer_that_cannot_change_an_outside_verdict_is_still_asked_but_does_not_decide(
    published_evidence,
):
    result = assess(
        profile=make_profile(subtype="ppms", relapses_12m=0, mri_activity_12m="no", disease_duration_years=None),
        evidence=published_evidence,
    )
    assert {g.verdict for g in result.guidelines} == {"outside"}
    [answer] = result.unknown_answers
    assert (answer.field, answer.decides, answer.guidelines) == ("disease_duration_years", False, ())
    assert answer.question in result.questions


# -- an independent reading of the rules over a grid of profiles ---------------------------------------

def _direct(key, p):
    """The rules of GUIDELINE_RULES.md for a profile with every answer known, written out plainly."""
    relapsing = p["subtype"] in ("rrms", "spms_active")
    r, mri = p["relapses_12m"], p["mri_activity_12m"] == "yes"
    he = bool({"natalizumab", "ocrelizumab"} & set(p["dmts"]))
    aggressive = r >= 2 and p["disability_worsened_12m"] == "yes"
    activity = (MET, None) if r >= 2 or (r >= 1 and mri) else ((NOT_MET, B) if r == 0 and mri else (NOT_MET, O))

    def below(value, limit, at_most=False):
        return (MET, None) if (value <= limit if at_most else value < limit) else (NOT_MET, B)

    if key == EBMT:
        scope = (MET, None) if relapsing else ((NOT_MET, B) if mri or r >= 1 else (NOT_MET, O))
        if he:
            failure = (MET, None)
        elif p["dmts"]:
            failure = (NOT_MET, B)
        else:
            failure = (NOT_MET, B) if aggressive else (NOT_MET, O)
        return dict(scope=scope, activity=activity, treatment_failure=failure, age=below(p["age"], 45),
                    edss=below(p["edss"], Decimal("5.5"), at_most=True), duration=below(p["duration"], 10))
    if key == NMSS:
        scope = (MET, None) if relapsing else (NOT_MET, O)
        breakthrough = (MET, None) if (r >= 1 or mri) and (he or p["contra"]) else (NOT_MET, O)
        return dict(scope=scope, breakthrough=breakthrough, age=below(p["age"], 50), duration=below(p["duration"], 10))
    scope = (MET, None) if relapsing or (r >= 1 and mri) else (NOT_MET, O)
    return dict(scope=scope, activity=activity, treatment_failure=(MET, None) if he else (NOT_MET, O),
                age=below(p["age"], 45), duration=below(p["duration"], 10), edss=below(p["edss"], Decimal(6)))


WALK_EDSS = {"100m_one_aid": [Decimal("6.0")], "unlimited": [Decimal(x) / 2 for x in range(0, 9)]}


def _completions(p):
    """Every fully known profile the answers could stand for."""
    options = dict(
        relapses_12m=[p["relapses_12m"]] if p["relapses_12m"] is not None else [0, 1, 2, 3],
        mri_activity_12m=[p["mri_activity_12m"]] if p["mri_activity_12m"] != "unknown" else ["yes", "no"],
        disability_worsened_12m=[p["disability_worsened_12m"]] if p["disability_worsened_12m"] != "unknown" else ["yes", "no"],
        contra=[p["contra"]] if p["contra"] is not None else [True, False],
        duration=[p["duration"]] if p["duration"] is not None else [Decimal(1), Decimal(30)],
        edss=[p["edss"]] if p["edss"] is not None else WALK_EDSS.get(p["walking"], [Decimal(0), Decimal(10)]),
    )
    for values in itertools.product(*options.values()):
        yield {**p, **dict(zip(options, values))}


def _oracle(key, p):
    per_criterion: dict[str, set] = {}
    for complete in _completions({**p, "subtype": p["subtype"] if p["subtype"] != "unsure" else "rrms"}):
        for name, value in _direct(key, complete).items():
            per_criterion.setdefault(name, set()).add(value)
    results = {name: values.pop() if len(values) == 1 else (UNKNOWN, None) for name, values in per_criterion.items()}
    if p["subtype"] == "unsure":
        results["scope"] = (UNKNOWN, None)
    values = list(results.values())
    if key == NMSS:  # "outside if 1 or 2 is not met; meets if 1–3 are met; borderline if only 3 is not met"
        if NOT_MET in (results["scope"][0], results["breakthrough"][0]):
            return results, "outside"
    elif (NOT_MET, O) in values:  # "outside if any criterion says outside"
        return results, "outside"
    if (UNKNOWN, None) in values:
        return results, "incomplete"
    return results, "meets" if all(v == (MET, None) for v in values) else "borderline"


def test_every_verdict_on_a_grid_of_profiles_matches_a_plain_reading_of_the_rules(published_evidence):
    grid = itertools.product(
        ["rrms", "spms_active", "spms", "ppms", "unsure"],
        [None, 0, 1, 2],
        ["yes", "no", "unknown"],
        ["yes", "no", "unknown"],
        [[], ["interferon-beta"], ["ocrelizumab"], ["fingolimod", "natalizumab"]],
        [None, False, True],
        [(35, Decimal(5), Decimal(3), None), (47, None, None, "100m_one_aid"), (52, Decimal(12), None, "unlimited"),
         (44, Decimal("9.5"), Decimal("5.5"), None)],
    )
    guidelines = {g.key: g for g in published_evidence.guidelines}
    mismatches, seen = [], set()
    for subtype, relapses, mri, worsened, dmts, contra, (age, duration, edss, walking) in grid:
        answers = dict(IDEAL, subtype=subtype, relapses_12m=relapses, mri_activity_12m=mri,
                       disability_worsened_12m=worsened, dmts=dmts, high_efficacy_contraindicated=contra,
                       age=age, disease_duration_years=duration, edss=edss, walking_range=walking)
        p = dict(subtype=subtype, relapses_12m=relapses, mri_activity_12m=mri, disability_worsened_12m=worsened,
                 dmts=dmts, contra=contra, age=age, duration=duration, edss=edss, walking=walking)
        profile = make_profile(**answers)
        for key, data in guidelines.items():
            got = guideline_result(profile=profile, guideline=data, evidence=published_evidence)
            want_criteria, want_verdict = _oracle(key, p)
            got_criteria = {c.key: (c.result, c.effect) for c in got.criteria}
            seen.add(got.verdict)
            if got.verdict != want_verdict or got_criteria != want_criteria:
                mismatches.append((key, answers, got.verdict, want_verdict, got_criteria, want_criteria))
    assert not mismatches, mismatches[:3]
    assert seen == {"meets", "borderline", "outside", "incomplete"}


# -- the high-efficacy flag is data -------------------------------------------------------------------------

def test_flipping_a_treatments_high_efficacy_flag_in_the_database_changes_the_verdicts(loaded):
    profile = make_profile(dmts=["fingolimod"])

    def verdicts():
        result = assess(profile=profile, evidence=load_published_evidence())
        return {g.key: g.verdict for g in result.guidelines}

    assert verdicts() == {EBMT: "borderline", NMSS: "outside", ECTRIMS: "outside"}
    Treatment.objects.filter(slug="fingolimod").update(high_efficacy=True)
    assert verdicts() == {EBMT: "meets", NMSS: "meets", ECTRIMS: "meets"}

    Treatment.objects.filter(slug="natalizumab").update(high_efficacy=False)
    natalizumab_only = assess(profile=make_profile(), evidence=load_published_evidence())
    assert {g.key: g.verdict for g in natalizumab_only.guidelines} == {
        EBMT: "borderline", NMSS: "outside", ECTRIMS: "outside"
    }
