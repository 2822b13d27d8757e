"""assess(): key figures, fertility, comparisons, factors, trials, questions and the evidence snapshot."""
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.figures import icons_for
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
    groups = [o["figures"] for o in data["outcomes"]]
    for figure in data["benefits"] + data["risks"] + data["fertility"] + data["comparisons"] + sum(groups, []):
        yield figure


# -- the evidence snapshot ----------------------------------------------------------------------------------

def test_only_published_fact_figures_reach_the_snapshot(loaded):
    source = Source.objects.get(key="silfverberg-2024-jnnp")
    make_figure(source, key="seed-only", provenance="S", is_published=False)
    make_figure(source, key="hidden", provenance="C", is_published=False)
    make_figure(source, key="corrected", provenance="S!=C", correction_note="The seed was wrong.")
    keys = {f.key for f in load_published_evidence().figures}
    assert "corrected" in keys and not {"seed-only", "hidden"} & keys
    assert keys == set(Figure.objects.published().values_list("key", flat=True))
    assert "r23-ovarian-failure-kvistad-2024" not in keys  # [S] in EVIDENCE.md
    assert "r10-febrile-neutropenia-silfverberg" not in keys  # unpublished: group-specific figures shown instead


def test_loading_the_snapshot_takes_a_fixed_number_of_queries(loaded, django_assert_max_num_queries):
    # Ten queries: one per table read, passages and dated statements included.
    with django_assert_max_num_queries(10):
        small = load_published_evidence()
    source = make_source(key="extra-source", short_name="Extra")
    for n in range(20):
        make_figure(source, key=f"extra-{n}")
    with django_assert_max_num_queries(10):
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
    assert uk_deaths, "the UK 100-day deaths are always shown, under the deaths title"
    for figure in uk_deaths:
        assert (figure["numerator"], figure["denominator"], figure["per_100"]) == (5, 364, 1.4)
        assert "271" not in figure["text"]
        assert figure["text"].startswith("5 of 364 people")


def test_progressive_people_see_the_uk_deaths_as_their_key_death_figure(published_evidence):
    # No progressive-only death figure exists; the UK (364 people, median EDSS 6) and Italian (210, median EDSS 6)
    # cohorts included progressive MS; the larger is the headline, and both found 1.4 in 100.
    result = run(published_evidence, **PROGRESSIVE)
    death = next(o for o in result.outcomes if o.topic == "death")
    assert (death.headline.key, death.headline.numerator, death.headline.denominator) == ("r1-death-100d-uk", 5, 364)
    assert {f.key for f in death.studies} == {"r1-death-100d-uk", "r5-death-100d-boffa"}
    assert "each found about 1 in 100" in death.range_text
    assert [f.key for f in death.pooled] == ["r7-trm-pooled-sormani"]


def test_no_recommendation_is_ever_written(published_evidence):
    for changes in PROFILES.values():
        text = json.dumps(assessment_to_dict(run(published_evidence, **changes))).lower()
        for phrase in ("you should", "we recommend", "you must", "is recommended for you", "best option"):
            assert phrase not in text


# -- key figures --------------------------------------------------------------------------------------------

def test_benefits_and_risks_cover_the_key_outcomes(published_evidence):
    woman = run(published_evidence)
    assert [f.topic for f in woman.benefits] == ["neda", "relapse_free", "progression_free", "disability_improved"]
    assert [f.topic for f in woman.risks] == ["death", "febrile_neutropenia", "thyroid", "ovarian_failure"]
    assert {f.kind for f in woman.benefits} == {"benefit"} and {f.kind for f in woman.risks} == {"risk"}
    man = run(published_evidence, sex="male")
    assert [f.topic for f in man.risks] == ["death", "febrile_neutropenia", "thyroid"]
    # The overview: as many benefits as harms, the same for everyone.
    assert [o.topic for o in woman.overview_benefits] == ["neda"]
    assert [o.topic for o in woman.overview_harms] == ["death"]


def test_every_figure_for_the_person_is_under_exactly_one_outcome_title(published_evidence):
    for changes in PROFILES.values():
        result = run(published_evidence, **changes)
        keys = [f.key for o in result.outcomes for f in o.figures]
        companions = {f.companion_text for o in result.outcomes for f in o.figures if f.companion_text}
        assert len(keys) == len(set(keys))
        titles = [o.title for o in result.outcomes]
        assert len(titles) == len(set(titles)), titles
        # Both thyroid halves are shown: one as a figure, the other with it (for those who see that study).
        if any(f.key == "r17-hypothyroid-burt-2021" for o in result.outcomes for f in o.figures):
            assert any("overactive" in text for text in companions)
            assert "r17-hyperthyroid-burt-2021" not in keys


def test_deaths_of_every_kind_sit_under_one_title(published_evidence):
    death = next(o for o in run(published_evidence).outcomes if o.topic == "death")
    assert {f.outcome for f in death.figures} == {"death_100_days", "death"}
    assert death.title == "Deaths linked to the treatment"
    assert not [o for o in run(published_evidence).outcomes if o.topic in ("death_100_days",)]


def test_relapsing_people_get_the_largest_relapsing_study_for_neda_with_the_range_across_studies(published_evidence):
    # Relapsing NEDA: Silfverberg 174 (5 and 10 years; Zhukovsky's 69 and the BEAM/ATG arm are the same Swedish
    # people), Kvistad (30 and 29: one Norwegian cohort), UK 271 (mixed, EDSS further away). Largest first;
    # between 5 and 10 years the one nearest 5 years, so outcomes line up.
    neda = next(o for o in run(published_evidence).outcomes if o.topic == "neda")
    assert neda.headline.key == "b1-neda-5y-silfverberg"
    assert neda.headline.text == (
        "73 in 100 people had no signs of MS activity (no relapses, no new MRI lesions, no worsening) "
        "5 years after treatment. This is an estimate; the study's range: 66 to 81 in 100."
    )
    assert neda.headline.matches_person and not neda.headline.match_notes
    assert {f.source.cohort for f in neda.studies} == {"silfverberg-2024-jnnp", "kvistad-2024", "muraro-2025-jnnp"}
    assert (neda.lowest.figure.key, neda.highest.figure.key) == ("b11-neda3-5y-uk", "b7-neda3-kvistad-2020")
    assert "46.2" in neda.range_text and "271" in neda.range_text and "Kvistad 2020" in neda.range_text
    assert {f.key for f in neda.pooled} == {"b17-neda-5y-sormani", "b19-neda-nabizadeh"}


def test_progressive_people_get_progressive_figures_where_they_exist(published_evidence):
    active_spms = run(published_evidence, subtype="spms_active", edss=6.0, age=45)
    progression = next(o for o in active_spms.outcomes if o.topic == "progression_free")
    # Burt 2021's SPMS figure (93 people) is the only one only in SPMS; Boffa's progressive 88 and the UK's
    # mixed 271 included SPMS. The RRMS-only figures are from other people.
    assert progression.headline.key == "b25-progression-free-4y-burt-2021-spms"
    assert {f.key for f in progression.studies} == {
        "b25-progression-free-4y-burt-2021-spms", "b21-progression-free-5y-boffa-progressive",
        "b10-progression-free-5y-uk",
    }
    rrms_only = [f for f in progression.others if f.key == "b25-progression-free-4y-burt-2021-rrms"]
    assert rrms_only and "your answers say secondary progressive MS" in rrms_only[0].match_notes[0]
    # No progressive-only NEDA figure: the mixed UK cohort is used, and the page says how its people differ.
    neda = next(o for o in run(published_evidence, **PROGRESSIVE).outcomes if o.topic == "neda")
    assert neda.headline.key == "b11-neda3-5y-uk" and neda.headline.subtype_group == "mixed"
    assert neda.headline.who == "271 people with relapsing or progressive MS, United Kingdom"


def test_ppms_is_told_that_no_study_was_in_ppms_alone(published_evidence):
    ppms = run(published_evidence, **PROGRESSIVE)
    assert "only in people with primary progressive MS" in ppms.no_study_of_own_type
    assert run(published_evidence).no_study_of_own_type == ""
    assert run(published_evidence, subtype="spms", relapses_12m=0, mri_activity_12m="no").no_study_of_own_type == ""
    # Burt 2021's SPMS figure is in other people for PPMS, and says so.
    progression = next(o for o in ppms.outcomes if o.topic == "progression_free")
    spms_only = next(f for f in progression.others if f.key == "b25-progression-free-4y-burt-2021-spms")
    assert "secondary progressive MS; your answers say primary progressive MS" in spms_only.match_notes[0]
    # An outcome with no study of people like him is marked as from other people, with the note on its figure.
    fever = next(o for o in ppms.outcomes if o.topic == "febrile_neutropenia")
    assert fever.from_other_people and fever.headline.match_notes
    assert "other people" in fever.range_text


def test_a_figure_whose_age_or_edss_range_excludes_the_person_says_so(published_evidence):
    halt = next(f for f in published_evidence.figures if f.key == "b16-relapse-free-5y-halt-ms")
    assert (halt.edss_min, halt.edss_max) == (Decimal("3.0"), Decimal("5.5"))
    inside = next(o for o in run(published_evidence, edss=4.0).outcomes if o.topic == "relapse_free")
    outside = next(o for o in run(published_evidence, edss=2.0).outcomes if o.topic == "relapse_free")
    assert inside.headline.key == halt.key  # its EDSS range holds the person's: the closest in disability
    assert halt.key not in {f.key for f in outside.studies}
    excluded = next(f for f in outside.others if f.key == halt.key)
    assert not excluded.matches_person
    assert any("EDSS of 3.0 to 5.5" in note for note in excluded.match_notes)


def test_first_treatment_evidence_is_shown_to_the_untreated_with_its_size_and_design(published_evidence):
    naive = run(published_evidence, dmts=[], relapses_12m=3, disability_worsened_12m="yes")
    assert [f.key for f in naive.first_treatment_evidence] == ["b24-relapse-free-das"]
    das = naive.first_treatment_evidence[0]
    assert das.caveats and "20 people" in das.caveats[0].text and "looked back" in das.caveats[0].text
    relapse_free = next(o for o in naive.outcomes if o.topic == "relapse_free")
    assert "b24-relapse-free-das" in {f.key for f in relapse_free.studies}
    treated = run(published_evidence)
    assert treated.first_treatment_evidence == ()
    other = next(o for o in treated.outcomes if o.topic == "relapse_free")
    assert "b24-relapse-free-das" not in {f.key for f in other.studies}  # other people for the treated


# -- icon arrays ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "value, icons, rounded",
    [("73", 73, False), ("86.9", 87, True), ("1.4", 1, True), ("0.19", 0, True), ("5.5", 6, True), ("0", 0, False)],
)
def test_icons_are_whole_people_and_say_when_rounded(value, icons, rounded):
    assert icons_for(Decimal(value)) == (icons, rounded)


def test_icon_rounding_is_flagged_and_explained_but_the_published_value_is_kept(published_evidence):
    death = next(f for f in run(published_evidence, **PROGRESSIVE).risks if f.topic == "death")
    assert (death.per_100, death.icons, death.icons_rounded) == (Decimal("1.4"), 1, True)
    assert death.icons_note == "The picture rounds 1.4 to 1 whole person."
    neda = run(published_evidence).benefits[0]
    assert (neda.icons, neda.icons_rounded, neda.icons_note) == (73, False, "")
    serialized = assessment_to_dict(run(published_evidence, **PROGRESSIVE))
    uk = next(f for f in serialized["risks"] if f["outcome"] == "death_100_days")
    assert uk["per_100"] == 1.4 and uk["icons"] == 1 and uk["icons_rounded"] is True


def test_a_zero_count_says_that_none_is_not_impossible(published_evidence):
    death = next(f for f in run(published_evidence).risks if f.topic == "death")
    assert death.per_100 == 0  # relapsing people: MIST, 0 of 55 (the closest in disability)
    assert "does not mean it cannot happen" in death.zero_note


# -- fertility ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sex", ["male"])
def test_men_see_no_ovarian_or_pregnancy_figures(published_evidence, sex):
    data = assessment_to_dict(run(published_evidence, sex=sex, pregnancy_wish="yes"))
    for figure in all_figure_dicts(data):
        assert figure["outcome"] not in ("ovarian_failure", "menses_not_recovered", "menses_recovered", "pregnancy")
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
    assert ovarian.text.split(" ")[3] == "women"  # "43 in 100 women had ..."
    # Each fertility figure once.
    assert len({f.key for f in result.fertility}) == len(result.fertility)


# -- comparisons ----------------------------------------------------------------------------------------------

def test_mist_is_shown_as_a_comparison_with_both_arms(published_evidence):
    mist = next(f for f in run(published_evidence).comparisons if f.key == "b13-disability-worsened-mist")
    assert (mist.numerator, mist.denominator, mist.per_100, mist.per_100_computed) == (3, 55, Decimal("5.5"), True)
    comparator = mist.comparator
    assert (comparator.numerator, comparator.denominator, comparator.per_100) == (34, 55, Decimal("61.8"))
    assert (comparator.icons, comparator.icons_rounded) == (62, True)
    # Patient words: the groups in plain words, no regimen names, no hazard ratio.
    assert mist.text.startswith("aHSCT: 3 of 55 people had their disability get worse")
    assert comparator.text.startswith("other MS drugs: 34 of 55 people")
    assert "Cy/ATG" not in mist.text + comparator.text and "HR" not in mist.text
    # The clinician's line keeps the statistics; the caveat says what the comparison group took.
    assert mist.comparison_note == "HR 0.07 (95% CI 0.02–0.24), p < 0.001"
    assert "interferons 10" in mist.caveats[0].text and mist.caveats[0].source.key == "mist-aan-2018-interim"


def test_every_comparison_has_a_comparator(published_evidence):
    result = run(published_evidence)
    assert result.comparisons and all(f.comparator is not None for f in result.comparisons)


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
    # Each guideline's own age limit, never one guideline's limit stated as another's.
    text = factors(published_evidence, age=47)["younger_age"].text
    assert "NMSS 2021: younger than 50" in text and "ECTRIMS/EBMT 2025: younger than 45" in text
    assert "under the limit of NMSS 2021 only" in factors(published_evidence, age=47)["younger_age"].person_value
    assert factors(published_evidence, edss=5.5)["lower_edss"].applies is True
    assert factors(published_evidence, edss=6.0)["higher_edss"].applies is True


# -- trials -------------------------------------------------------------------------------------------------

def test_recruiting_trials_first_then_running_then_finished_as_background(published_evidence):
    result = run(published_evidence)  # relapsing, 35, EDSS 3.0, natalizumab
    assert [m.group for m in result.trials] == sorted(
        (m.group for m in result.trials), key=["recruiting", "running", "finished"].index
    )
    assert [m.trial.key for m in result.trials if m.group == "recruiting"] == ["beat-ms"]
    assert {m.trial.key for m in result.trials if m.group == "running"} == {"ram-ms", "starms"}
    finished = [m for m in result.trials if m.group == "finished"]
    assert {m.trial.key for m in finished} == {"mist", "coast"}
    assert all(m.fits is None and not m.reasons for m in finished)  # background, never "a trial you fit"
    assert not result.other_trials


def test_a_status_older_than_12_months_says_so(published_evidence):
    profile = make_profile()
    fresh = assess(profile=profile, evidence=published_evidence, today=date(2025, 7, 1))
    stale = assess(profile=profile, evidence=published_evidence, today=date(2026, 12, 2))
    ram_fresh = next(m for m in fresh.trials if m.trial.key == "ram-ms")
    ram_stale = next(m for m in stale.trials if m.trial.key == "ram-ms")
    assert not ram_fresh.is_stale and ram_fresh.status_note == ""
    assert ram_stale.is_stale and "Ask whether this is still true" in ram_stale.status_note
    beat = next(m for m in stale.trials if m.trial.key == "beat-ms")
    assert "still recruiting" in beat.status_note
    assert has(stale.questions, "still recruiting", "BEAT-MS")


def test_every_trial_has_its_registry_id_and_its_size_once(published_evidence):
    result = run(published_evidence)
    for match in result.trials + result.other_trials:
        assert match.registry_text and "()" not in match.registry_text
    mist = next(m for m in result.trials if m.trial.key == "mist")
    assert mist.registry_text == "NCT00273364" and mist.size_text == "110 people took part."
    starms = next(m for m in result.trials if m.trial.key == "starms")
    assert starms.size_text == "94 people took part."


@pytest.mark.parametrize(
    "changes, fits, not_fitting",
    [
        (dict(age=52), {"beat-ms", "starms"}, {"ram-ms"}),  # RAM-MS takes ages 18–50
        (dict(edss=6.5), {"starms"}, {"beat-ms", "ram-ms"}),  # EDSS limits 5.5–6.0
        (dict(dmts=[]), {"starms"}, {"beat-ms", "ram-ms"}),  # only StarMS takes treatment-naive people
        (PROGRESSIVE, set(), {"beat-ms", "ram-ms", "starms"}),  # relapsing MS only
    ],
)
def test_trial_eligibility_comes_from_the_trial_rows(published_evidence, changes, fits, not_fitting):
    result = run(published_evidence, **changes)
    assert {m.trial.key for m in result.trials if not m.is_finished} == fits
    assert {m.trial.key for m in result.other_trials} == not_fitting
    assert all(m.reasons for m in result.other_trials)
    assert {m.trial.key for m in result.trials if m.is_finished} == {"mist", "coast"}


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
    assert not has(run(published_evidence).questions, "MIST") and not has(run(published_evidence).questions, "COAST")
    naive = run(published_evidence, dmts=[], relapses_12m=3, disability_worsened_12m="yes").questions
    # StarMS takes treatment-naive people but no longer recruits, so the question is the general one.
    assert has(naive, "first treatment", "trial") and not has(naive, "StarMS")
    assert not has(run(published_evidence, **PROGRESSIVE).questions, "trial")


def test_borderline_points_and_higher_edss_are_raised_as_questions(published_evidence):
    questions = run(published_evidence, age=50, edss=6.5).questions
    assert has(questions, "may be considered", "Age", "Disability (EDSS)")
    assert has(questions, "level of disability")
    assert not has(run(published_evidence).questions, "may be considered")
    # Never "may be considered" when every guideline says outside (PPMS, no activity).
    assert not has(run(published_evidence, **PROGRESSIVE).questions, "may be considered")


def test_values_are_read_back(published_evidence):
    result = run(published_evidence, values={"avoid_hospital": "very important", "fertility": "not important"})
    assert [(v.key, v.answer) for v in result.values] == [
        ("avoid_hospital", "very important"), ("fertility", "not important")
    ]


def _numbers(text: str) -> set[str]:
    """The numbers written in a text, normalised (5.50 → 5.5, 6.0 → 6)."""
    return {str(Decimal(n).normalize()) if "." in n else n for n in re.findall(r"\d+(?:\.\d+)?", text)}


def test_figure_text_never_invents_a_number(published_evidence):
    """Every number in a figure's text is one of the figure's own numbers, or the 100 of "in 100", or the whole
    number a published value rounds to, which is only ever written with "about" and the exact value beside it."""
    result = run(published_evidence, sex="female")
    views = list(result.benefits + result.risks + result.fertility + result.comparisons) + [
        f for o in result.outcomes for f in o.figures
    ]
    assert len(views) > 40
    for view in views:
        row = FIXTURE_FIGURES[view.key]
        allowed = {"100"}.union(*(_numbers(str(v)) for k, v in row.items() if v is not None and k != "display_order"))
        for value in (row.get("per_100"), row.get("comparator_per_100")):
            if value is not None:
                whole, rounded = icons_for(Decimal(value))
                if rounded:
                    allowed.add(str(whole))
        for text in filter(None, (view.text, view.comparator.text if view.comparator else "")):
            assert _numbers(text) <= allowed, (view.key, text)
            for value in (row.get("per_100"), row.get("comparator_per_100")):
                if value is None:
                    continue
                whole, rounded = icons_for(Decimal(value))
                if rounded and re.search(rf"\b{whole} in 100\b", text):
                    assert f"{Decimal(value).normalize():f} in the study" in text, (view.key, text)
