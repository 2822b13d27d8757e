"""Draft, review, release: an editor's change is a draft with a reason in its history; only a second person in
the reviewer group approves it; no release is published while a draft waits."""
import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease, Figure

from ..conftest import HttpsClient
from .admin_forms import REASON, form_data, form_errors

def member(username: str, group: str) -> tuple:
    user = get_user_model().objects.create_user(username, password="a-long-password-123", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = HttpsClient()
    client.force_login(user)
    return user, client


@pytest.fixture
def team(db):
    load_evidence()
    return {
        "editor": member("edith", "Evidence editor"),
        "reviewer": member("rita", "Evidence reviewer"),
        "second_reviewer": member("ravi", "Evidence reviewer"),
    }


def figure_url(figure) -> str:
    return reverse("admin:evidence_figure_change", args=[figure.pk])


def edit(client, figure, **changes):
    response = client.post(figure_url(figure), form_data(figure, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    figure.refresh_from_db()
    return figure


def approve(client, figure):
    return client.post(
        reverse("admin:evidence_figure_changelist"), {"action": "mark_reviewed", "_selected_action": [figure.pk]},
        follow=True,
    )


def publish(client, version: str):
    today = timezone.localdate()
    return client.post(
        reverse("admin:evidence_evidencerelease_add"),
        {"version": version, "released_on": today, "reviewed_on": today, "note": "A corrected figure."},
    )


def a_figure():
    return Figure.objects.filter(is_published=True).order_by("key").first()


def test_the_two_groups_exist_with_their_permissions(db):
    editor = Group.objects.get(name="Evidence editor")
    reviewer = Group.objects.get(name="Evidence reviewer")
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    reviewer_perms = set(reviewer.permissions.values_list("codename", flat=True))
    assert {"change_figure", "add_source", "change_guidelinecriterion"} <= editor_perms
    assert "approve_evidence" not in editor_perms and "add_evidencerelease" not in editor_perms
    assert {"approve_evidence", "add_evidencerelease"} <= reviewer_perms


def test_an_edit_is_a_draft_by_its_editor_with_its_reason_in_the_history(team):
    editor, client = team["editor"]
    figure = edit(client, a_figure(), label_plain="had no sign of MS activity")
    assert figure.is_draft and figure.changed_by == editor and figure.approved_by is None
    assert figure.history.latest().history_change_reason == REASON
    history = html.unescape(client.get(reverse("admin:evidence_figure_history", args=[figure.pk])).content.decode())
    assert REASON in history


def test_a_change_needs_a_reason(team):
    _, client = team["editor"]
    figure = a_figure()
    data = form_data(figure, label_plain="had no sign of MS activity")
    del data["change_reason"]
    assert "change_reason" in form_errors(client.post(figure_url(figure), data))
    figure.refresh_from_db()
    assert not figure.is_draft


def test_an_editor_cannot_approve_and_a_reviewer_cannot_approve_their_own_change(team):
    _, editor_client = team["editor"]
    _, reviewer_client = team["reviewer"]
    figure = edit(reviewer_client, a_figure(), label_plain="had no sign of MS activity")

    approve(editor_client, figure)  # an editor has no approval action at all
    figure.refresh_from_db()
    assert figure.is_draft

    page = approve(reviewer_client, figure).content.decode()
    assert "you made the last change to this row; another reviewer must approve it" in page
    figure.refresh_from_db()
    assert figure.is_draft and figure.approved_by is None


def test_no_release_while_a_draft_waits_and_a_second_reviewer_unblocks_it(team):
    _, editor_client = team["editor"]
    reviewer, reviewer_client = team["second_reviewer"]
    figure = edit(editor_client, a_figure(), label_plain="had no sign of MS activity")

    refused = publish(reviewer_client, "2026.2")
    assert refused.status_code == 200
    [message] = refused.context["adminform"].form.non_field_errors()
    assert "await a second person's approval" in message and str(figure) in message
    assert "Changes awaiting a second person" in reviewer_client.get("/admin/").content.decode()

    approve(reviewer_client, figure)
    figure.refresh_from_db()
    assert not figure.is_draft and figure.approved_by == reviewer and figure.reviewed_by == reviewer
    assert figure.last_reviewed == timezone.localdate()
    assert publish(reviewer_client, "2026.2").status_code == 302
    assert EvidenceRelease.current().version == "2026.2"


def test_an_editor_cannot_publish_a_release(team):
    _, client = team["editor"]
    assert publish(client, "2026.2").status_code == 403
    assert EvidenceRelease.current().version == "2026.1"
