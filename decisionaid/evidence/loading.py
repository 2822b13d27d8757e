"""Load the evidence fixtures (fixtures/evidence/*.json) into the database.

Rows are matched by their stable key, so loading again creates nothing new, and a row whose values already
match the fixture is not saved at all (no new history entry). Every row goes through full_clean first, so a
fixture can never store what an editor could not.
"""
import json
from functools import partial
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction

from . import languages
from .models import (
    Caveat, EvidenceRelease, Figure, Guideline, GuidelineCriterion, Passage, Source, Statement, Treatment, Trial,
)

DEFAULT_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "evidence"
CHANGE_REASON = "Loaded from fixtures by load_evidence"


class FixtureError(Exception):
    """A fixture row that cannot be loaded; the message names the file, the row and the field."""


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, outcome: str, model: type[models.Model]) -> None:
        tally = getattr(self, outcome)
        name = model._meta.verbose_name_plural
        tally[name] = tally.get(name, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        parts = []
        for outcome in ("created", "updated", "unchanged"):
            tally = getattr(self, outcome)
            if tally:
                parts.append(f"{outcome}: " + ", ".join(f"{n} {name}" for name, n in sorted(tally.items())))
        return "; ".join(parts) or "nothing to load"


def _read(directory: Path, name: str) -> list[dict]:
    path = directory / name
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"{path}: file not found") from None
    except json.JSONDecodeError as error:
        raise FixtureError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(rows, list):
        raise FixtureError(f"{path}: expected a list of rows")
    return rows


def _same(obj: models.Model, name: str, value) -> bool:
    model_field = obj._meta.get_field(name)
    if model_field.is_relation:
        return getattr(obj, model_field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == model_field.to_python(value)


def _in_language_columns(model, values: dict) -> dict:
    """A fixture names a text by its field ("population", in English) and its Norwegian version by the column
    ("population_nb"); the English text goes to its English column whatever language is active."""
    english = languages.translated_fields(model)
    return {languages.column(name, languages.DEFAULT) if name in english else name: value for name, value in values.items()}


def _upsert(report, where: str, model, lookup: dict, values: dict, *, keep_existing: bool):
    values = _in_language_columns(model, values)
    known = {f.name for f in model._meta.concrete_fields}
    unknown = sorted(set(values) - known)
    if unknown:
        raise FixtureError(f"{where}: unknown field(s) {', '.join(unknown)}")
    obj = model.objects.filter(**lookup).first()
    if obj is not None and (keep_existing or all(_same(obj, name, value) for name, value in values.items())):
        report.count("unchanged", model)
        obj._load_outcome = "unchanged"
        return obj
    outcome = "created" if obj is None else "updated"
    obj = obj or model(**lookup)
    obj._load_outcome = outcome
    for name, value in values.items():
        setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError as error:
        details = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items())
        raise FixtureError(f"{where}: {details}") from None
    obj._change_reason = CHANGE_REASON
    obj.save()
    report.count(outcome, model)
    return obj


def _link(report, where: str, obj, name: str, target, *, keep_existing: bool) -> None:
    """Set a link to another row of the same kind, in the second pass. A row the first pass created or updated
    is counted already; one it left unchanged now counts as updated."""
    first_pass = getattr(obj, "_load_outcome", "unchanged")
    if getattr(obj, obj._meta.get_field(name).attname) == (target.pk if target else None):
        return
    if keep_existing and first_pass != "created":
        return
    setattr(obj, name, target)
    try:
        obj.full_clean()
    except ValidationError as error:
        details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise FixtureError(f"{where}: {details}") from None
    obj._change_reason = CHANGE_REASON
    obj.save()
    if first_pass == "unchanged":
        name_plural = type(obj)._meta.verbose_name_plural
        report.unchanged[name_plural] -= 1
        if not report.unchanged[name_plural]:
            del report.unchanged[name_plural]
        report.count("updated", type(obj))
        obj._load_outcome = "updated"


def _lookup(index: dict, key, where: str, what: str):
    if key is None:
        return None
    try:
        return index[key]
    except KeyError:
        raise FixtureError(f"{where}: unknown {what} '{key}'") from None


def _rows(directory: Path, name: str, key_field: str):
    for position, row in enumerate(_read(directory, name), start=1):
        row = dict(row)
        if key_field not in row:
            raise FixtureError(f"{name} row {position}: missing '{key_field}'")
        yield f"{name} '{row[key_field]}'", row.pop(key_field), row


@transaction.atomic
def load_evidence(*, directory: Path = DEFAULT_DIRECTORY, keep_existing: bool = False) -> LoadReport:
    """Create missing evidence rows and bring existing ones in line with the fixtures.

    keep_existing=True only adds what is missing and never overwrites a row, so that edits made in admin
    survive a restart (the docker entrypoint uses it).
    """
    report = LoadReport()
    upsert = partial(_upsert, report, keep_existing=keep_existing)
    link = partial(_link, report, keep_existing=keep_existing)

    # Rows that point to rows of their own kind (another report of the same cohort, a companion figure) are
    # linked in a second pass, once every row of that kind exists.
    sources, cohort_links = {}, []
    for where, key, row in _rows(directory, "sources.json", "key"):
        cohort_links.append((where, key, row.pop("same_cohort_as", None)))
        sources[key] = upsert(where, Source, {"key": key}, row)
    for where, key, main in cohort_links:
        link(where, sources[key], "same_cohort_as", _lookup(sources, main, where, "source"))

    figures, companions = {}, []
    for where, key, row in _rows(directory, "figures.json", "key"):
        row["source"] = _lookup(sources, row.get("source"), where, "source")
        companions.append((where, key, row.pop("companion", None)))
        figures[key] = upsert(where, Figure, {"key": key}, row)
    for where, key, companion in companions:
        link(where, figures[key], "companion", _lookup(figures, companion, where, "figure"))

    for where, key, row in _rows(directory, "caveats.json", "key"):
        figure_keys = row.pop("figures", [])
        row["source"] = _lookup(sources, row.get("source"), where, "source")
        caveat = upsert(where, Caveat, {"key": key}, row)
        wanted = {_lookup(figures, figure_key, where, "figure").pk for figure_key in figure_keys}
        if not wanted:
            raise FixtureError(f"{where}: a caveat needs at least one figure")
        if set(caveat.figures.values_list("pk", flat=True)) != wanted and not keep_existing:
            caveat.figures.set(wanted)
        elif keep_existing and not caveat.figures.exists():
            caveat.figures.set(wanted)

    for where, key, row in _rows(directory, "guidelines.json", "key"):
        criteria = row.pop("criteria", [])
        row["source"] = _lookup(sources, row.get("source"), where, "source")
        guideline = upsert(where, Guideline, {"key": key}, row)
        for criterion in criteria:
            criterion = dict(criterion)
            criterion_key = criterion.pop("key")
            upsert(
                f"{where} criterion '{criterion_key}'",
                GuidelineCriterion,
                {"guideline": guideline, "key": criterion_key},
                criterion,
            )

    for where, slug, row in _rows(directory, "treatments.json", "slug"):
        upsert(where, Treatment, {"slug": slug}, row)

    for where, key, row in _rows(directory, "trials.json", "key"):
        row["source"] = _lookup(sources, row.get("source"), where, "source")
        upsert(where, Trial, {"key": key}, row)

    for where, key, row in _rows(directory, "statements.json", "key"):
        row["source"] = _lookup(sources, row.get("source"), where, "source")
        upsert(where, Statement, {"key": key}, row)
    for where, key, row in _rows(directory, "passages.json", "key"):
        row["source"] = _lookup(sources, row.get("source"), where, "source")
        upsert(where, Passage, {"key": key}, row)

    for where, version, row in _rows(directory, "releases.json", "version"):
        upsert(where, EvidenceRelease, {"version": version}, row)

    return report
