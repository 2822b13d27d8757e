"""Impossible figures are refused twice over: by validation (naming the field) and by the database."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from decisionaid.evidence.models import Figure, GuidelineCriterion, Guideline, Source, Trial

from .factories import figure_values, make_figure, make_source

D = Decimal

# (field the message must name, changes that make the figure impossible)
IMPOSSIBLE_FIGURES = [
    ("numerator", dict(numerator=60, denominator=55, estimate="count", per_100=None, ci_low=None, ci_high=None, amount=D(1), amount_unit="people")),
    ("denominator", dict(numerator=0, denominator=0)),
    ("per_100", dict(per_100=D("120"), ci_low=None, ci_high=None)),
    ("per_100", dict(per_100=D("-1"), ci_low=None, ci_high=None)),
    ("ci_low", dict(per_100=D("73"), ci_low=D("75"), ci_high=D("81"))),
    ("ci_high", dict(per_100=D("73"), ci_low=D("66"), ci_high=D("70"))),
    ("ci_high", dict(ci_low=D("66"), ci_high=None)),
    ("ci_low", dict(ci_low=D("-5"), ci_high=D("81"))),
    ("comparator_numerator", dict(comparator_label="Drugs", comparator_numerator=56, comparator_denominator=55)),
    ("comparator_per_100", dict(comparator_label="Drugs", comparator_per_100=D("101"))),
    ("is_published", dict(provenance="NC", is_published=True)),
    ("per_100", dict(per_100=None, ci_low=None, ci_high=None, amount=None)),
    ("edss_max", dict(edss_max=D("11"))),
]


@pytest.mark.parametrize("field, changes", IMPOSSIBLE_FIGURES)
def test_validation_names_the_field_of_an_impossible_figure(db, field, changes):
    figure = Figure(**figure_values(make_source(), **changes))
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert field in caught.value.message_dict, caught.value.message_dict
    assert "__all__" not in caught.value.message_dict, "every message should name its field"


@pytest.mark.parametrize("field, changes", IMPOSSIBLE_FIGURES)
def test_database_refuses_an_impossible_figure_even_without_validation(db, field, changes):
    figure = Figure(**figure_values(make_source(), **changes))
    with pytest.raises(IntegrityError), transaction.atomic():
        figure.save()


def test_a_valid_figure_passes_both(db):
    figure = make_figure(make_source())
    assert Figure.objects.get(pk=figure.pk).per_100 == D("73")


def test_a_count_must_match_its_numerator_and_denominator(db):
    figure = Figure(**figure_values(make_source(), numerator=20, denominator=29, per_100=D("50"), estimate="count", ci_low=None, ci_high=None))
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert "20 of 29 is 69.0 per 100" in caught.value.message_dict["per_100"][0]


def test_a_count_rounded_to_the_published_precision_is_accepted(db):
    # UK deaths within 100 days: 5 of 364 is published as 1.4 per 100.
    make_figure(make_source(), key="uk-trm", kind="risk", outcome="death_100_days", numerator=5, denominator=364,
                per_100=D("1.4"), estimate="count", ci_low=None, ci_high=None)


def test_a_corrected_figure_must_say_what_was_corrected(db):
    figure = Figure(**figure_values(make_source(), provenance="S!=C", correction_note=""))
    with pytest.raises(ValidationError) as caught:
        figure.full_clean()
    assert "correction_note" in caught.value.message_dict


def test_an_unconfirmed_figure_may_be_stored_unpublished_but_is_never_shown(db):
    figure = make_figure(make_source(), provenance="NC", is_published=False)
    assert not figure.shown_as_fact
    assert figure not in Figure.objects.published()


def test_a_seed_only_figure_is_not_shown_as_fact_and_cannot_be_marked_published(db):
    source = make_source()
    make_figure(source, provenance="S", is_published=False)
    assert Figure.objects.published().count() == 0
    with pytest.raises(ValidationError) as caught:
        make_figure(source, key="seed-published", provenance="S", is_published=True)
    assert "never shown to people" in " ".join(caught.value.message_dict["is_published"])


def test_a_source_needs_a_way_to_find_it(db):
    source = Source(key="x", short_name="X", citation="X.", design="cohort", provenance="C")
    with pytest.raises(ValidationError) as caught:
        source.full_clean()
    assert "doi" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        source.save()


@pytest.mark.parametrize("field, value, message", [("doi", "doi.org/10.1", "10.NNNN/suffix"), ("pmid", "PMID12a3", "number")])
def test_source_identifiers_are_checked(db, field, value, message):
    source = Source(key="x", short_name="X", citation="X.", design="cohort", provenance="C", **{field: value})
    with pytest.raises(ValidationError) as caught:
        source.full_clean()
    assert message in " ".join(caught.value.message_dict[field])


@pytest.mark.parametrize(
    "check_name, threshold, message",
    [("age_below", None, "needs a threshold"), ("edss_at_most", D("5.3"), "steps of 0.5"), ("edss_below", D("12"), "between")],
)
def test_guideline_thresholds_are_checked(db, check_name, threshold, message):
    guideline = Guideline.objects.create(key="g", name="G", short_name="G", source=make_source(), summary_plain="s", confidence_note="c")
    criterion = GuidelineCriterion(
        guideline=guideline, key="k", check_name=check_name, threshold=threshold,
        label_plain="l", label_technical="l", threshold_plain="t",
    )
    with pytest.raises(ValidationError) as caught:
        criterion.full_clean()
    assert message in " ".join(caught.value.message_dict["threshold"])


def test_trial_age_range_is_checked_in_validation_and_database(db):
    trial = Trial(
        key="t", name="T", design="RCT", ahsct_arm="Cy/ATG", comparator="DMT", size="100", countries="UK",
        key_eligibility="RRMS", status="recruiting", status_as_of="1 January 2025", status_source="registry",
        age_min=55, age_max=18,
    )
    with pytest.raises(ValidationError) as caught:
        trial.full_clean()
    assert "age_min" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        trial.save()
