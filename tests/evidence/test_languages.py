"""The evidence in English and Norwegian: both edited in one admin form with one history, frozen together in a
release, read in the active language with English where a Norwegian text is missing, and the missing ones
listed for editors."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from decisionaid.evidence import languages, releases
from decisionaid.evidence.admin_views import missing_translations
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease, Figure, Passage
from decisionaid.evidence.thresholds import numbers_in
from decisionaid.pages.readability import lix

from .admin_forms import form_data
from .factories import make_figure, make_source

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "evidence"
NB_LABEL = "hadde ingen tegn til MS-aktivitet (prøvetekst)"


def change_url(obj) -> str:
    return reverse(f"admin:evidence_{obj._meta.model_name}_change", args=[obj.pk])


def by_key(evidence, key):
    return next(figure for figure in evidence.figures if figure.key == key)


def release(version: str) -> EvidenceRelease:
    today = timezone.localdate()
    made = EvidenceRelease(version=version, released_on=today, reviewed_on=today, note="Norwegian texts.")
    made.save()
    return made


@pytest.fixture(autouse=True)
def fresh_memory():
    releases.forget_built_evidence()
    yield
    releases.forget_built_evidence()


# One form, one history, both languages


def test_both_languages_are_edited_in_one_form_and_the_history_keeps_both(admin_client, db):
    figure = make_figure(make_source())
    page = admin_client.get(change_url(figure)).content.decode()
    for column in ("label_plain_en_gb", "label_plain_nb", "population_en_gb", "population_nb"):
        assert f'name="{column}"' in page, column

    response = admin_client.post(change_url(figure), form_data(figure, label_plain_nb=NB_LABEL))
    assert response.status_code == 302, response.content.decode()[:2000]
    figure.refresh_from_db()
    assert (figure.label_plain_en_gb, figure.label_plain_nb) == ("had no signs of MS activity", NB_LABEL)

    latest = figure.history.latest()
    assert (latest.label_plain_en_gb, latest.label_plain_nb) == ("had no signs of MS activity", NB_LABEL)
    assert latest.prev_record.label_plain_nb is None
    changed = latest.diff_against(latest.prev_record).changed_fields
    assert "label_plain_nb" in changed and "label_plain_en_gb" not in changed
    # A Norwegian text is an edit like any other: a draft until a second person approves it.
    assert figure.is_draft


def test_an_error_on_a_text_is_shown_on_its_english_field(admin_client, db):
    figure = make_figure(make_source())
    response = admin_client.post(change_url(figure), form_data(figure, label_plain=""))
    assert response.status_code == 200
    assert "label_plain_en_gb" in response.context["adminform"].form.errors


# What patients read: the active language, English where a text is missing


def test_a_release_gives_each_language_its_texts_and_english_where_one_is_missing(db):
    load_evidence()
    figure = Figure.objects.published().exclude(label_plain_nb=None).order_by("key").first()
    Figure.objects.filter(pk=figure.pk).update(population_nb=None)  # this one text has no Norwegian
    made = release("2026.9")
    assert figure.label_plain_nb in json.dumps(made.snapshot, ensure_ascii=False)

    with override("nb"):
        norwegian = by_key(releases.released_evidence(), figure.key)
    with override("en-gb"):
        english = by_key(releases.released_evidence(), figure.key)
    with override("nb"):  # asked again: the memory keeps each language apart
        again = by_key(releases.released_evidence(), figure.key)

    assert norwegian.label_plain == again.label_plain == figure.label_plain_nb
    assert english.label_plain == figure.label_plain_en_gb
    assert norwegian.population == english.population == figure.population_en_gb
    assert norwegian.per_100 == english.per_100 and norwegian.source.doi == english.source.doi


def test_the_passages_are_read_in_the_active_language(db):
    load_evidence()
    passage = Passage.objects.get(key="compared_msbase")
    release("2026.9")
    with override("nb"):
        assert releases.released_evidence().passages["compared_msbase"].text_plain == passage.text_plain_nb
    with override("en-gb"):
        assert releases.released_evidence().passages["compared_msbase"].text_plain == passage.text_plain_en_gb


def test_the_passages_are_shown_on_the_pages_from_the_release(db):
    from ..conftest import HttpsClient
    from ..summary.test_results_page import all_pages, page_text_of

    load_evidence()
    text = page_text_of(" ".join(all_pages(HttpsClient()).values()))
    for key in ("what_it_is_like", "compared_msbase"):
        assert Passage.objects.get(key=key).text_plain_en_gb in text, key


def _without_languages(value):
    """A snapshot as it was written before the texts had languages."""
    if isinstance(value, dict):
        return {
            key: _without_languages(item) for key, item in value.items()
            if key != "translations" and not key.endswith(("_en_gb", "_nb"))
        }
    if isinstance(value, list):
        return [_without_languages(item) for item in value]
    return value


def test_a_release_made_before_the_texts_had_languages_still_loads_in_english(db):
    load_evidence()
    snapshot, _ = releases.take_snapshot()
    old = _without_languages(snapshot)
    old.pop("passages")
    today = timezone.localdate()
    EvidenceRelease(
        version="2025.9", released_on=today, reviewed_on=today, note="Before languages.",
        snapshot=old, snapshot_digest=releases.digest_of(old),
    ).save()
    figure = Figure.objects.published().exclude(label_plain_nb=None).order_by("key").first()

    with override("nb"):
        evidence = releases.released_evidence()
        listing = releases.released_listing()
    assert evidence.release.version == "2025.9"
    assert by_key(evidence, figure.key).label_plain == figure.label_plain_en_gb
    assert evidence.passages == {}
    with override("nb"):
        [listed] = [f for f in listing.figures if f.key == figure.key]
        assert listed.label_plain == figure.label_plain_en_gb


def test_the_evidence_page_lists_the_norwegian_texts_of_a_release(db):
    load_evidence()
    release("2026.9")
    figure = Figure.objects.published().exclude(population_nb=None).order_by("key").first()
    listing = releases.released_listing()
    [listed] = [f for f in listing.figures if f.key == figure.key]
    with override("nb"):
        assert listed.population == figure.population_nb
    with override("en-gb"):
        assert listed.population == figure.population_en_gb


def test_the_comparison_lists_a_changed_norwegian_text(db):
    load_evidence()
    release("2026.9")
    figure = Figure.objects.published().exclude(label_plain_nb=None).order_by("key").first()
    Figure.objects.filter(pk=figure.pk).update(label_plain_nb=NB_LABEL)
    [change] = releases.diff(releases.snapshot_named("2026.9"), releases.snapshot_named(releases.DRAFT))
    assert change["key"] == figure.key
    assert change["fields"] == [("label_plain (nb)", figure.label_plain_nb, NB_LABEL)]


# Missing translations, for editors


def test_missing_translations_lists_each_published_row_and_field_with_a_link(admin_client, db):
    load_evidence()
    assert reverse("evidence-missing-translations") in admin_client.get(reverse("admin:index")).content.decode()
    shown = Figure.objects.published().order_by("key").first()
    hidden = Figure.objects.filter(is_published=False).first()
    # The fixtures have every Norwegian text: take one away from a published figure and from a hidden one.
    Figure.objects.filter(pk=shown.pk).update(label_technical_nb=None)
    Figure.objects.filter(pk=hidden.pk).update(label_plain_nb=None)
    shown.refresh_from_db()

    page = admin_client.get(reverse("evidence-missing-translations")).content.decode()
    row = re.search(rf'<li><a href="{re.escape(change_url(shown))}">[^<]*</a>: ([^<]*)</li>', page)
    assert row, "a published figure with an English text and no Norwegian one is listed with its link"
    assert "Technical label" in row.group(1)
    assert change_url(hidden) not in page

    Figure.objects.filter(pk=shown.pk).update(
        **{languages.column(name, "nb"): "tekst" for name in languages.missing(shown)}
    )
    assert change_url(shown) not in admin_client.get(reverse("evidence-missing-translations")).content.decode()


def test_the_fixtures_leave_no_published_text_without_its_norwegian_version(admin_client, db):
    load_evidence()
    left = [(group, str(row), labels) for group, rows in missing_translations() for row, labels, _ in rows]
    assert left == [], f"{len(left)} published texts have no Norwegian version: {left[:10]}"
    page = admin_client.get(reverse("evidence-missing-translations")).content.decode()
    assert "Every published text has its translation." in page


# The Norwegian texts of the fixtures


def _fixture_texts():
    """(file, key, field, English text, Norwegian text) for every Norwegian text in the fixtures."""
    for path in sorted(FIXTURES.glob("*.json")):
        rows = json.loads(path.read_text(encoding="utf-8"))
        for row in rows:
            items = [row, *row.get("criteria", [])]
            for item in items:
                for name, text in item.items():
                    if name.endswith("_nb") and text:
                        yield path.name, item.get("key") or item.get("slug"), name[:-3], item[name[:-3]], text


def english_numbers(text: str) -> list:
    """The numbers of an English text, where a comma before three digits groups thousands (1,951 people) and
    is not the decimal comma that numbers_in reads in Norwegian."""
    return numbers_in(re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text))


def test_every_norwegian_fixture_text_keeps_the_numbers_of_the_english_one():
    texts = list(_fixture_texts())
    assert len(texts) > 100
    for name, key, field, english, norwegian in texts:
        assert Counter(numbers_in(norwegian)) == Counter(english_numbers(english)), (name, key, field, norwegian)


def test_the_norwegian_fixture_texts_read_at_lix_40_or_below():
    # Each text is a sentence or the part of one that the pages complete (a label, a time point).
    texts = [text if text.rstrip()[-1] in ".!?" else f"{text}." for *_, text in _fixture_texts()]
    assert lix(" ".join(texts)) <= 40
