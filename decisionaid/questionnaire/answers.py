"""Turn the wizard's cleaned answers into profile data, and keep them in the person's session cookie.

The session is a signed cookie on the person's device (settings.SESSION_ENGINE), so answers never reach
the server's database or logs.
"""
from decimal import Decimal
from typing import Any, Mapping

from decisionaid.assessment.profile import Profile, profile_from_data

from .forms import UNKNOWN

SESSION_KEY = "profile"
VALUE_KEYS = ("stop_activity", "avoid_risks", "fertility", "time_away", "no_ongoing_treatment")

# Which step asks each answer (a profile field, or a value's key): where an answer's "Change" link leads.
ASKED_AT = {
    "role": "role",
    "age": "about", "sex": "about", "pregnancy_wish": "about",
    "subtype": "disease", "disease_duration_years": "disease",
    "edss": "edss",
    "walking_range": "walking",
    "relapses_12m": "activity", "mri_activity_12m": "activity", "disability_worsened_12m": "activity",
    "dmts": "treatments", "high_efficacy_contraindicated": "treatments",
    "treatment_abroad": "values",
    **{key: "values" for key in VALUE_KEYS},
}


def _text(value: Decimal | None) -> str | None:
    # JSON-safe, and exact: Decimal("5.5") -> "5.5".
    return None if value is None else str(value)


def _unknown_to_none(value: str | None) -> str | None:
    return None if value in (None, UNKNOWN) else value


def profile_data_from_steps(steps: Mapping[str, Mapping[str, Any]]) -> dict:
    """Cleaned data per step -> the profile keys of DESIGN.md (the `assess` JSON interface)."""
    about, disease, edss_step = steps["about"], steps["disease"], steps["edss"]
    activity, treatments, values = steps["activity"], steps["treatments"], steps["values"]
    walking = steps.get("walking") or {}
    contraindicated = treatments["high_efficacy_contraindicated"]
    # Optional: kept only when answered, so that answers without it look as they did before it existed.
    abroad = {"treatment_abroad": values["treatment_abroad"]} if values.get("treatment_abroad") else {}
    return {
        "role": steps["role"]["role"],
        "age": about["age"],
        "sex": about["sex"],
        "pregnancy_wish": about["pregnancy_wish"],
        "subtype": disease["subtype"],
        "disease_duration_years": None if disease.get("duration_unknown") else _text(disease.get("duration_years")),
        "edss": _unknown_to_none(edss_step["edss"]),
        "walking_range": _unknown_to_none(walking.get("walking_range")),
        "relapses_12m": None if activity.get("relapses_unknown") else activity.get("relapses"),
        "mri_activity_12m": activity["mri_activity"],
        "disability_worsened_12m": activity["disability_worsened"],
        "dmts": list(treatments.get("dmts") or []),
        "high_efficacy_contraindicated": {"yes": True, "no": False}.get(contraindicated),
        "values": {key: values[key] for key in VALUE_KEYS},
        **abroad,
    }


def initial_for_step(step: str, data: Mapping[str, Any] | None) -> dict:
    """Saved profile data -> a step's initial values, so that changing an answer never starts from blank."""
    if not data:
        return {}
    contraindicated = {True: "yes", False: "no"}.get(data.get("high_efficacy_contraindicated"), UNKNOWN)
    by_step = {
        "role": {"role": data.get("role")},
        "about": {key: data.get(key) for key in ("age", "sex", "pregnancy_wish")},
        "disease": {
            "subtype": data.get("subtype"),
            "duration_years": data.get("disease_duration_years"),
            "duration_unknown": data.get("disease_duration_years") is None,
        },
        "edss": {"edss": data.get("edss") or UNKNOWN},
        # "I don't know" only when it was the answer: a walking range never asked (the EDSS was known) starts
        # blank, so changing the EDSS to "I don't know" later never gives a walking answer nobody chose.
        "walking": {"walking_range": data.get("walking_range") or (UNKNOWN if data.get("edss") is None else None)},
        "activity": {
            "relapses": data.get("relapses_12m"),
            "relapses_unknown": data.get("relapses_12m") is None,
            "mri_activity": data.get("mri_activity_12m"),
            "disability_worsened": data.get("disability_worsened_12m"),
        },
        "treatments": {"dmts": data.get("dmts", []), "high_efficacy_contraindicated": contraindicated},
        "values": {**dict(data.get("values") or {}), "treatment_abroad": data.get("treatment_abroad")},
    }
    return by_step.get(step, {})


def as_posted(step: str, values: Mapping[str, Any]) -> dict[str, list[str]]:
    """A step's values as the wizard keeps them: prefixed names, lists of strings, "on" for a ticked box, and
    nothing for a blank answer (the shape of a browser's post, and of formtools' step data)."""
    posted = {}
    for name, value in values.items():
        if value is None or value is False or value in ("", []):
            continue
        items = value if isinstance(value, (list, tuple)) else [value]
        posted[f"{step}-{name}"] = ["on" if item is True else str(item) for item in items]
    return posted


def save_answers(session, data: dict) -> None:
    session[SESSION_KEY] = data


def saved_answers(session) -> dict | None:
    return session.get(SESSION_KEY)


def saved_profile(session) -> Profile | None:
    """The person's profile, or None when there are no usable answers (never an error page)."""
    data = saved_answers(session)
    if not data:
        return None
    try:
        return profile_from_data(data)
    except ValueError:
        return None
