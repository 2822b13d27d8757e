"""The evidence as loaded: the corrections of EVIDENCE.md section 6 are applied and nothing unconfirmed is shown."""
from decimal import Decimal

import pytest

from decisionaid.evidence.choices import FACT_PROVENANCE
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease, Figure, Guideline, Source, Treatment, Trial

DESIGN_SLUGS = {
    "interferon-beta", "glatiramer-acetate", "teriflunomide", "dimethyl-fumarate", "diroximel-fumarate",
    "fingolimod", "siponimod", "ozanimod", "ponesimod", "cladribine", "natalizumab", "alemtuzumab",
    "ocrelizumab", "ofatumumab", "ublituximab", "rituximab", "mitoxantrone",
}
HIGH_EFFICACY = {"natalizumab", "alemtuzumab", "ocrelizumab", "ofatumumab", "ublituximab", "rituximab", "cladribine"}


@pytest.fixture(autouse=True)
def evidence(db):
    load_evidence()


def test_uk_deaths_within_100_days_are_5_of_364_not_of_271():
    deaths = Figure.objects.get(source__key="muraro-2025-jnnp", outcome="death_100_days")
    assert (deaths.numerator, deaths.denominator, deaths.per_100) == (5, 364, Decimal("1.4"))
    assert deaths.provenance == "S!=C" and "271" in deaths.correction_note
    assert not Figure.objects.filter(outcome="death_100_days", denominator=271).exists()


def test_uk_relapse_free_is_88_6_at_5_years_not_4():
    figure = Figure.objects.get(source__key="muraro-2025-jnnp", outcome="relapse_free", time_point_months=60)
    assert figure.per_100 == Decimal("88.6")
    assert not Figure.objects.filter(source__key="muraro-2025-jnnp", time_point_months=48).exists()


def test_das_2021_had_20_patients_not_28():
    assert Source.objects.get(key="das-2021").n_patients == 20
    assert Figure.objects.get(source__key="das-2021", outcome="relapse_free").denominator == 20


def test_nabizadeh_68_is_neda_and_progression_free_is_73():
    assert Figure.objects.get(source__key="nabizadeh-2022", outcome="neda").per_100 == Decimal("68")
    assert Figure.objects.get(source__key="nabizadeh-2022", outcome="progression_free").per_100 == Decimal("73")


def test_swedish_neda_is_73_in_100_at_5_years_with_its_range():
    figure = Figure.objects.get(source__key="silfverberg-2024-jnnp", outcome="neda", time_point_months=60)
    assert (figure.per_100, figure.ci_low, figure.ci_high, figure.estimate) == (
        Decimal("73"), Decimal("66"), Decimal("81"), "kaplan_meier"
    )


def test_mist_compares_3_of_55_with_34_of_55():
    figure = Figure.objects.get(source__key="burt-2019-mist", outcome="disability_worsened")
    assert (figure.numerator, figure.denominator) == (3, 55)
    assert (figure.comparator_numerator, figure.comparator_denominator) == (34, 55)


def test_the_ebmt_mortality_trend_that_no_source_confirms_is_absent():
    assert not Figure.objects.filter(per_100=Decimal("1.3"), outcome="death_100_days").exists()


def test_nothing_unconfirmed_is_published():
    assert not Figure.objects.filter(is_published=True).exclude(provenance__in=FACT_PROVENANCE).exists()
    assert not Figure.objects.filter(provenance="NC").exists()


def test_every_figure_names_a_source_that_can_be_found():
    for figure in Figure.objects.published().select_related("source"):
        source = figure.source
        assert source.doi or source.pmid or source.registry_id or source.url, source.key
        assert figure.population and figure.time_point, figure.key


def test_ovarian_and_pregnancy_figures_apply_to_women():
    for figure in Figure.objects.filter(outcome__in=["ovarian_failure", "menses_recovered", "pregnancy"]):
        assert figure.sex == "female", figure.key


def test_three_guidelines_with_their_thresholds_as_data():
    guidelines = {g.key: g for g in Guideline.objects.prefetch_related("criteria")}
    assert set(guidelines) == {"ebmt-2020", "nmss-2021", "ectrims-ebmt-2025"}
    thresholds = {
        key: {c.check_name: c.threshold for c in g.criteria.all() if c.threshold is not None}
        for key, g in guidelines.items()
    }
    assert thresholds["ebmt-2020"] == {"highly_active": 2, "age_below": 45, "edss_at_most": Decimal("5.5"), "duration_below": 10}
    assert thresholds["nmss-2021"] == {"age_below": 50, "duration_below": 10}  # no EDSS limit for NMSS
    assert thresholds["ectrims-ebmt-2025"] == {"highly_active": 2, "age_below": 45, "edss_below": Decimal("6.0"), "duration_below": 10}
    for guideline in guidelines.values():
        assert guideline.confidence_note


def test_treatment_catalogue_matches_design_and_high_efficacy_default():
    assert set(Treatment.objects.values_list("slug", flat=True)) == DESIGN_SLUGS
    assert set(Treatment.objects.filter(high_efficacy=True).values_list("slug", flat=True)) == HIGH_EFFICACY


def test_the_running_trials_are_there_with_registry_ids_and_when_their_status_held():
    trials = {t.name: t for t in Trial.objects.all()}
    for name, registry in [("StarMS", "ISRCTN88667898"), ("RAM-MS", "NCT03477500"), ("BEAT-MS", "NCT04047628"), ("COAST", "NCT04971005")]:
        assert registry in trials[name].registry_id
        assert trials[name].status_as_of
    assert trials["COAST"].status == "terminated"
    assert "NET-MS" not in trials


def test_a_release_carries_a_version_and_dates():
    release = EvidenceRelease.current()
    assert release.version and release.released_on and release.reviewed_on
