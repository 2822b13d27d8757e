"""The evidence workflow in real browsers: an editor's draft shows in their preview while another visitor's
results do not change; a second person approves it and publishes a release, and the visitor's next page shows
it. Nobody approves their own change."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from decisionaid.evidence.models import EvidenceRelease, Figure

from .flow import start_from_home, walk

MARK = "stayed free of any sign of MS activity (browser draft)"
NB_MARK = "holdt seg fri for alle tegn til MS-aktivitet (prøvetekst)"
PASSWORD = "a-long-password-123"
BENEFITS = "/results/benefits-and-risks/"


def role(name: str) -> Group:
    """The group the data migration made. Browser tests empty the database after each test (post_migrate puts
    the permissions back, not the groups), so it is made again here from the migration's own lists."""
    from importlib import import_module

    from django.contrib.auth.models import Permission

    migration = import_module("decisionaid.evidence.migrations.0008_evidence_groups")
    codenames = {"Evidence editor": migration.EDITOR, "Evidence reviewer": migration.REVIEWER}[name]
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.set(Permission.objects.filter(content_type__app_label="evidence", codename__in=codenames))
    return group


def staff(username: str, group: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(role(group))
    return user


def sign_in(page, username: str):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url.endswith("/admin/"), page.url


def approve(page, figure) -> str:
    page.goto("/admin/evidence/figure/?is_draft__exact=1")
    page.check(f"input[name=_selected_action][value='{figure.pk}']")
    page.select_option("select[name=action]", "mark_reviewed")
    with page.expect_navigation():
        page.click("button[name=index]")
    return page.inner_text("main, #content")


@pytest.mark.django_db(transaction=True)
def test_a_draft_is_previewed_approved_by_another_and_released(page, make_page):
    staff("edith", "Evidence editor")
    staff("rita", "Evidence reviewer")
    visitor = page
    start_from_home(visitor)
    walk(visitor)
    visitor.goto(BENEFITS)
    key = visitor.locator("[data-figure-key]").first.get_attribute("data-figure-key")
    figure = Figure.objects.get(key=key)

    editor = make_page(viewport={"width": 1280, "height": 900})
    sign_in(editor, "edith")
    editor.goto(f"/admin/evidence/figure/{figure.pk}/change/")
    # The English and the Norwegian text are in the same form, one under the other.
    editor.fill("#id_label_plain_en_gb", MARK)
    editor.fill("#id_label_plain_nb", NB_MARK)
    editor.fill("#id_change_reason", "Plainer words, checked with two readers")
    with editor.expect_navigation():
        editor.click("input[name=_save]")
    assert "was changed successfully" in editor.inner_text("body")
    figure.refresh_from_db()
    assert (figure.label_plain_en_gb, figure.label_plain_nb) == (MARK, NB_MARK)

    editor.goto(f"/admin/evidence/preview/?profile=relapsing-35&page=benefits-and-risks")
    assert "Preview for evidence editors" in editor.inner_text("body")
    assert MARK in editor.inner_text("body")
    visitor.reload()
    assert MARK not in visitor.inner_text("body")  # another visitor: the current release, unchanged

    reviewer = make_page(viewport={"width": 1280, "height": 900})
    sign_in(reviewer, "rita")
    reviewer.goto("/admin/evidence/evidencerelease/add/")
    reviewer.fill("#id_version", "2026.2")
    reviewer.fill("#id_note", "Plainer words for the five-year figure.")
    with reviewer.expect_navigation():
        reviewer.click("input[name=_save]")
    assert "await a second person's approval" in reviewer.inner_text("body")  # the draft blocks the release

    assert "approved and marked as reviewed" in approve(reviewer, figure)
    reviewer.goto("/admin/evidence/evidencerelease/add/")
    reviewer.fill("#id_version", "2026.2")
    reviewer.fill("#id_note", "Plainer words for the five-year figure.")
    with reviewer.expect_navigation():
        reviewer.click("input[name=_save]")
    assert EvidenceRelease.current().version == "2026.2"

    visitor.reload()
    assert MARK in visitor.inner_text("body")
    assert "Evidence version 2026.2" in visitor.inner_text("footer")


@pytest.mark.django_db(transaction=True)
def test_a_reviewer_cannot_approve_their_own_change(page):
    staff("rita", "Evidence reviewer")
    figure = Figure.objects.filter(is_published=True).order_by("key").first()
    sign_in(page, "rita")
    page.goto(f"/admin/evidence/figure/{figure.pk}/change/")
    page.fill("#id_label_plain_en_gb", MARK)
    page.fill("#id_change_reason", "Plainer words")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert "another reviewer must approve it" in approve(page, figure)
    figure.refresh_from_db()
    assert figure.is_draft
