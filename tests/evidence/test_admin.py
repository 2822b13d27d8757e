"""Evidence editors work in admin: they edit figures, see who changed what, and see what is due for review."""
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from decisionaid.evidence import languages
from decisionaid.evidence.models import Figure

from ..conftest import HttpsClient
from . import admin_forms
from .factories import make_figure, make_source

CHANGE_URL = "admin:evidence_figure_change"
REASON = "Corrected from the article"


def form_data(figure: Figure, **changes) -> dict:
    """What the admin change form posts for this figure, with some fields changed, and the reason one test reads back."""
    return admin_forms.form_data(figure, change_reason=REASON, **changes)


@pytest.fixture
def figure(db):
    return make_figure(make_source())


def test_staff_edits_a_figure_and_the_history_shows_who_and_what(admin_client, admin_user, figure):
    url = reverse(CHANGE_URL, args=[figure.pk])
    response = admin_client.post(url, form_data(figure, per_100="72", label_plain="had no MS activity"))
    assert response.status_code == 302, response.content.decode()[:2000]

    figure.refresh_from_db()
    assert figure.per_100 == Decimal("72")
    latest = figure.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    # The content changed, and the row became a draft by this editor, with the reason kept.
    # (The plain label and its English column: the plain one keeps the text of the language it was saved in.)
    assert latest.diff_against(latest.prev_record).changed_fields == [
        "changed_by", "is_draft", "label_plain", "label_plain_en_gb", "per_100",
    ]
    assert latest.history_change_reason == REASON

    history_page = admin_client.get(reverse("admin:evidence_figure_history", args=[figure.pk])).content.decode()
    assert admin_user.username in history_page
    history_text = re.sub(r"<[^>]+>", " ", history_page)
    assert re.search(r"Value per 100:\s*73\.00.*?72\.00", history_text, re.S)


def test_admin_refuses_an_impossible_figure_and_names_the_field(admin_client, figure):
    url = reverse(CHANGE_URL, args=[figure.pk])
    response = admin_client.post(url, form_data(figure, numerator="200", denominator="174", estimate="count", per_100="73"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "cannot be larger than the denominator (174)" in " ".join(errors["numerator"])
    figure.refresh_from_db()
    assert figure.numerator is None


def test_admin_refuses_a_range_that_does_not_contain_the_value(admin_client, figure):
    response = admin_client.post(reverse(CHANGE_URL, args=[figure.pk]), form_data(figure, ci_low="74"))
    assert response.status_code == 200
    assert "must contain the value" in " ".join(response.context["adminform"].form.errors["ci_low"])


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/evidence/figure/",
        "/admin/evidence/source/",
        "/admin/evidence/due-for-review/",
    ],
)
def test_nothing_in_admin_is_reachable_without_staff(db, url):
    anonymous = HttpsClient()
    assert anonymous.get(url).status_code == 302
    user = get_user_model().objects.create_user("patient", password="a-long-password-123")
    member = HttpsClient()
    member.force_login(user)
    response = member.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_lists_filters_and_searches_figures(admin_client, figure):
    response = admin_client.get("/admin/evidence/figure/", {"q": "NEDA", "kind__exact": "benefit", "review": "due"})
    assert response.status_code == 200
    assert figure.key in response.content.decode()
    response = admin_client.get("/admin/evidence/figure/", {"q": "thyroid"})
    assert figure.key not in response.content.decode()


def test_figures_are_edited_inline_under_their_source(admin_client, figure):
    page = admin_client.get(reverse("admin:evidence_source_change", args=[figure.source.pk])).content.decode()
    assert 'name="figures-TOTAL_FORMS"' in page
    assert figure.key in page


def test_due_for_review_lists_only_rows_older_than_twelve_months(admin_client, figure):
    stale = make_figure(figure.source, key="stale", last_reviewed=date.today() - timedelta(days=400))
    Figure.objects.filter(pk=figure.pk).update(last_reviewed=date.today() - timedelta(days=30))
    figure.source.last_reviewed = date.today()
    figure.source.save()

    page = admin_client.get("/admin/evidence/due-for-review/").content.decode()
    assert re.search(rf'href="/admin/evidence/figure/{stale.pk}/change/"', page)
    assert f"/admin/evidence/figure/{figure.pk}/change/" not in page
    assert f"/admin/evidence/source/{figure.source.pk}/change/" not in page

    listing = admin_client.get("/admin/evidence/figure/", {"review": "due"}).content.decode()
    assert "stale" in listing and "test-neda-5y" not in listing


def test_marking_rows_reviewed_records_who_and_when(admin_client, admin_user, figure):
    response = admin_client.post(
        "/admin/evidence/figure/", {"action": "mark_reviewed", "_selected_action": [figure.pk]}, follow=True
    )
    assert response.status_code == 200
    figure.refresh_from_db()
    assert figure.last_reviewed == date.today()
    assert figure.reviewed_by == admin_user
    assert figure.history.latest().history_change_reason == "Marked as reviewed"
