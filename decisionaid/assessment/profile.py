"""The person's profile: what the questionnaire collects and `assess` reads. Plain Python, no Django.

`profile_from_data` checks a mapping (JSON from `manage.py assess`, or the wizard's cleaned answers) and
raises ProfileError naming the field for anything it cannot accept. None always means "I don't know".
"""
import reprlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

ROLES = ("patient", "clinician")
SEXES = ("female", "male", "other")
SUBTYPES = ("rrms", "spms_active", "spms", "ppms", "unsure")
RELAPSING_SUBTYPES = ("rrms", "spms_active")
PROGRESSIVE_SUBTYPES = ("spms", "ppms")
YES_NO_UNKNOWN = ("yes", "no", "unknown")
PREGNANCY_WISHES = ("yes", "no", "unsure")
# "Are you thinking of treatment at a private clinic or abroad?" Optional: absent or null is "not answered"
# (answers saved before the question existed have no such key).
TREATMENT_ABROAD = ("yes", "no", "unsure")
AGE_RANGE = (18, 90)
MAX_RELAPSES = 30

# Kurtzke EDSS ambulation steps (GUIDELINE_RULES.md): walking range -> (lowest, highest) EDSS it implies.
WALKING_RANGE_EDSS: dict[str, tuple[Decimal, Decimal]] = {
    "unlimited": (Decimal("0"), Decimal("4.0")),
    "500m": (Decimal("0"), Decimal("4.0")),
    "300m": (Decimal("4.5"), Decimal("4.5")),
    "200m": (Decimal("5.0"), Decimal("5.0")),
    "100m": (Decimal("5.5"), Decimal("5.5")),
    "100m_one_aid": (Decimal("6.0"), Decimal("6.0")),
    "20m_two_aids": (Decimal("6.5"), Decimal("6.5")),
    "under_5m": (Decimal("7.0"), Decimal("10")),
}

KNOWN_KEYS = {
    "role", "age", "sex", "subtype", "disease_duration_years", "edss", "walking_range", "relapses_12m",
    "mri_activity_12m", "disability_worsened_12m", "dmts", "high_efficacy_contraindicated", "pregnancy_wish",
    "values", "treatment_abroad",
}


class ProfileError(ValueError):
    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Profile:
    age: int
    sex: str
    subtype: str
    disease_duration_years: Decimal | None
    edss: Decimal | None
    walking_range: str | None
    relapses_12m: int | None
    mri_activity_12m: str
    disability_worsened_12m: str
    dmts: tuple[str, ...]
    high_efficacy_contraindicated: bool | None
    pregnancy_wish: str
    role: str = "patient"
    # What matters to the person: (value key, answer) pairs, read back on the results page.
    values: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    treatment_abroad: str | None = None  # yes / no / unsure; None when not answered

    @property
    def considering_treatment_abroad(self) -> bool:
        """A yes or a not sure: the questions and the page on treatment abroad or at a private clinic apply."""
        return self.treatment_abroad in ("yes", "unsure")

    @property
    def edss_range(self) -> tuple[Decimal, Decimal] | None:
        """The EDSS as an interval: exact when known, from walking range when not, None when neither."""
        if self.edss is not None:
            return (self.edss, self.edss)
        if self.walking_range is not None:
            return WALKING_RANGE_EDSS[self.walking_range]
        return None

    @property
    def edss_is_approximate(self) -> bool:
        return self.edss is None and self.walking_range is not None

    @property
    def is_relapsing(self) -> bool:
        return self.subtype in RELAPSING_SUBTYPES

    @property
    def is_progressive(self) -> bool:
        return self.subtype in PROGRESSIVE_SUBTYPES


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


def _shown(value: Any) -> str:
    """A bad value as quoted in a message: shortened, so that huge or deeply nested input gives a short message."""
    return _REPR.repr(value)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _choice(data: Mapping, name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
    value = data.get(name, default)
    if value not in allowed:
        raise ProfileError(name, f"must be one of {', '.join(allowed)}; got {_shown(value)}")
    return value


def _integer(data: Mapping, name: str, low: int, high: int, *, allow_null: bool) -> int | None:
    if name not in data and not allow_null:
        raise ProfileError(name, "is required")
    value = data.get(name)
    if value is None:
        if allow_null:
            return None
        raise ProfileError(name, "is required")
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ProfileError(name, f"must be a whole number; got {_shown(value)}")
    try:
        whole = int(value)
    except (ValueError, OverflowError):  # NaN and Infinity (JSON allows both)
        raise ProfileError(name, f"must be a whole number; got {_shown(value)}") from None
    if whole != value:
        raise ProfileError(name, f"must be a whole number; got {_shown(value)}")
    if not low <= value <= high:
        raise ProfileError(name, f"must be between {low} and {high}; got {_short(str(value))}")
    return int(value)


def _decimal(value: Any, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ProfileError(name, f"must be a number; got {_shown(value)}")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ProfileError(name, f"must be a number; got {_shown(value)}") from None
    if not number.is_finite():
        raise ProfileError(name, f"must be a number; got {_shown(value)}")
    return number


def _is_text(value: str) -> bool:
    """False for strings that are not Unicode text: JSON's "\\ud800" escape gives a lone surrogate, which no
    output (the JSON printed by `assess`, a page) can encode."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def profile_from_data(data: Mapping[str, Any]) -> Profile:
    """Check and convert a mapping of answers; raises ProfileError naming the first bad field."""
    if not isinstance(data, Mapping):
        raise ProfileError("profile", "must be a JSON object of answers")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ProfileError(unknown[0], "is not a profile key")

    age = _integer(data, "age", *AGE_RANGE, allow_null=False)

    duration = data.get("disease_duration_years")
    if duration is not None:
        duration = _decimal(duration, "disease_duration_years")
        if duration < 0:
            raise ProfileError("disease_duration_years", "cannot be negative")
        if duration > age:
            raise ProfileError("disease_duration_years", f"cannot be longer than the person's age ({age})")
        duration = abs(duration)  # -0 is 0
    elif "disease_duration_years" not in data:
        raise ProfileError("disease_duration_years", "is required (null when unknown)")

    edss = data.get("edss")
    if edss is not None:
        edss = _decimal(edss, "edss")
        # quantize: a value too small to tell from 0 in decimal arithmetic (1e-999999999) is not a step of 0.5
        if not (0 <= edss <= 10) or edss != edss.quantize(Decimal("0.1")) or (edss * 2) % 1:
            raise ProfileError("edss", f"must be from 0 to 10 in steps of 0.5; got {_short(str(edss))}")
        edss = abs(edss)  # -0 is 0
        if edss.as_tuple().exponent not in (0, -1):  # 3.50, 1E+1, 0E-9: the same step, written plainly
            edss = edss.quantize(Decimal(1) if edss == edss.to_integral_value() else Decimal("0.1"))
    walking_range = data.get("walking_range")
    if walking_range is not None and (not isinstance(walking_range, str) or walking_range not in WALKING_RANGE_EDSS):
        raise ProfileError("walking_range", f"must be one of {', '.join(WALKING_RANGE_EDSS)}; got {_shown(walking_range)}")
    if edss is not None:
        walking_range = None  # an exact EDSS wins over the approximation

    dmts = data.get("dmts", [])
    if not isinstance(dmts, (list, tuple)) or not all(isinstance(slug, str) for slug in dmts):
        raise ProfileError("dmts", "must be a list of treatment names from the catalogue")

    contraindicated = data.get("high_efficacy_contraindicated", False)
    if contraindicated is not None and not isinstance(contraindicated, bool):
        raise ProfileError("high_efficacy_contraindicated", f"must be true, false or null; got {_shown(contraindicated)}")

    values = data.get("values", ())
    if isinstance(values, Mapping):
        values = tuple((str(key), str(answer)) for key, answer in values.items())
    elif isinstance(values, (list, tuple)) and all(isinstance(pair, (list, tuple)) and len(pair) == 2 for pair in values):
        values = tuple((str(key), str(answer)) for key, answer in values)
    else:
        raise ProfileError("values", "must be an object of value answers")
    if not all(_is_text(text) for pair in values for text in pair):
        raise ProfileError("values", "must be text")

    return Profile(
        role=_choice(data, "role", ROLES, default="patient"),
        age=age,
        sex=_choice(data, "sex", SEXES),
        subtype=_choice(data, "subtype", SUBTYPES),
        disease_duration_years=duration,
        edss=edss,
        walking_range=walking_range,
        relapses_12m=_integer(data, "relapses_12m", 0, MAX_RELAPSES, allow_null=True),
        mri_activity_12m=_choice(data, "mri_activity_12m", YES_NO_UNKNOWN),
        disability_worsened_12m=_choice(data, "disability_worsened_12m", YES_NO_UNKNOWN, default="unknown"),
        dmts=tuple(dict.fromkeys(dmts)),
        high_efficacy_contraindicated=contraindicated,
        pregnancy_wish=_choice(data, "pregnancy_wish", PREGNANCY_WISHES, default="unsure"),
        values=tuple(values),
        treatment_abroad=None if data.get("treatment_abroad") is None
        else _choice(data, "treatment_abroad", TREATMENT_ABROAD),
    )
