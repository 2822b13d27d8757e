"""load_evidence: the fixtures load into an empty or existing database, and loading again changes nothing."""
import json
import shutil
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from decisionaid.evidence.loading import DEFAULT_DIRECTORY, FixtureError, load_evidence
from decisionaid.evidence.models import (
    EvidenceRelease, Figure, Guideline, GuidelineCriterion, Source, Treatment, Trial,
)

EVIDENCE_MODELS = (Source, Figure, Guideline, GuidelineCriterion, Treatment, Trial, EvidenceRelease)


def snapshot():
    """Row counts and history counts of every evidence model."""
    return {
        model.__name__: (model.objects.count(), model.history.count()) for model in EVIDENCE_MODELS
    }


@pytest.fixture
def loaded(db):
    load_evidence()


def test_loads_into_an_empty_database(db):
    report = load_evidence()
    assert report.changed
    for model in EVIDENCE_MODELS:
        assert model.objects.exists(), f"no {model.__name__} rows loaded"


def test_loading_twice_changes_nothing_not_even_history(loaded):
    before = snapshot()
    report = load_evidence()
    assert not report.changed, report.summary()
    assert snapshot() == before


def test_the_command_reports_what_it_did(db):
    out = StringIO()
    call_command("load_evidence", stdout=out)
    assert "created:" in out.getvalue()
    out = StringIO()
    call_command("load_evidence", stdout=out)
    assert "created" not in out.getvalue() and "unchanged:" in out.getvalue()


def test_reloading_restores_the_fixture_but_keep_existing_keeps_an_editors_change(loaded):
    figure = Figure.objects.get(key=Figure.objects.order_by("key").values_list("key", flat=True).first())
    original = figure.label_plain
    figure.label_plain = "edited in admin"
    figure.save()

    load_evidence(keep_existing=True)
    figure.refresh_from_db()
    assert figure.label_plain == "edited in admin"

    load_evidence()
    figure.refresh_from_db()
    assert figure.label_plain == original
    assert figure.history.latest().history_change_reason.startswith("Loaded from fixtures")


def test_keep_existing_adds_rows_that_are_missing(loaded):
    treatment = Treatment.objects.get(slug="natalizumab")
    treatment.delete()
    load_evidence(keep_existing=True)
    assert Treatment.objects.filter(slug="natalizumab", high_efficacy=True).exists()


def copy_fixtures(tmp_path):
    target = tmp_path / "evidence"
    shutil.copytree(DEFAULT_DIRECTORY, target)
    return target


def edit_first(directory, name, **changes):
    path = directory / name
    rows = json.loads(path.read_text())
    rows[0].update(changes)
    path.write_text(json.dumps(rows))
    return rows[0]


def test_an_impossible_figure_in_a_fixture_is_refused_by_name_and_nothing_is_loaded(db, tmp_path):
    directory = copy_fixtures(tmp_path)
    row = edit_first(directory, "figures.json", numerator=500, denominator=10)
    with pytest.raises(FixtureError) as caught:
        load_evidence(directory=directory)
    message = str(caught.value)
    assert row["key"] in message and "numerator" in message
    assert snapshot() == {model.__name__: (0, 0) for model in EVIDENCE_MODELS}


def test_a_misspelt_field_in_a_fixture_is_refused(db, tmp_path):
    directory = copy_fixtures(tmp_path)
    edit_first(directory, "sources.json", pmdi="123")
    with pytest.raises(FixtureError, match="unknown field.*pmdi"):
        load_evidence(directory=directory)


def test_the_command_exits_with_a_clear_error(db, tmp_path):
    directory = copy_fixtures(tmp_path)
    (directory / "trials.json").write_text("{not json")
    with pytest.raises(CommandError, match="trials.json: not valid JSON"):
        call_command("load_evidence", directory=directory)
