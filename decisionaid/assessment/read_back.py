"""The person's own answers and values, read back in plain words (results page and printed summaries)."""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .checks import number_plain
from .evidence import Evidence
from .profile import Profile

SEX = {"female": "Female", "male": "Male", "other": "Another answer, or prefers not to say"}
SUBTYPE = {
    "rrms": "Relapsing-remitting MS",
    "spms_active": "Secondary progressive MS with relapses or new MRI lesions",
    "spms": "Secondary progressive MS without relapses or new MRI lesions",
    "ppms": "Primary progressive MS",
    "unsure": "Not known",
}
YES_NO_UNKNOWN = {"yes": "Yes", "no": "No", "unknown": "Not known"}
PREGNANCY = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
WALKING = {
    "unlimited": "500 metres or more without a limit",
    "500m": "500 metres or more",
    "300m": "at least 300 metres without help",
    "200m": "at least 200 metres without help",
    "100m": "at least 100 metres without help",
    "100m_one_aid": "about 100 metres with help on one side",
    "20m_two_aids": "about 20 metres with help on both sides",
    "under_5m": "less than 5 metres even with help",
}
VALUE_TOPICS = {
    "stop_activity": "Stopping relapses and MS getting worse",
    "avoid_risks": "Avoiding the risks of strong chemotherapy",
    "fertility": "Keeping the chance of having children",
    "time_away": "Avoiding weeks away from home and work",
    "no_ongoing_treatment": "Not needing ongoing infusions or tablets",
}
IMPORTANCE = {"very": "Very important", "somewhat": "Somewhat important", "not": "Not important", "unsure": "Not sure"}


@dataclass(frozen=True)
class Line:
    label: str
    answer: str
    key: str = ""  # the profile field it reads back (a value's own key): what its "Change" link is found by


def answers_read_back(*, profile: Profile, evidence: Evidence, edss_value: str) -> tuple[Line, ...]:
    names = {slug: evidence.treatment_by_slug[slug].name for slug in profile.dmts if slug in evidence.treatment_by_slug}
    duration = profile.disease_duration_years
    relapses = profile.relapses_12m
    contraindicated = {True: "Yes", False: "No", None: "Not known"}[profile.high_efficacy_contraindicated]
    lines = [
        Line("Answering as", "A clinician, for a patient" if profile.role == "clinician" else "A person with MS",
             key="role"),
        Line("Age", f"{profile.age} years", key="age"),
        Line("Sex", SEX[profile.sex], key="sex"),
        Line("Would like a child in the future", PREGNANCY[profile.pregnancy_wish], key="pregnancy_wish"),
        Line("Type of MS", SUBTYPE[profile.subtype], key="subtype"),
        Line("Years since first symptoms", "Not known" if duration is None else number_plain(duration),
             key="disease_duration_years"),
        Line("EDSS", edss_value, key="edss"),
    ]
    if profile.walking_range:
        lines.append(Line("Walking without rest", WALKING[profile.walking_range], key="walking_range"))
    lines += [
        Line("Relapses in the last 12 months", "Not known" if relapses is None else str(relapses), key="relapses_12m"),
        Line("New or active lesions on MRI in the last 12 months", YES_NO_UNKNOWN[profile.mri_activity_12m],
             key="mri_activity_12m"),
        Line("Disability worse in the last 12 months", YES_NO_UNKNOWN[profile.disability_worsened_12m],
             key="disability_worsened_12m"),
        Line("MS treatments taken", ", ".join(names[slug] for slug in profile.dmts if slug in names) or "None",
             key="dmts"),
        Line("Strongest MS medicines not possible", contraindicated, key="high_efficacy_contraindicated"),
    ]
    if profile.treatment_abroad is not None:  # an optional question: read back only when answered
        abroad = {"yes": _("Yes"), "no": _("No"), "unsure": _("Not sure")}[profile.treatment_abroad]
        lines.append(Line(_("Thinking of treatment at a private clinic or abroad"), abroad))
    return tuple(lines)


def values_read_back(*, profile: Profile) -> tuple[Line, ...]:
    return tuple(
        Line(VALUE_TOPICS[key], IMPORTANCE.get(answer, answer), key=key)
        for key, answer in profile.values
        if key in VALUE_TOPICS
    )
