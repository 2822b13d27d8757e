"""A release freezes the published evidence: patients see a change only once a reviewer has approved it and a
release has been published; `assess --release` reproduces an earlier release exactly; admin compares the draft
with a release, and two releases, row by row."""
import html
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from decisionaid.evidence import releases
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease, Figure

from ..assessment.conftest import IDEAL
from ..conftest import HttpsClient
from ..summary.test_results_page import all_pages
from .test_workflow import approve, edit, member, publish

MARK = "stayed free of any sign of MS activity (test wording)"


@pytest.fixture
def team(db):
    load_evidence()
    return {"editor": member("edith", "Evidence editor")[1], "reviewer": member("rita", "Evidence reviewer")[1]}


def figure_keys_shown(client) -> set[str]:
    return {key for page in all_pages(client).values() for key in re.findall(r'data-figure-key="([^"]+)"', page)}


def shown_text(client) -> str:
    return html.unescape(" ".join(all_pages(client).values()))


def a_shown_figure(client) -> Figure:
    return Figure.objects.filter(key__in=figure_keys_shown(client)).order_by("key").first()


def test_a_draft_reaches_patients_only_after_approval_and_release(team):
    patient = HttpsClient()
    figure = a_shown_figure(patient)
    old_words = figure.label_plain
    assert old_words in shown_text(patient)

    edit(team["editor"], figure, label_plain=MARK)
    assert MARK not in shown_text(patient) and old_words in shown_text(patient)  # saved, not released

    approve(team["reviewer"], figure)
    assert MARK not in shown_text(patient)  # approved, still not released

    assert publish(team["reviewer"], "2026.2").status_code == 302
    text = shown_text(patient)  # the very next request reads the new release
    assert MARK in text and "Evidence version 2026.2" in text


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(IDEAL))
    return str(path)


def assess_json(profile_file, *args) -> dict:
    out = io.StringIO()
    call_command("assess", profile_file, *args, stdout=out)
    return json.loads(out.getvalue())


def test_assess_release_reproduces_an_earlier_release_exactly(team, profile_file):
    first = assess_json(profile_file, "--release", "2026.1")
    assert first == assess_json(profile_file)  # the current release, before anything changes

    figure = Figure.objects.get(key="b1-neda-5y-silfverberg")
    edit(team["editor"], figure, per_100="70", ci_low="60", ci_high="80")
    approve(team["reviewer"], figure)
    assert publish(team["reviewer"], "2026.2").status_code == 302

    assert assess_json(profile_file, "--release", "2026.1") == first
    assert assess_json(profile_file, "--draft") == assess_json(profile_file)
    now = assess_json(profile_file)
    assert now["evidence_version"] == "2026.2" and now != first
    assert now["benefits"] != first["benefits"]


def test_an_unknown_release_is_refused_naming_the_option(team, profile_file):
    with pytest.raises(CommandError) as refused:
        assess_json(profile_file, "--release", "1999.1")
    assert refused.value.returncode == 2
    assert "--release" in str(refused.value) and "2026.1" in str(refused.value)


def test_a_release_is_frozen_when_its_note_is_edited_later(team):
    release = EvidenceRelease.current()
    digest, snapshot = release.snapshot_digest, EvidenceRelease.objects.get(pk=release.pk).snapshot
    Figure.objects.filter(key="b1-neda-5y-silfverberg").update(per_100="71")
    release.note += " (typo fixed)"
    release.full_clean()
    release.save()
    stored = EvidenceRelease.objects.get(pk=release.pk)
    assert stored.snapshot == snapshot and stored.snapshot_digest == digest == releases.digest_of(snapshot)


def test_the_snapshot_reads_back_as_the_evidence_it_froze(team):
    assert releases.released_evidence() == releases.draft_evidence()


def test_the_current_release_is_built_once_per_process(team, django_assert_num_queries):
    releases.released_evidence()
    with django_assert_num_queries(0):  # the release row is kept too (releases.current_release), the evidence built
        releases.released_evidence()


def compare(client, **query) -> str:
    response = client.get(reverse("evidence-compare"), query)
    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def test_admin_compares_the_draft_with_the_current_release_and_two_releases(team):
    reviewer = team["reviewer"]
    assert "No difference" in compare(reviewer)

    figure = Figure.objects.get(key="b1-neda-5y-silfverberg")
    edit(team["editor"], figure, per_100="70", ci_low="60", ci_high="80")
    page = compare(reviewer)  # draft against the current release
    assert re.search(r"Figures: b1-neda-5y-silfverberg</td><td>changed</td><td>per_100</td><td>73.00</td><td>70.00", page)
    assert "Figures: b2-" not in page  # only what changed

    approve(reviewer, figure)
    assert publish(reviewer, "2026.2").status_code == 302
    between = compare(reviewer, old="2026.1", new="2026.2")
    assert "<td>per_100</td><td>73.00</td><td>70.00</td>" in between
    assert "No difference" in compare(reviewer, old="2026.2", new="draft")


def test_comparing_with_an_unknown_release_says_so(team):
    assert "There is no evidence release '1999.1'" in compare(team["reviewer"], old="1999.1")


def test_a_release_published_or_deleted_reaches_the_next_page_of_this_process(team):
    client = HttpsClient()
    assert "Evidence version 2026.1," in client.get("/").content.decode()  # now kept in memory
    today = timezone.localdate()
    release = EvidenceRelease(version="2099.1", released_on=today, reviewed_on=today, note="A new release.")
    release.full_clean()
    release.save()
    assert "Evidence version 2099.1," in client.get("/").content.decode()
    assert releases.released_evidence().release.version == "2099.1"
    release.delete()
    assert "Evidence version 2026.1," in client.get("/").content.decode()


def test_a_release_made_by_another_process_is_read_again_after_a_few_seconds(team, monkeypatch):
    client = HttpsClient()
    monkeypatch.setattr(releases, "CURRENT_RELEASE_SECONDS", 3600.0)  # no time passes, however slow the run
    client.get("/")
    # Another process publishes (no signal reaches this one): seen once the kept row is older than the limit.
    EvidenceRelease.objects.update(version="2026.1-b")
    assert "Evidence version 2026.1," in client.get("/").content.decode()
    monkeypatch.setattr(releases, "CURRENT_RELEASE_SECONDS", 0.0)
    assert "Evidence version 2026.1-b," in client.get("/").content.decode()
