"""assess(): key figures, fertility, comparisons, factors, trials, questions and the evidence snapshot."""
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.figures import group_rank, icons_for
from decisionaid.assessment.serialize import assessment_to_dict
from decisionaid.evidence.choices import FACT_PROVENANCE
from decisionaid.evidence.loading import DEFAULT_DIRECTORY
from decisionaid.evidence.models import EvidenceRelease, Figure, Source, Trial

from ..evidence.factories import make_figure, make_source
from .conftest import make_profile

FIXTURE_FIGURES = {f["key"]: f for f in json.loads((Path(DEFAULT_DIRECTORY) / "figures.json").read_text())}

RELAPSING = dict()
PROGRESSIVE = dict(subtype="ppms", age=52, edss=6.5, relapses_12m=0, mri_activity_12m="no", dmts=["ocrelizumab"])
PROFILES = {
    "relapsing woman": dict(),
    "relapsing man": dict(sex="male"),
    "progressive woman wishing pregnancy": dict(PROGRESSIVE, pregnancy_wish="yes"),
    "unsure, sex other": dict(subtype="unsure", sex="other", pregnancy_wish="unsure"),
    "treatment-naive aggressive": dict(dmts=[], relapses_12m=3, disability_worsened_12m="yes"),
    "unknowns": dict(edss=None, disease_duration_years=None, relapses_12m=None, mri_activity_12m="unknown"),
}


def run(evidence, **changes):
    return assess(profile=make_profile(**changes), evidence=evidence)


def all_figure_dicts(data: dict):
    """Every figure object anywhere in the serialized output."""
    groups = [g["figures"] for g in data["further_evidence"]]
    for figure in data["benefits"] + data["risks"] + data["fertility"] + data["comparisons"] + sum(groups, []):
        yield figure


# -- the evidence snapshot ----------------------------------------------------------------------------------

def test_only_published_fact_figures_reach_the_snapshot(loaded):
    source = Source.objects.get(key="silfverberg-2024-jnnp")
    make_figure(source, key="seed-only", provenance="S", is_published=True)
    make_figure(source, key="hidden", provenance="C", is_published=False)
    make_figure(source, key="corrected", provenance="S!=C", correction_note="The seed was wrong.")
    keys = {f.key for f in load_published_evidence().figures}
    assert "corrected" in keys and not {"seed-only", "hidden"} & keys
    assert keys == set(Figure.objects.published().values_list("key", flat=True))
    assert "r23-ovarian-failure-kvistad-2024" not in keys  # [S] in EVIDENCE.md
    assert "r10-febrile-neutropenia-silfverberg" not in keys  # unpublished: group-specific figures shown instead


def test_loading_the_snapshot_takes_a_fixed_number_of_queries(loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        small = load_published_evidence()
    source = make_source(key="extra-source", short_name="Extra")
    for n in range(20):
        make_figure(source, key=f"extra-{n}")
    with django_assert_max_num_queries(8):
        large = load_published_evidence()
    assert len(large.figures) == len(small.figures) + 20
    assert all(g.criteria for g in large.guidelines)


def test_trials_only_described_by_a_source_article_are_left_out(published_evidence):
    keys = {t.key for t in published_evidence.trials}
    assert "astims" not in keys  # [S]: arm sizes inconsistent in the seed, abstract not found
    assert {"beat-ms", "ram-ms", "starms", "coast", "mist"} <= keys


def test_the_snapshot_is_frozen(published_evidence):
    with pytest.raises(AttributeError):
        published_evidence.figures[0].per_100 = Decimal(99)


def test_evidence_version_and_review_date_come_from_the_current_release(loaded):
    release = EvidenceRelease.current()
    result = assess(profile=make_profile(), evidence=load_published_evidence())
    assert (result.evidence_version, result.evidence_reviewed_on) == (release.version, release.reviewed_on)


# -- every figure shown is sourced, dated and honest ---------------------------------------------------------

@pytest.mark.parametrize("name", PROFILES)
def test_every_figure_shown_is_a_published_fact_with_its_source_population_and_time(published_evidence, name):
    data = assessment_to_dict(run(published_evidence, **PROFILES[name]))
    figures = list(all_figure_dicts(data))
    assert figures
    for figure in figures:
        row = FIXTURE_FIGURES[figure["key"]]
        assert row["provenance"] in FACT_PROVENANCE and row.get("is_published", True), figure["key"]
        assert figure["time_point"] and figure["population"] and figure["estimate"]
        source = figure["source"]
        assert source["short_name"] and any(source[k] for k in ("doi", "pmid", "registry_id", "url"))
        # the published value, untouched
        if row.get("per_100") is not None:
            assert Decimal(str(figure["per_100"])) == Decimal(row["per_100"]), figure["key"]
        if row.get("ci_low") is not None:
            assert Decimal(str(figure["ci_low"])) == Decimal(row["ci_low"])


@pytest.mark.parametrize("name", PROFILES)
def test_uk_deaths_are_5_of_364_never_of_271(published_evidence, name):
    data = assessment_to_dict(run(published_evidence, **PROFILES[name]))
    uk_deaths = [
        f for f in all_figure_dicts(data)
        if f["source"]["key"] == "muraro-2025-jnnp" and f["outcome"] == "death_100_days"
    ]
    assert uk_deaths, "the UK 100-day deaths are always shown, as a key figure or as further evidence"
    for figure in uk_deaths:
        assert (figure["numerator"], figure["denominator"], figure["per_100"]) == (5, 364, 1.4)
        assert "271" not in figure["text"]
        assert figure["text"].startswith("5 of 364 people")


def test_progressive_people_see_the_uk_deaths_as_their_key_death_figure(published_evidence):
    # No progressive-only death figure exists; among mixed populations the UK cohort is the largest single study.
    death = next(f for f in run(published_evidence, **PROGRESSIVE).risks if f.outcome == "death_100_days")
    assert (death.key, death.numerator, death.denominator) == ("r1-death-100d-uk", 5, 364)


def test_no_recommendation_is_ever_written(published_evidence):
    for changes in PROFILES.values():
        text = json.dumps(assessment_to_dict(run(published_evidence, **changes))).lower()
        for phrase in ("you should", "we recommend", "you must", "is recommended for you", "best option"):
            assert phrase not in text


# -- key figures --------------------------------------------------------------------------------------------

def test_benefits_and_risks_cover_the_key_outcomes(published_evidence):
    woman = run(published_evidence)
    assert [f.outcome for f in woman.benefits] == ["neda", "relapse_free", "progression_free", "disability_improved"]
    assert [f.outcome for f in woman.risks] == ["death_100_days", "febrile_neutropenia", "thyroid", "ovarian_failure"]
    assert {f.kind for f in woman.benefits} == {"benefit"} and {f.kind for f in woman.risks} == {"risk"}
    man = run(published_evidence, sex="male")
    assert [f.outcome for f in man.risks] == ["death_100_days", "febrile_neutropenia", "thyroid"]


@pytest.mark.parametrize("name", PROFILES)
def test_no_key_figure_is_chosen_over_a_figure_from_a_closer_population(published_evidence, name):
    profile = make_profile(**PROFILES[name])
    result = assess(profile=profile, evidence=published_evidence)
    for view in result.benefits + result.risks:
        rivals = [
            f for f in published_evidence.figures
            if f.outcome == view.outcome and f.kind == view.kind and f.per_100 is not None
            and f.sex in ("any", "female" if profile.sex != "male" else "any")
        ]
        best = min(group_rank(profile, f.subtype_group) for f in rivals)
        assert group_rank(profile, view.subtype_group) == best, view.key


def test_relapsing_people_get_the_largest_relapsing_study_at_a_fixed_time_point_for_neda(published_evidence):
    # Relapsing NEDA with a fixed time point: Silfverberg 174 (5 and 10 years), Zhukovsky 69 (3 years),
    # BEAM/ATG arm 33. Largest first; between 5 and 10 years the one nearest 5 years, so outcomes line up.
    neda = run(published_evidence).benefits[0]
    assert neda.key == "b1-neda-5y-silfverberg"
    assert neda.text == (
        "About 73 of 100 people had no signs of MS activity (no relapses, no new MRI lesions, no worsening) "
        "5 years after treatment (estimated; range 66 to 81)."
    )
    assert neda.matches_person and not neda.match_notes


def test_progressive_people_get_progressive_figures_where_they_exist(published_evidence):
    result = run(published_evidence, **PROGRESSIVE)
    by_outcome = {f.outcome: f for f in result.benefits}
    # Progression-free figures exist for progressive MS (Burt 2021 SPMS, 93 people; Boffa 2021, 88 people).
    assert by_outcome["progression_free"].key == "b25-progression-free-4y-burt-2021-spms"
    assert by_outcome["progression_free"].matches_person
    # No progressive-only NEDA figure: the mixed UK cohort (a single study, not a pooled estimate) is used,
    # and the page is told how its population differs.
    assert by_outcome["neda"].subtype_group == "mixed"
    assert by_outcome["neda"].key == "b11-neda3-5y-uk"
    assert "relapsing and people with progressive" in by_outcome["neda"].match_notes[0]


def test_a_figure_whose_age_or_edss_range_excludes_the_person_says_so(published_evidence):
    halt = next(f for f in published_evidence.figures if f.key == "b16-relapse-free-5y-halt-ms")
    assert (halt.edss_min, halt.edss_max) == (Decimal("3.0"), Decimal("5.5"))
    inside = run(published_evidence, edss=4.0)
    outside = run(published_evidence, edss=2.0)
    assert next(f for f in inside.benefits if f.outcome == "relapse_free").key == halt.key
    chosen = next(f for f in outside.benefits if f.outcome == "relapse_free")
    assert chosen.key != halt.key  # another relapsing figure that does not exclude EDSS 2.0 exists
    further = [f for g in outside.further_evidence for f in g.figures if f.key == halt.key]
    assert further and not further[0].matches_person
    assert any("EDSS of 3.0 to 5.5" in note for note in further[0].match_notes)


# -- icon arrays ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, icons, rounded",
    [("73", 73, False), ("86.9", 87, True), ("1.4", 1, True), ("0.19", 0, True), ("5.5", 6, True), ("0", 0, False)],
)
def test_icons_are_whole_people_and_say_when_rounded(value, icons, rounded):
    assert icons_for(Decimal(value)) == (icons, rounded)


def test_icon_rounding_is_flagged_and_explained_but_the_published_value_is_kept(published_evidence):
    death = next(f for f in run(published_evidence, **PROGRESSIVE).risks if f.outcome == "death_100_days")
    assert (death.per_100, death.icons, death.icons_rounded) == (Decimal("1.4"), 1, True)
    assert "1.4 in 100" in death.icons_note and "1 person" in death.icons_note
    neda = run(published_evidence).benefits[0]
    assert (neda.icons, neda.icons_rounded, neda.icons_note) == (73, False, "")
    serialized = assessment_to_dict(run(published_evidence, **PROGRESSIVE))
    uk = next(f for f in serialized["risks"] if f["outcome"] == "death_100_days")
    assert uk["per_100"] == 1.4 and uk["icons"] == 1 and uk["icons_rounded"] is True


def test_a_zero_count_says_that_none_is_not_impossible(published_evidence):
    death = next(f for f in run(published_evidence).risks if f.outcome == "death_100_days")
    assert death.per_100 == 0  # relapsing people: the Swedish relapsing cohort, 0 of 174
    assert "does not mean it cannot happen" in death.zero_note


# -- fertility ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sex", ["male"])
def test_men_see_no_ovarian_or_pregnancy_figures(published_evidence, sex):
    data = assessment_to_dict(run(published_evidence, sex=sex, pregnancy_wish="yes"))
    for figure in all_figure_dicts(data):
        assert figure["outcome"] not in ("ovarian_failure", "menses_recovered", "pregnancy")
        assert figure["sex"] != "female"
    assert data["fertility"] == [] and data["fertility_prominent"] is False


@pytest.mark.parametrize("sex", ["female", "other"])
@pytest.mark.parametrize("wish, prominent", [("yes", True), ("unsure", True), ("no", False)])
def test_women_and_other_see_fertility_figures_prominent_when_pregnancy_is_wished(
    published_evidence, sex, wish, prominent
):
    result = run(published_evidence, sex=sex, pregnancy_wish=wish)
    assert {f.outcome for f in result.fertility} == {"ovarian_failure", "menses_not_recovered", "menses_recovered", "pregnancy"}
    assert result.fertility_prominent is prominent
    assert all(f.prominent is prominent for f in result.fertility)
    ovarian = next(f for f in result.risks if f.outcome == "ovarian_failure")
    assert ovarian.prominent is prominent
    assert ovarian.text.split(" ")[3] == "women"  # "43 of 100 women had ..."
    # Fertility figures are not repeated as further evidence.
    further = {f.key for g in result.further_evidence for f in g.figures}
    assert not further & {f.key for f in result.fertility}


# -- comparisons ----------------------------------------------------------------------------------------------

def test_mist_is_shown_as_a_comparison_with_both_arms(published_evidence):
    mist = next(f for f in run(published_evidence).comparisons if f.key == "b13-disability-worsened-mist")
    assert (mist.numerator, mist.denominator, mist.per_100, mist.per_100_computed) == (3, 55, Decimal("5.5"), True)
    comparator = mist.comparator
    assert (comparator.numerator, comparator.denominator, comparator.per_100) == (34, 55, Decimal("61.8"))
    assert (comparator.icons, comparator.icons_rounded) == (62, True)
    assert mist.text.startswith("aHSCT (Cy/ATG): 3 of 55 people had their disability get worse")
    assert comparator.text.startswith("Continued drug treatment (a higher-efficacy or different drug): 34 of 55 people")
    assert mist.comparison_note == "HR 0.07 (95% CI 0.02–0.24), p < 0.001"


def test_every_comparison_has_a_comparator_and_further_evidence_has_none(published_evidence):
    result = run(published_evidence)
    assert result.comparisons and all(f.comparator is not None for f in result.comparisons)
    assert all(f.comparator is None for g in result.further_evidence for f in g.figures)


# -- factors ------------------------------------------------------------------------------------------------

def factors(evidence, **changes):
    return {f.key: f for f in run(evidence, **changes).factors}


def test_factors_for_a_young_relapsing_active_person(published_evidence):
    found = factors(published_evidence)
    assert {k: f.applies for k, f in found.items()} == {
        "younger_age": True, "shorter_duration": True, "lower_edss": True, "relapsing_active": True,
        "progressive_without_activity": False, "higher_edss": False,
    }
    assert {f.direction for f in found.values()} == {"favourable", "unfavourable"}
    for factor in found.values():
        assert factor.sources and all(s.short_name for s in factor.sources)


def test_factors_for_an_older_progressive_person_without_activity(published_evidence):
    found = factors(published_evidence, **PROGRESSIVE, disease_duration_years=15)
    assert {k: f.applies for k, f in found.items()} == {
        "younger_age": False, "shorter_duration": False, "lower_edss": False, "relapsing_active": False,
        "progressive_without_activity": True, "higher_edss": True,
    }
    assert found["higher_edss"].concerns == "risk"
    assert {s.key for s in found["higher_edss"].sources} >= {"sormani-2017"}


def test_factors_stay_open_when_answers_are_unknown(published_evidence):
    found = factors(
        published_evidence, edss=None, disease_duration_years=None, relapses_12m=None, mri_activity_12m="unknown"
    )
    assert found["lower_edss"].applies is None and found["higher_edss"].applies is None
    assert found["shorter_duration"].applies is None
    assert found["relapsing_active"].applies is None
    assert found["progressive_without_activity"].applies is False  # relapsing MS: not progressive whatever else


def test_factors_use_the_guideline_thresholds_from_the_data(published_evidence):
    assert factors(published_evidence, age=44)["younger_age"].applies is True
    assert factors(published_evidence, age=45)["younger_age"].applies is False  # EBMT/ECTRIMS: under 45
    assert factors(published_evidence, edss=5.5)["lower_edss"].applies is True
    assert factors(published_evidence, edss=6.0)["higher_edss"].applies is True


# -- trials -------------------------------------------------------------------------------------------------

def test_open_trials_come_first_and_finished_ones_are_marked(published_evidence):
    result = run(published_evidence)  # relapsing, 35, EDSS 3.0, natalizumab
    keys = [m.trial.key for m in result.trials]
    assert keys[0] == "beat-ms" and result.trials[0].is_recruiting
    statuses = [m.trial.status for m in result.trials]
    order = ["recruiting", "active_not_recruiting", "unknown", "completed", "terminated"]
    assert statuses == sorted(statuses, key=order.index)
    assert {m.trial.key for m in result.trials if m.is_finished} == {"mist", "coast"}
    assert all(m.fits for m in result.trials) and not result.other_trials


@pytest.mark.parametrize(
    "changes, fits, not_fitting",
    [
        (dict(age=52), {"beat-ms", "starms", "coast", "mist"}, {"ram-ms"}),  # RAM-MS takes ages 18–50
        (dict(edss=6.5), {"starms"}, {"beat-ms", "ram-ms", "coast", "mist"}),  # EDSS limits 5.5–6.0
        (dict(dmts=[]), {"starms"}, {"beat-ms", "ram-ms", "coast", "mist"}),  # only StarMS takes treatment-naive people
        (PROGRESSIVE, set(), {"beat-ms", "ram-ms", "starms", "coast", "mist"}),  # relapsing MS only
    ],
)
def test_trial_eligibility_comes_from_the_trial_rows(published_evidence, changes, fits, not_fitting):
    result = run(published_evidence, **changes)
    assert {m.trial.key for m in result.trials} == fits
    assert {m.trial.key for m in result.other_trials} == not_fitting
    assert all(m.reasons for m in result.other_trials)


def test_an_unknown_edss_leaves_trial_eligibility_open(published_evidence):
    result = run(published_evidence, edss=None)
    beat = next(m for m in result.trials if m.trial.key == "beat-ms")
    assert beat.fits is None and "not known" in beat.reasons[0]
    starms = next(m for m in result.trials if m.trial.key == "starms")
    assert starms.fits is True  # no EDSS limit in its row


def test_a_trial_limit_edited_in_the_database_changes_the_match(loaded):
    Trial.objects.filter(key="beat-ms").update(age_max=30)
    result = assess(profile=make_profile(age=35), evidence=load_published_evidence())
    assert "beat-ms" in {m.trial.key for m in result.other_trials}


# -- questions ----------------------------------------------------------------------------------------------

def has(questions, *words):
    return any(all(w.lower() in q.lower() for w in words) for q in questions)


def test_fertility_preservation_question_follows_sex_and_pregnancy_wish(published_evidence):
    assert has(run(published_evidence, pregnancy_wish="yes").questions, "preserve fertility", "eggs")
    assert has(run(published_evidence, pregnancy_wish="unsure", sex="other").questions, "preserve fertility")
    assert not has(run(published_evidence, pregnancy_wish="no").questions, "fertility")
    male = run(published_evidence, pregnancy_wish="yes", sex="male").questions
    assert has(male, "sperm") and not has(male, "eggs")


def test_each_unknown_answer_becomes_a_question(published_evidence):
    questions = run(
        published_evidence, relapses_12m=None, mri_activity_12m="unknown", disability_worsened_12m="unknown",
        edss=None, disease_duration_years=None, subtype="unsure", high_efficacy_contraindicated=None,
    ).questions
    for words in (("type of MS",), ("relapses",), ("MRI",), ("disability got worse",), ("EDSS",),
                  ("first MS symptoms",), ("medical reason", "high-efficacy")):
        assert has(questions, *words), words


def test_centre_regimen_and_alternatives_are_always_asked(published_evidence):
    for changes in PROFILES.values():
        questions = run(published_evidence, **changes).questions
        assert has(questions, "centre", "regimen")
        assert has(questions, "current treatment")


def test_trial_questions(published_evidence):
    assert has(run(published_evidence).questions, "BEAT-MS", "recruiting")  # a recruiting trial fits
    naive = run(published_evidence, dmts=[], relapses_12m=3, disability_worsened_12m="yes").questions
    # StarMS takes treatment-naive people but no longer recruits, so the question is the general one.
    assert has(naive, "first treatment", "trial") and not has(naive, "StarMS")
    assert not has(run(published_evidence, **PROGRESSIVE).questions, "trial")


def test_borderline_points_and_higher_edss_are_raised_as_questions(published_evidence):
    questions = run(published_evidence, age=50, edss=6.5).questions
    assert has(questions, "may be considered", "Age", "Disability (EDSS)")
    assert has(questions, "level of disability")
    assert not has(run(published_evidence).questions, "may be considered")


def test_values_are_read_back(published_evidence):
    result = run(published_evidence, values={"avoid_hospital": "very important", "fertility": "not important"})
    assert [(v.key, v.answer) for v in result.values] == [
        ("avoid_hospital", "very important"), ("fertility", "not important")
    ]


def test_matched_studies_are_close_or_partly_and_never_other_diseases(published_evidence):
    studies = run(published_evidence).matched_studies
    assert studies[0].closeness == "close"
    closeness = [s.closeness for s in studies]
    assert closeness == sorted(closeness, key=["close", "partly"].index)
    keys = {s.source.key for s in studies}
    assert "silfverberg-2024-jnnp" in keys and "daikeler-2011" not in keys  # Daikeler: all autoimmune diseases
    progressive = {s.source.key: s.closeness for s in run(published_evidence, **PROGRESSIVE).matched_studies}
    assert progressive["boffa-2021"] == "close"  # it reports progressive MS separately
    assert "silfverberg-2024-jnnp" not in progressive  # relapsing MS only


def _numbers(text: str) -> set[str]:
    """The numbers written in a text, normalised (5.50 → 5.5, 6.0 → 6)."""
    return {str(Decimal(n).normalize()) if "." in n else n for n in re.findall(r"\d+(?:\.\d+)?", text)}


def test_figure_text_never_invents_a_number(published_evidence):
    """Every number in a figure's text is one of the figure's own numbers (or the 100 of "in 100")."""
    result = run(published_evidence, sex="female")
    views = list(result.benefits + result.risks + result.fertility + result.comparisons) + [
        f for g in result.further_evidence for f in g.figures
    ]
    assert len(views) > 40
    for view in views:
        row = FIXTURE_FIGURES[view.key]
        allowed = {"100"}.union(*(_numbers(str(v)) for k, v in row.items() if v is not None and k != "display_order"))
        for text in filter(None, (view.text, view.comparator.text if view.comparator else "")):
            assert _numbers(text) <= allowed, (view.key, text)
