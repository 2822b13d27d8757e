"""A criterion's threshold and its words come from one place: a new threshold changes the number in the words,
words that do not name the threshold are refused, and admin says how the check compares and in what unit."""
from decimal import Decimal

import pytest
from django.urls import reverse

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import GuidelineCriterion

from ..assessment.conftest import make_profile
from .admin_forms import form_data, form_errors


@pytest.fixture
def ebmt_age(db):
    load_evidence()
    return GuidelineCriterion.objects.get(guideline__key="ebmt-2020", key="age")


def change_url(criterion) -> str:
    return reverse("admin:evidence_guidelinecriterion_change", args=[criterion.pk])


def ebmt_age_result(age: int):
    assessment = assess(profile=make_profile(age=age), evidence=load_published_evidence())
    [ebmt] = [g for g in assessment.guidelines if g.key == "ebmt-2020"]
    [criterion] = [c for c in ebmt.criteria if c.key == "age"]
    return criterion


def test_a_new_threshold_changes_the_words_and_the_verdict_with_it(admin_client, ebmt_age):
    before = ebmt_age_result(47)
    assert (before.result, before.threshold) == ("not_met", "under 45")

    response = admin_client.post(change_url(ebmt_age), form_data(ebmt_age, threshold="50"), follow=True)
    assert response.status_code == 200
    assert "now names the new threshold" in response.content.decode()
    ebmt_age.refresh_from_db()
    assert ebmt_age.threshold_plain == "under 50"
    assert ebmt_age.label_technical == "Age < 50 (best-evidence profile)"

    after = ebmt_age_result(47)
    assert (after.result, after.threshold, after.label_technical) == ("met", "under 50", "Age < 50 (best-evidence profile)")


def test_a_relapse_threshold_changes_only_its_own_number(admin_client, db):
    load_evidence()
    activity = GuidelineCriterion.objects.get(guideline__key="ebmt-2020", key="activity")
    assert admin_client.post(change_url(activity), form_data(activity, threshold="3")).status_code == 302
    activity.refresh_from_db()
    assert activity.threshold_plain == "3 or more relapses, or 1 relapse plus new MRI activity, in the last 12 months"


@pytest.mark.parametrize("field", ["threshold_plain", "label_technical"])
def test_words_that_do_not_name_the_threshold_are_refused(admin_client, ebmt_age, field):
    errors = form_errors(admin_client.post(change_url(ebmt_age), form_data(ebmt_age, **{field: "under forty-five"})))
    assert "must name the threshold, 45 (< 45 years)" in " ".join(errors[f"{field}_en_gb"])


@pytest.mark.parametrize(
    "criterion_key, threshold, message",
    [("age", "45.5", "whole number of years"), ("edss", "5.3", "steps of 0.5"), ("duration", "9.5", "whole number")],
)
def test_thresholds_have_the_precision_of_their_check(admin_client, db, criterion_key, threshold, message):
    load_evidence()
    criterion = GuidelineCriterion.objects.get(guideline__key="ebmt-2020", key=criterion_key)
    errors = form_errors(admin_client.post(change_url(criterion), form_data(criterion, threshold=threshold)))
    assert message in " ".join(errors["threshold"])
    criterion.refresh_from_db()
    assert criterion.threshold != Decimal(threshold)


def test_admin_shows_the_comparison_and_unit_beside_the_threshold(admin_client, db):
    load_evidence()
    age = GuidelineCriterion.objects.get(guideline__key="ebmt-2020", key="age")
    edss = GuidelineCriterion.objects.get(guideline__key="ebmt-2020", key="edss")
    age_page = admin_client.get(change_url(age)).content.decode()
    assert "person&#x27;s value &lt; threshold" in age_page and "Unit: years, in whole numbers" in age_page
    edss_page = admin_client.get(change_url(edss)).content.decode()
    assert "person&#x27;s value ≤ threshold" in edss_page and "steps of 0.5" in edss_page
    guideline_page = admin_client.get(reverse("admin:evidence_guideline_change", args=[age.guideline_id])).content.decode()
    assert "How the check uses the threshold" in guideline_page


def test_every_fixture_criterion_names_its_threshold(db):
    load_evidence()
    for criterion in GuidelineCriterion.objects.all():
        criterion.full_clean()
