"""Rules that refuse impossible evidence, each message naming the field it concerns.

Plain functions returning {field: [messages]}, so models' `clean`, forms and the fixture loader share them.
The database holds the same rules as CHECK constraints (models.py); the tests keep the two in step.
"""
import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from .choices import FACT_PROVENANCE, Provenance, TrialStatus

Errors = dict[str, list[str]]

# Figure fields whose CHECK constraints clean() already reports field by field.
FIGURE_FIELDS_CHECKED_IN_CLEAN = frozenset(
    {
        "numerator", "denominator", "per_100", "ci_low", "ci_high", "amount", "is_published", "provenance",
        "comparator_numerator", "comparator_denominator", "comparator_per_100", "edss_min", "edss_max",
        "includes_rrms", "includes_spms", "includes_ppms", "includes_other_diseases", "edss_typical",
    }
)
SOURCE_FIELDS_CHECKED_IN_CLEAN = frozenset({"doi", "pmid", "registry_id", "url"})
TRIAL_FIELDS_CHECKED_IN_CLEAN = frozenset({"age_min", "age_max", "edss_max", "participants", "participants_kind"})

# A count-based per-100 value may differ from numerator/denominator by rounding, no more.
ROUNDING_TOLERANCE = Decimal("0.5")


DOI_FORM = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
PMID_PREFIX = re.compile(r"^pmid:?\s*", re.IGNORECASE)


def raise_if_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def merged(*parts: Errors) -> Errors:
    errors: Errors = {}
    for part in parts:
        for field, messages in part.items():
            errors.setdefault(field, []).extend(messages)
    return errors


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_fraction(errors: Errors, obj, num: str, den: str, per_100: str, label: str) -> None:
    numerator, denominator, value = getattr(obj, num), getattr(obj, den), getattr(obj, per_100)
    if denominator is not None and denominator <= 0:
        _add(errors, den, f"The {label}denominator must be at least 1.")
    if numerator is not None and denominator and numerator > denominator:
        _add(errors, num, f"The {label}numerator ({numerator}) cannot be larger than the denominator ({denominator}).")
    if value is not None and not (0 <= value <= 100):
        _add(errors, per_100, f"The {label}value per 100 must be between 0 and 100; {value} is not.")


def figure_errors(figure) -> Errors:
    errors: Errors = {}
    _check_fraction(errors, figure, "numerator", "denominator", "per_100", "")
    _check_fraction(errors, figure, "comparator_numerator", "comparator_denominator", "comparator_per_100", "comparator ")

    if figure.per_100 is None and figure.amount is None:
        _add(errors, "per_100", "Give a value per 100 people, or an amount (with its unit) for a practical fact.")
    if figure.amount is not None and not figure.amount_unit:
        _add(errors, "amount_unit", "Give the unit of the amount, e.g. days.")

    if (
        figure.estimate == "count"
        and figure.per_100 is not None
        and figure.numerator is not None
        and figure.denominator
        and figure.numerator <= figure.denominator
    ):
        exact = Decimal(100 * figure.numerator) / Decimal(figure.denominator)
        if abs(figure.per_100 - exact) > ROUNDING_TOLERANCE:
            _add(
                errors,
                "per_100",
                f"{figure.numerator} of {figure.denominator} is {exact:.1f} per 100, not {figure.per_100}.",
            )

    low, high, value = figure.ci_low, figure.ci_high, figure.per_100
    if (low is None) != (high is None):
        missing = "ci_high" if high is None else "ci_low"
        _add(errors, missing, "Give both ends of the uncertainty range, or neither.")
    for field, bound in (("ci_low", low), ("ci_high", high)):
        if bound is not None and not (0 <= bound <= 100):
            _add(errors, field, f"An uncertainty range per 100 must lie between 0 and 100; {bound} does not.")
    if low is not None and high is not None and low > high:
        _add(errors, "ci_low", f"The low end of the uncertainty range ({low}) is above the high end ({high}).")
    elif value is not None:
        if low is not None and low > value:
            _add(errors, "ci_low", f"The uncertainty range must contain the value: {low} is above {value}.")
        if high is not None and high < value:
            _add(errors, "ci_high", f"The uncertainty range must contain the value: {high} is below {value}.")

    if figure.is_published and figure.provenance == Provenance.NOT_CONFIRMED:
        _add(errors, "is_published", "A figure that is not confirmed ([NC]) cannot be shown to people.")
    elif figure.is_published and figure.provenance and figure.provenance not in FACT_PROVENANCE:
        _add(
            errors, "is_published",
            "A figure found only in a source article ([S]) is never shown to people, so it cannot be published; "
            "confirm it in a primary source ([S=C]) first, or leave \"is published\" unticked.",
        )
    if figure.provenance == Provenance.CORRECTED and not figure.correction_note:
        _add(errors, "correction_note", "Say what the source article got wrong and what the corrected value is.")

    for field in ("edss_min", "edss_max"):
        edss = getattr(figure, field)
        if edss is not None and not (0 <= edss <= 10):
            _add(errors, field, f"EDSS runs from 0 to 10; {edss} is outside it.")
    if figure.edss_min is not None and figure.edss_max is not None and figure.edss_min > figure.edss_max:
        _add(errors, "edss_min", "The lowest EDSS cannot be above the highest.")
    if figure.age_min is not None and figure.age_max is not None and figure.age_min > figure.age_max:
        _add(errors, "age_min", "The youngest age cannot be above the oldest.")
    if figure.edss_typical is not None and not (0 <= figure.edss_typical <= 10):
        _add(errors, "edss_typical", f"EDSS runs from 0 to 10; {figure.edss_typical} is outside it.")
    if not any((figure.includes_rrms, figure.includes_spms, figure.includes_ppms, figure.includes_other_diseases)):
        _add(
            errors, "includes_rrms",
            "Tick the types of MS the study's people had (or \"other autoimmune diseases\"); when the source does "
            "not say, tick every type it may have included.",
        )
    if (figure.comparator_label or figure.comparator_per_100 is not None) and not (
        figure.arm_plain and figure.comparator_label_plain
    ):
        missing = "arm_plain" if not figure.arm_plain else "comparator_label_plain"
        _add(errors, missing, "A comparison needs both groups in plain words (no regimen names), for patients' pages.")
    has_comparator = bool(figure.comparator_label) or figure.comparator_per_100 is not None
    if has_comparator and not figure.comparison_kind:
        _add(errors, "comparison_kind", "Say what the comparison group is: another treatment, another regimen, or before aHSCT.")
    if figure.comparison_kind and not has_comparator:
        _add(errors, "comparison_kind", "A comparison kind needs a comparator group (its label and value).")
    companion = getattr(figure, "companion", None)
    if companion is not None:
        if figure.pk is not None and companion.pk == figure.pk:
            _add(errors, "companion", "A figure cannot be shown with itself; choose another figure of the same study.")
        elif figure.source_id is not None and companion.source_id != figure.source_id:
            _add(errors, "companion", "A figure shown with this one must come from the same source.")
    return errors


DATE_WORDS = {
    "last_reviewed": "review date",
    "released_on": "release date",
    "reviewed_on": "date the evidence was reviewed",
    "status_read_on": "date of the status record",
    "status_known_on": "date the status is known to have held",
}


def normalise_doi(value: str) -> str:
    """A DOI as written in a citation: no surrounding spaces, no "https://doi.org/" or "doi:" in front."""
    return DOI_PREFIXES.sub("", (value or "").strip()).strip()


def normalise_pmid(value: str) -> str:
    return PMID_PREFIX.sub("", (value or "").strip()).strip()


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def future_date_errors(obj, fields: tuple[str, ...], *, today: date | None = None) -> Errors:
    """Dates that record something already done (a review, a release, a status read) cannot be in the future."""
    errors: Errors = {}
    today = _today(today)
    for name in fields:
        value = getattr(obj, name, None)
        if value is not None and value > today:
            what = DATE_WORDS.get(name, name.replace("_", " "))
            _add(errors, name, f"The {what} ({_day(value)}) is in the future; give a date no later than today ({_day(today)}).")
    return errors


def source_errors(source, *, today: date | None = None) -> Errors:
    errors: Errors = {}
    if not any((source.doi, source.pmid, source.registry_id, source.url)):
        _add(errors, "doi", "Give at least one of DOI, PMID, registry id or URL, so that readers can find the source.")
    if source.doi and not DOI_FORM.match(source.doi):
        _add(
            errors, "doi",
            f'"{source.doi}" is not a DOI: a DOI has the form 10.NNNN/suffix, with no spaces '
            '(e.g. 10.1136/jnnp-2023-331864).',
        )
    if source.pmid and not (source.pmid.isdigit() and len(source.pmid) <= 9):
        _add(errors, "pmid", f'A PMID is a number of up to 9 digits, with no spaces; "{source.pmid}" is not.')
    this_year = _today(today).year
    if source.year is not None and source.year > this_year:
        _add(errors, "year", f"The year ({source.year}) is in the future; give the year of publication, {this_year} or earlier.")
    main = getattr(source, "same_cohort_as", None)
    if main is not None:
        if source.pk is not None and main.pk == source.pk:
            _add(errors, "same_cohort_as", "A source cannot be another report of itself.")
        elif main.same_cohort_as_id is not None:
            _add(
                errors, "same_cohort_as",
                f"{main} is itself linked to another report; link this source to that main report instead.",
            )
        if not source.cohort_note:
            _add(errors, "cohort_note", "Say how the two reports are related (the same people, or very probably).")
    return errors


def caveat_errors(caveat) -> Errors:
    errors: Errors = {}
    if caveat.is_published and caveat.provenance == Provenance.NOT_CONFIRMED:
        _add(errors, "is_published", "A caveat that is not confirmed ([NC]) cannot be shown to people.")
    elif caveat.is_published and caveat.provenance and caveat.provenance not in FACT_PROVENANCE:
        _add(errors, "is_published", "A caveat found only in a source article ([S]) is never shown, so it cannot be published.")
    return errors


def attributed_text_errors(row, noun: str) -> Errors:
    """A statement or passage names its source in its own words, so one from a source article ([S]) may be shown;
    one that is not confirmed ([NC]) may not."""
    errors: Errors = {}
    if row.is_published and row.provenance == Provenance.NOT_CONFIRMED:
        _add(errors, "is_published", f"A {noun} that is not confirmed ([NC]) cannot be shown to people.")
    return errors


def criterion_errors(criterion) -> Errors:
    from .thresholds import RULES, threshold_errors, wording_errors

    rule = RULES.get(criterion.check_name)
    if rule is None:
        return {}
    problems = threshold_errors(rule, criterion.threshold)
    if problems:
        return {"threshold": problems}
    return wording_errors(rule, criterion)


def trial_errors(trial, *, previous=None) -> Errors:
    """`previous` is the trial as stored before this edit (None for a new trial): a new status needs a new
    date and a new source, or the page would describe the new status with the old record."""
    errors: Errors = {}
    if previous is not None and previous.status != trial.status:
        old, new = TrialStatus(previous.status).label, TrialStatus(trial.status).label
        for name, what in (
            ("status_known_on", "the date the new status is known to have held"),
            ("status_as_of", "when the new status was true, in words"),
            ("status_source", "where the new status was read"),
        ):
            if getattr(trial, name) == getattr(previous, name):
                _add(errors, name, f'The status changed from "{old}" to "{new}": give {what}; this still describes the old status.')
        if trial.status_known_on and previous.status_known_on and trial.status_known_on < previous.status_known_on:
            _add(errors, "status_known_on", "A new status cannot be older than the status it replaces.")
    if trial.age_min is not None and trial.age_max is not None and trial.age_min > trial.age_max:
        _add(errors, "age_min", f"The youngest age ({trial.age_min}) cannot be above the oldest ({trial.age_max}).")
    if trial.edss_max is not None and not (0 <= trial.edss_max <= 10):
        _add(errors, "edss_max", f"EDSS runs from 0 to 10; {trial.edss_max} is outside it.")
    if (trial.participants is None) != (not trial.participants_kind):
        field = "participants" if trial.participants is None else "participants_kind"
        _add(errors, field, "Give the number of people together with whether it is planned or took part, or neither.")
    return errors


def _day(value) -> str:
    return f"{value.day} {value:%B %Y}"


def release_errors(release, *, previous, same_label) -> Errors:
    """A new release must carry a new label and must not be dated before the release published before it.

    `previous` is that release (None for the first one); `same_label` is another release whose label differs
    from this one's only in letter case, or None (the unique constraint refuses an identical label).
    """
    errors: Errors = {}
    if same_label is not None:
        _add(
            errors, "version",
            f'The version label "{release.version}" is already used by the release "{same_label.version}"; '
            "give each release a new label.",
        )
    if previous is not None and release.released_on is not None and release.released_on < previous.released_on:
        _add(
            errors, "released_on",
            f"The release date ({_day(release.released_on)}) cannot be earlier than that of the release "
            f"before it: {previous.version} was released on {_day(previous.released_on)}.",
        )
    return errors
