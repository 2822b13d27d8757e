"""Publishing an evidence release: a new version label, a date no earlier than the release before it, and a note
of what changed; the new version then shows on every page and every summary."""
import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from decisionaid.evidence.admin import rows_due_for_review
from decisionaid.evidence.admin_views import REVIEWED_MODELS
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease

from ..pages.html_tree import parse
from ..questionnaire.test_wizard import walk

ADD_URL = "admin:evidence_evidencerelease_add"
NOTE = "Added the 2026 follow-up of the Swedish cohort; corrected a time point."


@pytest.fixture
def evidence(db):
    load_evidence()
    return EvidenceRelease.current()


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def post_release(admin_client, **values):
    data = {"version": "", "released_on": "", "reviewed_on": "", "note": NOTE}
    data.update({name: value.isoformat() if isinstance(value, date) else value for name, value in values.items()})
    return admin_client.post(reverse(ADD_URL), data)


def form_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, "the form was refused, not saved"
    return response.context["adminform"].form.errors


def words(element) -> str:
    """An element's text as read: no space before punctuation that follows an inline element."""
    return re.sub(r"\s+([,.;:])", r"\1", element.text)


def footer_text(response) -> str:
    [footer] = parse(response).find_all("footer")
    return footer.text


def summary_urls_exist() -> bool:
    try:
        reverse("summary:patient")
    except NoReverseMatch:
        return False
    return True


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


# Publishing changes what every page and summary shows


def publish_through_admin(admin_client, *, version: str, released_on: date) -> None:
    response = post_release(admin_client, version=version, released_on=released_on, reviewed_on=released_on)
    assert response.status_code == 302, response.content.decode()[:3000]


def publish_directly(admin_client, *, version: str, released_on: date) -> None:
    release = EvidenceRelease(version=version, released_on=released_on, reviewed_on=released_on, note=NOTE)
    release.full_clean()
    release.save()


@pytest.mark.parametrize("publish", [publish_through_admin, publish_directly], ids=["admin", "directly"])
def test_publishing_a_release_changes_the_version_on_the_pages_and_summaries(client, admin_client, evidence, publish):
    old = evidence
    new_date = old.released_on + timedelta(days=1)
    walk(client)  # the person's answers, so that the results page and the summaries exist
    assert f"Evidence version {old.version}" in footer_text(client.get("/"))

    publish(admin_client, version="2099.1", released_on=new_date)
    assert EvidenceRelease.current().version == "2099.1"

    for url in ("/", "/about/", "/privacy/", "/glossary/", "/evidence/", "/results/"):
        footer = footer_text(client.get(url))
        assert f"Evidence version 2099.1, released {day(new_date)}" in footer, url
        assert f"version {old.version}" not in footer, url
    assert "Evidence version 2099.1" in footer_text(client.get("/results/"))
    [about_version] = parse(client.get("/about/")).with_class("release-version")
    assert about_version.text == "2099.1"

    if not summary_urls_exist():
        pytest.skip("the printable summary (/summary/, /summary.pdf) is not built yet; the pages are checked above")
    summary = client.get(reverse("summary:patient"))
    assert summary.status_code == 200
    assert "Evidence version 2099.1" in parse(summary).text
    assert f"version {old.version}" not in parse(summary).text
    pdf = client.get(reverse("summary:patient_pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "2099.1" in pdf_text(pdf.content)


# Validation: a new label, and a date no earlier than the release before it


def test_a_version_label_already_used_is_refused_and_the_message_names_the_field(admin_client, evidence):
    response = post_release(admin_client, version=evidence.version, released_on=evidence.released_on,
                            reviewed_on=evidence.reviewed_on)
    errors = form_errors(response)
    assert list(errors) == ["version"]
    assert "Version" in " ".join(errors["version"])
    assert EvidenceRelease.objects.count() == 1


def test_a_label_differing_only_in_letter_case_is_refused(evidence):
    EvidenceRelease.objects.create(version="2099.1-beta", released_on=evidence.released_on,
                                   reviewed_on=evidence.reviewed_on, note=NOTE)
    release = EvidenceRelease(version="2099.1-BETA", released_on=evidence.released_on,
                              reviewed_on=evidence.reviewed_on, note=NOTE)
    with pytest.raises(ValidationError) as refused:
        release.full_clean()
    assert list(refused.value.message_dict) == ["version"]
    assert 'The version label "2099.1-BETA" is already used' in refused.value.message_dict["version"][0]


def test_a_date_earlier_than_the_current_release_is_refused_and_the_message_names_the_field(admin_client, evidence):
    earlier = evidence.released_on - timedelta(days=1)
    response = post_release(admin_client, version="2099.1", released_on=earlier, reviewed_on=earlier)
    errors = form_errors(response)
    assert list(errors) == ["released_on"]
    message = " ".join(errors["released_on"])
    assert "The release date" in message and "cannot be earlier" in message
    assert f"{evidence.version} was released on {day(evidence.released_on)}" in message
    assert EvidenceRelease.current() == evidence

    release = EvidenceRelease(version="2099.1", released_on=earlier, reviewed_on=earlier, note=NOTE)
    with pytest.raises(ValidationError) as refused:
        release.full_clean()
    assert list(refused.value.message_dict) == ["released_on"]


def test_the_same_date_as_the_current_release_is_allowed_and_becomes_current(evidence):
    release = EvidenceRelease(version="2099.1", released_on=evidence.released_on, reviewed_on=evidence.reviewed_on,
                              note=NOTE)
    release.full_clean()
    release.save()
    assert EvidenceRelease.current() == release


def test_the_note_of_what_changed_is_required(admin_client, evidence):
    response = post_release(admin_client, version="2099.1", released_on=evidence.released_on,
                            reviewed_on=evidence.reviewed_on, note="")
    assert "note" in form_errors(response)


def test_an_older_release_can_still_be_edited(evidence):
    newer = EvidenceRelease(version="2099.1", released_on=evidence.released_on + timedelta(days=3),
                            reviewed_on=evidence.reviewed_on, note=NOTE)
    newer.full_clean()
    newer.save()
    evidence.note += " (typo fixed)"
    evidence.full_clean()  # it is compared only with the releases published before it
    evidence.save()
    newer.released_on = evidence.released_on - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        newer.full_clean()
    assert list(refused.value.message_dict) == ["released_on"]


def test_the_first_release_may_have_any_date(db):
    release = EvidenceRelease(version="0.1", released_on=date(2020, 1, 1), reviewed_on=date(2020, 1, 1), note=NOTE)
    release.full_clean()


# The workflow in admin


def test_the_add_form_starts_with_todays_dates_and_publishing_says_so(admin_client, evidence):
    form = admin_client.get(reverse(ADD_URL)).context["adminform"].form
    assert form.initial["released_on"] == form.initial["reviewed_on"] == date.today()
    response = admin_client.post(
        reverse(ADD_URL),
        {"version": "2099.1", "released_on": (evidence.released_on + timedelta(days=1)).isoformat(),
         "reviewed_on": evidence.reviewed_on.isoformat(), "note": NOTE},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("Evidence version 2099.1 is published" in m for m in messages), messages


def test_the_release_list_shows_the_current_release_and_the_rows_due(admin_client, evidence):
    old = EvidenceRelease.objects.create(version="2020.1", released_on=date(2020, 1, 1),
                                         reviewed_on=date(2020, 1, 1), note="An old release.")
    response = admin_client.get(reverse("admin:evidence_evidencerelease_changelist"))
    assert response.status_code == 200
    page = parse(response)
    [status] = page.with_class("evidence-release-status")
    due = sum(model.objects.due_for_review().count() for model in REVIEWED_MODELS)
    assert rows_due_for_review() == due
    assert f"Current release: {evidence.version}, released {day(evidence.released_on)}" in words(status)
    assert f"Evidence rows due for review: {due}." in words(status)
    assert reverse("evidence-due-for-review") in {a.attrs.get("href") for a in status.find_all("a")}
    rows = {row.text.split(" ")[0]: row for row in page.find_all("tr") if row.find_all("td")}
    assert rows[evidence.version].find_all("img", alt="True")
    assert rows[old.version].find_all("img", alt="False")


def test_the_admin_index_and_the_due_for_review_page_show_the_current_release(admin_client, evidence):
    index = parse(admin_client.get(reverse("admin:index")))
    [status] = index.with_class("evidence-release-status")
    assert f"Current evidence release: {evidence.version}, released {day(evidence.released_on)}" in words(status)
    links = {a.attrs.get("href") for a in status.find_all("a")}
    assert {reverse("admin:evidence_evidencerelease_changelist"), reverse("evidence-due-for-review")} <= links

    due_page = parse(admin_client.get(reverse("evidence-due-for-review")))
    [status] = due_page.with_class("evidence-release-status")
    assert f"Current release: {evidence.version}, released {day(evidence.released_on)}" in words(status)
