"""What a guideline criterion's threshold means, and keeping its words in step with it.

The logic of each check is code (decisionaid/assessment/checks.py); this table says, for the editor, how that
code compares a person's value with the threshold, in what unit and to what precision. The criterion's words
are the editor's (they are evidence text, translated like the rest), but they must name the threshold: when
the threshold changes, the old number in the words is replaced by the new one, and words that name no
threshold at all are refused.
"""
import re
from dataclasses import dataclass
from decimal import Decimal

from .choices import Check


@dataclass(frozen=True)
class ThresholdRule:
    what: str
    unit: str
    comparison: str  # how the person's value is compared with the threshold, as the check's code does it
    step: Decimal
    low: Decimal
    high: Decimal
    meaning: str

    @property
    def precision(self) -> str:
        return "whole numbers" if self.step == 1 else f"steps of {self.step}"

    def describe(self) -> str:
        return (
            f"{self.meaning} Comparison: person's value {self.comparison} threshold. Unit: {self.unit}, in "
            f"{self.precision}, from {self.low} to {self.high}."
        )

    def format(self, value: Decimal) -> str:
        """The threshold as the words write it: 45, 10; EDSS always with its half step, 5.5, 6.0."""
        return f"{value:.1f}" if self.step < 1 else f"{value:.0f}"


RULES: dict[str, ThresholdRule] = {
    Check.AGE_BELOW: ThresholdRule(
        "age", "years", "<", Decimal(1), Decimal(18), Decimal(100),
        "Met when the person is younger than the threshold (age in whole years).",
    ),
    Check.EDSS_AT_MOST: ThresholdRule(
        "EDSS", "EDSS points", "≤", Decimal("0.5"), Decimal(0), Decimal(10),
        "Met when the person's EDSS is at or below the threshold.",
    ),
    Check.EDSS_BELOW: ThresholdRule(
        "EDSS", "EDSS points", "<", Decimal("0.5"), Decimal(0), Decimal(10),
        "Met when the person's EDSS is below the threshold.",
    ),
    Check.DURATION_BELOW: ThresholdRule(
        "years since first symptoms", "years", "<", Decimal(1), Decimal(1), Decimal(60),
        "Met when the person's first MS symptoms were fewer years ago than the threshold.",
    ),
    Check.HIGHLY_ACTIVE: ThresholdRule(
        "relapses in 12 months", "relapses", "≥", Decimal(1), Decimal(1), Decimal(10),
        "Met with at least this many relapses in the last 12 months, or 1 relapse plus new MRI activity.",
    ),
}

# Words that must name the threshold: the label on the clinician's comparison and the patient's wording.
WORDED_FIELDS = ("label_technical", "threshold_plain")
NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d]|[.,]\d)")


def numbers_in(text: str) -> list[Decimal]:
    return [Decimal(match.replace(",", ".")) for match in NUMBER.findall(text or "")]


def reword(text: str, *, old: Decimal, new: str) -> str:
    """`text` with every number equal to the old threshold replaced by the new one ("under 45" → "under 50")."""
    return NUMBER.sub(lambda m: new if Decimal(m.group().replace(",", ".")) == old else m.group(), text or "")


def threshold_errors(rule: ThresholdRule, threshold) -> list[str]:
    if threshold is None:
        return [f"This check needs a threshold ({rule.what}, in {rule.unit})."]
    if not (rule.low <= threshold <= rule.high):
        return [f"A threshold for {rule.what} must lie between {rule.low} and {rule.high}; {threshold} does not."]
    if (threshold / rule.step) % 1:
        if rule.step == 1:
            return [f"A threshold for {rule.what} is a whole number of {rule.unit}; {threshold} is not."]
        return [f"{rule.what} moves in steps of {rule.step}; {threshold} is not one of them."]
    return []


def _worded_columns(criterion, names):
    """(field, column, text) for each language's text of the named fields: the English one always, another
    language's when it is written (an empty one falls back to the English)."""
    from . import languages

    for name in names:
        for language in languages.LANGUAGES:
            column = languages.column(name, language)
            text = getattr(criterion, column, None)
            if language == languages.DEFAULT and not hasattr(criterion, column):
                column, text = name, getattr(criterion, name)
            if language == languages.DEFAULT or text:
                yield name, column, text or ""


def wording_errors(rule: ThresholdRule, criterion) -> dict[str, list[str]]:
    """Each worded field must name the threshold, in every language, so that the words and the check cannot
    disagree."""
    errors = {}
    written = rule.format(criterion.threshold)
    for name, column, text in _worded_columns(criterion, WORDED_FIELDS):
        if criterion.threshold not in numbers_in(text):
            label = criterion._meta.get_field(name).verbose_name
            errors[column] = [
                f'The {label} must name the threshold, {written} ({rule.comparison} {written} {rule.unit}); '
                f'"{text}" does not.'
            ]
    return errors


def reword_for_new_threshold(criterion, *, previous_threshold) -> list[str]:
    """Replace the old threshold by the new one in the criterion's words, in every language; returns the fields
    changed."""
    rule = RULES.get(criterion.check_name)
    if rule is None or previous_threshold is None or criterion.threshold is None:
        return []
    if previous_threshold == criterion.threshold:
        return []
    changed = []
    for name, column, before in list(_worded_columns(criterion, ("label_plain", *WORDED_FIELDS))):
        after = reword(before, old=previous_threshold, new=rule.format(criterion.threshold))
        if after != before:
            setattr(criterion, column, after)
            if name not in changed:
                changed.append(name)
    return changed
