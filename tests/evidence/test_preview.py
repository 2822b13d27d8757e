"""Preview as a patient: an editor sees the results and the summary for a test profile with the draft applied,
marked as a preview, while a patient's results still show the current release."""
import html
import re

import pytest
from django.urls import reverse

from decisionaid.evidence.models import Figure, GuidelineCriterion
from decisionaid.evidence.preview import PREVIEW_VERSION, PROFILES

from ..conftest import HttpsClient
from ..summary.test_results_page import all_pages
from .admin_forms import form_data
from .test_workflow import edit, member, team  # noqa: F401  (the fixture)

MARK = "stayed free of any sign of MS activity (draft wording)"


def text(response) -> str:
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def preview(client, **query):
    return client.get(reverse("evidence-preview"), query)


def test_the_preview_shows_the_draft_while_a_patient_still_sees_the_release(team):
    _, client = team["editor"]
    patient = HttpsClient()
    shown = {key for page in all_pages(patient).values() for key in re.findall(r'data-figure-key="([^"]+)"', page)}
    figure = Figure.objects.filter(key__in=shown).order_by("key").first()
    edit(client, figure, label_plain=MARK)

    pages = [preview(client, profile="relapsing-35", page=page) for page in ("results", "benefits-and-risks", "summary")]
    previewed = " ".join(text(page) for page in pages)
    assert MARK in previewed
    for page in pages:
        assert "Preview for evidence editors: the draft evidence, not yet released." in text(page)
        assert "Evidence version 2026.1" not in text(page)
    assert PREVIEW_VERSION in text(pages[2])  # the summary names the preview as its evidence version

    patient_text = html.unescape(" ".join(all_pages(patient).values()))
    assert MARK not in patient_text
    assert "Preview for evidence editors" not in patient_text and PREVIEW_VERSION not in patient_text


def test_a_criterion_draft_changes_the_previewed_verdict(team):
    _, client = team["editor"]
    age = GuidelineCriterion.objects.get(guideline__key="ebmt-2020", key="age")
    before = text(preview(client, profile="relapsing-47", page="guidelines"))  # EBMT and ECTRIMS say 45, NMSS 50
    response = client.post(reverse("admin:evidence_guidelinecriterion_change", args=[age.pk]), form_data(age, threshold="50"))
    assert response.status_code == 302
    after = text(preview(client, profile="relapsing-47", page="guidelines"))
    assert after.count("under 45") < before.count("under 45")
    assert after.count("under 50") > before.count("under 50")


def test_every_test_profile_previews_and_an_unknown_one_is_a_404(team):
    _, client = team["editor"]
    for key in PROFILES:
        assert preview(client, profile=key).status_code == 200, key
    assert preview(client, profile="nobody").status_code == 404
    assert preview(client, page="no-such-page").status_code == 404


def test_the_figure_form_links_to_the_preview(team):
    _, client = team["editor"]
    figure = Figure.objects.order_by("key").first()
    page = client.get(reverse("admin:evidence_figure_change", args=[figure.pk])).content.decode()
    assert f'{reverse("evidence-preview")}?profile=relapsing-35&amp;page=results' in page


def test_the_preview_is_for_staff_only(db):
    response = HttpsClient().get(reverse("evidence-preview"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_figure_form_shows_the_sentence_patients_read_with_the_values_just_submitted(admin_client, db):
    from .factories import make_figure, make_source

    figure = make_figure(make_source(), estimate="count", numerator=127, denominator=174, per_100="73",
                         ci_low=None, ci_high=None, ci_level=None)
    url = reverse("admin:evidence_figure_change", args=[figure.pk])
    assert "127 of 174 people had no signs of MS activity" in text(admin_client.get(url))
    # A refused edit shows the form again; the sentence already reads the submitted words.
    refused = admin_client.post(url, form_data(figure, label_plain="had no relapses", ci_low="90"))
    assert "127 of 174 people had no relapses" in text(refused)
