"""Dated statements of one source (where aHSCT should be done, where it is offered in Norway, the Norwegian
estimate of people who went abroad): loaded from the fixtures, frozen in the release, edited with history, and an
unconfirmed one never published."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from decisionaid.evidence import releases
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease, Statement

from . import admin_forms
from .test_workflow import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    load_evidence()


def test_every_statement_has_a_source_and_a_date(loaded):
    statements = Statement.objects.select_related("source")
    assert {s.topic for s in statements} == {"centres", "norway", "abroad"}
    for statement in statements:
        assert statement.source.url or statement.source.doi or statement.source.pmid
        assert statement.stated_on <= datetime.date.today() and statement.stated_on_words
        assert statement.is_published and statement.provenance != "NC"


def test_the_norwegian_estimate_is_attributed_dated_and_said_to_come_from_social_media(loaded):
    estimate = Statement.objects.get(key="norway-abroad-estimate-2024")
    assert estimate.provenance == "S" and estimate.source.key == "nygaard-holmoy-2024"
    assert estimate.stated_on == datetime.date(2024, 2, 12)
    text = estimate.text_plain
    assert text.startswith("The Norwegian review of 2024") and "estimates" in text
    for figure in ("about 400", "200 to Russia", "150 to Mexico", "50 elsewhere", "patient groups on social media"):
        assert figure in text


def test_norway_rows_say_what_the_sources_say(loaded):
    norway = {s.key: s for s in Statement.objects.filter(topic="norway")}
    assert norway["norway-not-standard-care"].stated_on == datetime.date(2016, 3, 14)
    assert "Beslutningsforum" in norway["norway-not-standard-care"].text_plain
    access = norway["norway-ram-ms-or-exception"]
    assert access.stated_on_words == "March 2024" and "RAM-MS" in access.text_plain
    assert "individuell unntaksordning" in access.text_plain


def test_the_statements_are_frozen_in_the_release_snapshot(loaded):
    snapshot = EvidenceRelease.current().snapshot
    assert {s["key"] for s in snapshot["statements"]} == set(Statement.objects.values_list("key", flat=True))
    evidence = releases.evidence_from(snapshot)
    estimate = next(s for s in evidence.statements_about("abroad"))
    assert estimate.stated_on == datetime.date(2024, 2, 12) and estimate.source.key == "nygaard-holmoy-2024"
    # A release made before statements existed still reads: no statements, no error.
    old = {key: value for key, value in snapshot.items() if key != "statements"}
    assert releases.evidence_from(old).statements == ()


def test_a_changed_statement_shows_in_the_comparison_with_the_release(loaded):
    statement = Statement.objects.get(key="norway-ram-ms-or-exception")
    statement.text_plain += " (edited)"
    statement.save()
    changes = releases.diff(EvidenceRelease.current().snapshot, releases.snapshot_named(releases.DRAFT))
    assert [(c["kind"], c["key"], c["change"]) for c in changes] == [
        ("Statements", "norway-ram-ms-or-exception", "changed")
    ]


def test_an_unconfirmed_statement_cannot_be_published(loaded):
    statement = Statement.objects.get(key="nmss-2021-experienced-centres")
    statement.provenance = "NC"
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert "is_published" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        statement.save()


def test_a_statement_dated_in_the_future_is_refused_on_its_field(loaded):
    statement = Statement.objects.get(key="nmss-2021-experienced-centres")
    statement.stated_on = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert "stated_on" in refused.value.message_dict


def test_an_editor_edits_a_statement_in_admin_as_a_draft_with_history(loaded):
    user, client = member("edith", "Evidence editor")
    statement = Statement.objects.get(key="norway-ram-ms-or-exception")
    url = reverse("admin:evidence_statement_change", args=[statement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, admin_forms.form_data(
        statement, text_plain=statement.text_plain + " Checked again.", stated_on="2024-03-01",
        stated_on_words="March 2024", provenance="C", is_published=True, display_order=2,
        change_reason="Checked on ms.no",
    ))
    assert response.status_code == 302, response.content.decode()[:2000]
    statement.refresh_from_db()
    assert statement.is_draft and statement.changed_by == user
    assert statement.history.first().history_change_reason == "Checked on ms.no"
