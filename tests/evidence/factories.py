"""Valid evidence rows for tests; each test changes only what it is about."""
from datetime import date
from decimal import Decimal

from decisionaid.evidence.models import Figure, Source


def make_source(**overrides) -> Source:
    values = dict(
        key="test-cohort-2024",
        short_name="Test cohort 2024",
        citation="Author A. A test cohort. J Test 2024;1:1-2.",
        doi="10.1000/test.2024",
        design="cohort",
        provenance="C",
    )
    values.update(overrides)
    source = Source(**values)
    source.full_clean()
    source.save()
    return source


def figure_values(source: Source, **overrides) -> dict:
    values = dict(
        key="test-neda-5y",
        source=source,
        kind="benefit",
        outcome="neda",
        label_plain="had no signs of MS activity",
        label_technical="NEDA (Kaplan–Meier)",
        denominator=174,
        per_100=Decimal("73"),
        ci_low=Decimal("66"),
        ci_high=Decimal("81"),
        ci_level=95,
        estimate="kaplan_meier",
        time_point="5 years",
        time_point_months=60,
        population="Relapsing MS, Sweden",
        includes_rrms=True,
        provenance="S=C",
    )
    values.update(overrides)
    return values


def make_figure(source: Source, **overrides) -> Figure:
    figure = Figure(**figure_values(source, **overrides))
    figure.full_clean()
    figure.save()
    return figure


def make_trial(**overrides):
    from decisionaid.evidence.models import Trial

    values = dict(
        key="test-trial",
        name="TEST-MS",
        registry_id="NCT00000001",
        design="Randomised, two arms",
        ahsct_arm="Cy/ATG",
        comparator="Best available drug",
        size="Target 100",
        countries="Norway",
        key_eligibility="Relapsing MS, age 18 to 50",
        status="recruiting",
        status_as_of="1 March 2026",
        status_source="Registry record of 1 March 2026",
        status_known_on=date(2026, 3, 1),
    )
    values.update(overrides)
    trial = Trial(**values)
    trial.full_clean()
    trial.save()
    return trial
