"""What an evidence editor is refused in admin, each time with a message on the field concerned: dates in the
future, malformed identifiers, incomplete inline figures, a figure published that can never be shown, a trial
status changed without its new date and source. And an edit takes away the row's reviewed mark."""
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from decisionaid.evidence.models import EvidenceRelease, Figure, Source, Trial

from .admin_forms import form_data, form_errors
from .factories import figure_values, make_figure, make_source, make_trial

TOMORROW = timezone.localdate() + timedelta(days=1)


def change_url(obj) -> str:
    return reverse(f"admin:evidence_{obj._meta.model_name}_change", args=[obj.pk])


def no_inlines() -> dict:
    return {"figures": []}


@pytest.fixture
def figure(db, admin_user):
    figure = make_figure(make_source())
    Figure.objects.filter(pk=figure.pk).update(last_reviewed=timezone.localdate(), reviewed_by=admin_user)
    figure.refresh_from_db()
    return figure


# An edit clears the reviewed mark


def test_editing_a_figure_clears_its_reviewed_mark(admin_client, figure):
    response = admin_client.post(change_url(figure), form_data(figure, numerator="127", denominator="174"))
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.numerator == 127
    assert figure.last_reviewed is None and figure.reviewed_by is None


def test_saving_without_a_change_keeps_the_reviewed_mark(admin_client, figure):
    assert admin_client.post(change_url(figure), form_data(figure)).status_code == 302
    figure.refresh_from_db()
    assert figure.last_reviewed == timezone.localdate()


def test_the_reviewed_mark_cannot_be_typed_into_the_form(admin_client, figure):
    long_ago = date(2020, 1, 1)
    data = form_data(figure, label_plain="had no MS activity")
    data["last_reviewed"] = long_ago.isoformat()
    assert admin_client.post(change_url(figure), data).status_code == 302
    figure.refresh_from_db()
    assert figure.last_reviewed is None


def test_editing_a_figure_inline_under_its_source_clears_its_mark(admin_client, figure):
    source = figure.source
    data = form_data(source, inlines=no_inlines())
    row = {name: value for name, value in form_data(figure).items()}
    row.update({"id": figure.pk, "source": source.pk, "numerator": "127"})
    data.update({f"figures-0-{name}": value for name, value in row.items()})
    data.update({"figures-TOTAL_FORMS": "1", "figures-INITIAL_FORMS": "1"})
    response = admin_client.post(change_url(source), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    figure.refresh_from_db()
    assert figure.numerator == 127 and figure.last_reviewed is None


# Dates in the future


def test_a_source_year_in_the_future_is_refused(admin_client, db):
    source = make_source()
    errors = form_errors(admin_client.post(change_url(source), form_data(source, year=TOMORROW.year + 1, inlines=no_inlines())))
    assert "in the future" in " ".join(errors["year"])


def test_a_review_date_in_the_future_is_refused(db):
    source = make_source()
    source.last_reviewed = TOMORROW
    with pytest.raises(Exception) as refused:
        source.full_clean()
    assert "in the future" in " ".join(refused.value.message_dict["last_reviewed"])


@pytest.mark.parametrize("field", ["released_on", "reviewed_on"])
def test_a_release_dated_in_the_future_is_refused(admin_client, db, field):
    today = timezone.localdate()
    data = {"version": "2099.1", "released_on": today, "reviewed_on": today, "note": "A test release."}
    data[field] = TOMORROW
    response = admin_client.post(reverse("admin:evidence_evidencerelease_add"), data)
    assert "is in the future" in " ".join(form_errors(response)[field])
    assert not EvidenceRelease.objects.exists()


@pytest.mark.parametrize("field", ["status_known_on", "status_read_on"])
def test_a_trial_status_date_in_the_future_is_refused(admin_client, db, field):
    trial = make_trial()
    errors = form_errors(admin_client.post(change_url(trial), form_data(trial, **{field: TOMORROW})))
    assert "in the future" in " ".join(errors[field])


# Identifiers


@pytest.mark.parametrize(
    "typed, stored",
    [
        (" 10.1136/jnnp-2023-331864 ", "10.1136/jnnp-2023-331864"),
        ("https://doi.org/10.1136/jnnp-2023-331864", "10.1136/jnnp-2023-331864"),
        ("doi: 10.1136/jnnp-2023-331864", "10.1136/jnnp-2023-331864"),
    ],
)
def test_a_doi_is_stored_in_its_plain_form(admin_client, db, typed, stored):
    source = make_source()
    assert admin_client.post(change_url(source), form_data(source, doi=typed, inlines=no_inlines())).status_code == 302
    source.refresh_from_db()
    assert source.doi == stored


@pytest.mark.parametrize("doi", ["10.1136/jnnp 2023", "jnnp-2023-331864", "10.11/x", "10.1136/"])
def test_a_malformed_doi_is_refused(admin_client, db, doi):
    source = make_source()
    errors = form_errors(admin_client.post(change_url(source), form_data(source, doi=doi, inlines=no_inlines())))
    assert "10.NNNN/suffix" in " ".join(errors["doi"])


def test_a_pmid_is_stored_as_its_number_and_checked(admin_client, db):
    source = make_source()
    assert admin_client.post(change_url(source), form_data(source, pmid="PMID: 37748927", inlines=no_inlines())).status_code == 302
    source.refresh_from_db()
    assert source.pmid == "37748927"
    errors = form_errors(admin_client.post(change_url(source), form_data(source, pmid="3774 8927", inlines=no_inlines())))
    assert "A PMID is a number" in " ".join(errors["pmid"])


# Inline figures need what the main form needs


def test_a_figure_added_inline_needs_its_technical_label_population_and_ms_types(admin_client, db):
    source = make_source()
    row = {
        "key": "inline-neda", "kind": "benefit", "outcome": "neda", "label_plain_en_gb": "had no signs of MS activity",
        "per_100": "73", "estimate": "kaplan_meier", "time_point_en_gb": "5 years", "provenance": "C",
    }
    response = admin_client.post(change_url(source), form_data(source, inlines={"figures": [row]}))
    assert response.status_code == 200
    [formset] = [f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "figures"]
    [errors] = formset.errors
    assert {"label_technical_en_gb", "population_en_gb", "includes_rrms"} <= set(errors)
    assert not Figure.objects.filter(key="inline-neda").exists()


def test_every_inline_shows_every_field_its_main_form_requires():
    from django.contrib import admin
    from django.contrib.admin.utils import flatten

    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            shown = set(flatten(inline(model_admin.model, admin.site).get_fields(None)))
            required = {
                f.name for f in inline.model._meta.concrete_fields
                if f.editable and not f.blank and not f.has_default() and not f.primary_key
                and not (f.is_relation and f.related_model is model_admin.model)
            }
            assert required <= shown, (inline.__name__, required - shown)


# A figure that can never be shown cannot be published


def test_publishing_a_seed_only_figure_is_refused_with_the_reason(admin_client, figure):
    errors = form_errors(admin_client.post(change_url(figure), form_data(figure, provenance="S", is_published=True)))
    assert "never shown to people" in " ".join(errors["is_published"])
    assert admin_client.post(change_url(figure), form_data(figure, provenance="S", is_published=False)).status_code == 302


def test_the_database_refuses_a_published_seed_only_figure(db):
    from django.db import IntegrityError, transaction

    source = make_source()
    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(**figure_values(source, provenance="S", is_published=True))


# A trial's new status needs its own date and source


def test_a_trial_status_change_without_a_new_date_and_source_is_refused(admin_client, db):
    trial = make_trial()
    errors = form_errors(admin_client.post(change_url(trial), form_data(trial, status="completed")))
    for field in ("status_known_on", "status_as_of_en_gb", "status_source"):
        assert 'changed from "Recruiting" to "Completed"' in " ".join(errors[field]), field
    trial.refresh_from_db()
    assert trial.status == "recruiting"


def test_a_trial_status_change_with_its_new_date_and_source_is_saved(admin_client, db):
    trial = make_trial()
    new = dict(
        status="completed", status_known_on=date(2026, 6, 1), status_as_of="1 June 2026",
        status_source="Registry record of 1 June 2026",
    )
    assert admin_client.post(change_url(trial), form_data(trial, **new)).status_code == 302
    trial.refresh_from_db()
    assert trial.status == "completed" and trial.status_as_of == "1 June 2026"
