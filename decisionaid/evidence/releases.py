"""A release is a frozen snapshot: the published evidence as one JSON document, written once when the release
is made and never changed, so that every page, summary and `assess --release` reads exactly what was released.

Why a JSON document and not snapshot tables: the assessment already reads the evidence as one tree of frozen
dataclasses (decisionaid/assessment/evidence.py); storing that tree as it is keeps one shape for the pages, the
command and the comparison of releases, and needs no copy of every table. The document carries its SHA-256, so
that pages can keep the evidence built from it in memory, keyed by that digest: a new release is a new key, and
a snapshot never changes, so the memory can never be stale, whatever process reads it.

Both languages are in the one document: every text is the English one, and each row carries its texts in other
languages. What is kept in memory is keyed by the digest *and* the language, so a Norwegian page never gets an
English one's evidence; a snapshot made before the texts had languages simply has no Norwegian, and reads as
English.
"""
import hashlib
import json
import time
import types
from collections import OrderedDict
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date
from decimal import Decimal
from threading import Lock
from typing import Union, get_args, get_origin, get_type_hints

from django.utils.translation import override

from decisionaid.assessment.evidence import Evidence, ReleaseData, load_published_evidence, localised

from . import languages

# --- the document ------------------------------------------------------------------------------------------


def _encode(value):
    if is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(hint, value):
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        [hint] = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(hint, value)
    if origin is tuple:
        return tuple(_decode(get_args(hint)[0], item) for item in value)
    if origin is dict:
        return {key: _decode(get_args(hint)[1], item) for key, item in value.items()}
    if is_dataclass(hint):
        hints = get_type_hints(hint)
        return hint(**{f.name: _decode(hints[f.name], value[f.name]) for f in fields(hint) if f.name in value})
    if hint is Decimal:
        return Decimal(value)
    if hint is date:
        return date.fromisoformat(value)
    return value


def snapshot_of(evidence: Evidence) -> dict:
    """The published evidence as a JSON document (without the release itself, which is the row holding it)."""
    return _encode(replace(evidence, release=None))


def evidence_from(snapshot: dict) -> Evidence:
    return _decode(Evidence, snapshot)


def digest_of(snapshot: dict) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def take_snapshot() -> tuple[dict, str]:
    """The published rows as they are now, frozen: (document, its digest). Called once, when a release is made."""
    with override(languages.DEFAULT):
        snapshot = {**snapshot_of(load_published_evidence()), "listing": _encode(listing_document())}
    return snapshot, digest_of(snapshot)


# --- the rows the evidence page lists (every source with its published figures, the trials shown) ----------


@dataclass(frozen=True)
class Listing:
    """Unsaved model instances rebuilt from a release: sources ordered by name, each with `published_figures`
    and `cited_by` (the guidelines and trials that cite it); the trials shown; the published figures."""

    sources: tuple
    trials: tuple
    figures: tuple


def _row(obj) -> dict:
    """Every column (each language's text included); read with English active, so the plain field is English."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def listing_document() -> dict:
    with override(languages.DEFAULT):
        return _listing_document()


def _listing_document() -> dict:
    from .choices import FACT_PROVENANCE
    from .models import Figure, Guideline, Source, Trial

    cited_by: dict[int, list[str]] = {}
    for name, source_id in Guideline.objects.order_by("pk").values_list("short_name", "source_id"):
        cited_by.setdefault(source_id, []).append(f"the {name} guideline")
    for name, source_id in Trial.objects.exclude(source=None).order_by("pk").values_list("name", "source_id"):
        cited_by.setdefault(source_id, []).append(f"the {name} trial")
    return {
        "sources": [_row(s) for s in Source.objects.order_by("short_name", "key")],
        "figures": [_row(f) for f in Figure.objects.published().order_by("kind", "display_order", "key")],
        "trials": [_row(t) for t in Trial.objects.filter(provenance__in=FACT_PROVENANCE).order_by("display_order", "name")],
        "cited_by": {str(pk): texts for pk, texts in cited_by.items()},
    }


def _instance(model, row: dict):
    """An unsaved row whose texts read in the active language, as the saved one would. A row frozen before the
    texts had languages has its English text only in the plain field: it becomes the English column."""
    row = {
        **row,
        **{
            languages.column(name, languages.DEFAULT): row.get(name)
            for name in languages.translated_fields(model)
            if languages.column(name, languages.DEFAULT) not in row
        },
    }
    return model(**{f.attname: f.to_python(row.get(f.attname)) for f in model._meta.concrete_fields})


def listing_from(document: dict) -> Listing:
    from .models import Figure, Source, Trial

    sources = {row["id"]: _instance(Source, row) for row in document["sources"]}
    for source in sources.values():
        source.published_figures, source.cited_by = [], tuple(document["cited_by"].get(str(source.pk), ()))
    figures = []
    for row in document["figures"]:
        figure = _instance(Figure, row)
        figure.source = sources[figure.source_id]
        figure.source.published_figures.append(figure)
        figures.append(figure)
    trials = []
    for row in document["trials"]:
        trial = _instance(Trial, row)
        if trial.source_id:
            trial.source = sources[trial.source_id]
        trials.append(trial)
    return Listing(sources=tuple(sources.values()), trials=tuple(trials), figures=tuple(figures))


_listings: "OrderedDict[str, Listing]" = OrderedDict()


def released_listing() -> Listing:
    """What the evidence page lists, from the current release (built once per process, like the evidence)."""
    from .models import EvidenceRelease

    release = current_release()
    if release is None or not release.snapshot_digest:
        return listing_from(_encode(listing_document()))
    with _lock:
        listing = _listings.get(release.snapshot_digest)
    if listing is None:
        snapshot = EvidenceRelease.objects.values_list("snapshot", flat=True).get(pk=release.pk)
        document = snapshot.get("listing")
        listing = listing_from(document if document is not None else _encode(listing_document()))
        with _lock:
            _listings[release.snapshot_digest] = listing
            while len(_listings) > KEEP:
                _listings.popitem(last=False)
    return listing


# --- what the pages read -----------------------------------------------------------------------------------

_built: "OrderedDict[tuple[str, str], Evidence]" = OrderedDict()  # by (snapshot digest, language)
_lock = Lock()
KEEP = 4  # releases kept built in memory: the current one, and a few that assess --release or a diff read


def _release_data(release) -> ReleaseData:
    return ReleaseData(
        version=release.version, released_on=release.released_on, reviewed_on=release.reviewed_on, note=release.note
    )


def _built_from(release, language: str) -> Evidence:
    """The release's evidence in `language`, built once per process and language."""
    key = (release.snapshot_digest, language)
    with _lock:
        evidence = _built.get(key)
        if evidence is not None:
            _built.move_to_end(key)
            return evidence
    from .models import EvidenceRelease

    snapshot = EvidenceRelease.objects.values_list("snapshot", flat=True).get(pk=release.pk)
    evidence = localised(evidence_from(snapshot), language)
    with _lock:
        _built[key] = evidence
        while len(_built) > KEEP * len(languages.LANGUAGES):
            _built.popitem(last=False)
    return evidence


def forget_built_evidence() -> None:
    with _lock:
        _built.clear()
        _listings.clear()


# --- the current release, as the pages read it -------------------------------------------------------------

# Every page names the current release in its footer, and the step and result pages read its evidence: the row is
# kept in memory rather than asked for on every request (a third of a question page's own work). A process that
# saves or deletes a release forgets it at once (apps.py); any other process reads the row again after this many
# seconds, so a new release reaches every page of every process within them. Within a process the footer and the
# evidence always name the same release, as both read it here.
CURRENT_RELEASE_SECONDS = 5.0
_current: tuple = (None, float("-inf"))  # (the release row without its snapshot, or None; when it was read)


def current_release():
    """The current release (its snapshot deferred), or None: read-only, shared by the requests of a process."""
    global _current
    release, read_at = _current
    now = time.monotonic()
    if now - read_at < CURRENT_RELEASE_SECONDS:
        return release
    from .models import EvidenceRelease

    release = EvidenceRelease.current()
    _current = (release, now)
    return release


def forget_current_release() -> None:
    global _current
    _current = (None, float("-inf"))


def released_evidence(*, version: str | None = None) -> Evidence:
    """The evidence of a release (the current one when no version is given), as patients see it, with the texts
    of the active language (English where a text has no version in it).

    One query for the release row, and one more the first time a process reads that release in a language. A site
    with no release yet (or a release made before snapshots existed) is read from its published rows.
    """
    language = languages.active()
    from .models import EvidenceRelease

    releases = EvidenceRelease.objects.defer("snapshot")
    release = current_release() if version is None else releases.filter(version=version).first()
    if version is not None and release is None:
        known = ", ".join(releases.order_by("released_on", "created").values_list("version", flat=True)) or "none"
        raise LookupError(f"There is no evidence release '{version}'; the releases are: {known}.")
    if release is None:
        return localised(load_published_evidence(), language)
    if not release.snapshot_digest:
        return replace(localised(load_published_evidence(), language), release=_release_data(release))
    return replace(_built_from(release, language), release=_release_data(release))


def draft_evidence() -> Evidence:
    """The evidence as the next release would freeze it: every published row as it is now, drafts included, with
    the texts of the active language."""
    return localised(load_published_evidence(), languages.active())


# --- comparing two states of the evidence ------------------------------------------------------------------

DRAFT = "draft"


def _plain(value):
    """A nested row is compared by its key (a figure's source), a list of rows by their keys."""
    if isinstance(value, dict) and "key" in value:
        return value["key"]
    if isinstance(value, list) and all(isinstance(item, dict) and "key" in item for item in value):
        return ", ".join(item["key"] for item in value)
    return value


def _fields(row: dict, *, leave_out=()) -> dict:
    """A row's fields as compared: nested rows by key, and each text in another language as a field of its own
    ("population (nb)"), so that a change to the Norwegian text is listed like any other."""
    plain = {name: _plain(value) for name, value in row.items() if name != "translations" and name not in leave_out}
    for language, name, text in row.get("translations", ()):
        plain[f"{name} ({language})"] = text
    return plain


def _rows(snapshot: dict) -> dict[str, dict[str, dict]]:
    """{kind of row: {key: {field: value}}} from a snapshot document."""
    rows: dict[str, dict[str, dict]] = {
        "Sources": {}, "Figures": {}, "Caveats": {}, "Guidelines": {}, "Guideline criteria": {},
        "Treatments": {}, "Trials": {}, "Statements": {}, "Passages": {},
    }
    for key, source in snapshot.get("sources", {}).items():
        rows["Sources"][key] = _fields(source)
    for figure in snapshot.get("figures", []):
        rows["Figures"][figure["key"]] = _fields(figure)
        for caveat in figure.get("caveats", []):
            rows["Caveats"][caveat["key"]] = _fields(caveat)
    for guideline in snapshot.get("guidelines", []):
        rows["Guidelines"][guideline["key"]] = _fields(guideline, leave_out=("criteria",))
        for criterion in guideline.get("criteria", []):
            rows["Guideline criteria"][f"{guideline['key']} / {criterion['key']}"] = _fields(criterion)
    for treatment in snapshot.get("treatments", []):
        rows["Treatments"][treatment["slug"]] = _fields(treatment)
    for trial in snapshot.get("trials", []):
        rows["Trials"][trial["key"]] = _fields(trial)
    for key, passage in snapshot.get("passages", {}).items():
        rows["Passages"][key] = _fields(passage)
    for statement in snapshot.get("statements", []):
        rows["Statements"][statement["key"]] = _fields(statement)
    return rows


def diff(old: dict, new: dict) -> list[dict]:
    """Row by row, what differs from `old` to `new`: [{kind, key, change, fields: [(name, old, new)]}]."""
    changes = []
    before, after = _rows(old), _rows(new)
    for kind in before:
        was, now = before[kind], after[kind]
        for key in sorted(set(was) | set(now)):
            if key not in now:
                changes.append({"kind": kind, "key": key, "change": "removed", "fields": []})
            elif key not in was:
                changes.append({"kind": kind, "key": key, "change": "added", "fields": []})
            else:
                fields_changed = [
                    (name, was[key].get(name), now[key].get(name))
                    for name in sorted(set(was[key]) | set(now[key]))
                    if was[key].get(name) != now[key].get(name)
                ]
                if fields_changed:
                    changes.append({"kind": kind, "key": key, "change": "changed", "fields": fields_changed})
    return changes


def snapshot_named(name: str) -> dict:
    """The document of release `name`, or of the draft state for "draft"."""
    from .models import EvidenceRelease

    if name == DRAFT:
        return snapshot_of(load_published_evidence())  # both languages, as a release would freeze them
    release = EvidenceRelease.objects.filter(version=name).first()
    if release is None:
        raise LookupError(f"There is no evidence release '{name}'.")
    return release.snapshot or snapshot_of(load_published_evidence())
