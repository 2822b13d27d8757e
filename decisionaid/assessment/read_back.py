"""The person's own answers and values, read back in plain words (results page and printed summaries)."""
from dataclasses import dataclass

from django.utils.translation import gettext as _, gettext_lazy

from .checks import number_plain
from .evidence import Evidence
from .profile import Profile

SEX = {"female": gettext_lazy("Female"), "male": gettext_lazy("Male"), "other": gettext_lazy("Another answer, or prefers not to say")}
SUBTYPE = {
    "rrms": gettext_lazy("Relapsing-remitting MS"),
    "spms_active": gettext_lazy("Secondary progressive MS with relapses or new MRI lesions"),
    "spms": gettext_lazy("Secondary progressive MS without relapses or new MRI lesions"),
    "ppms": gettext_lazy("Primary progressive MS"),
    "unsure": gettext_lazy("Not known"),
}
YES_NO_UNKNOWN = {"yes": gettext_lazy("Yes"), "no": gettext_lazy("No"), "unknown": gettext_lazy("Not known")}
PREGNANCY = {"yes": gettext_lazy("Yes"), "no": gettext_lazy("No"), "unsure": gettext_lazy("Not sure")}
WALKING = {
    "unlimited": gettext_lazy("500 metres or more without a limit"),
    "500m": gettext_lazy("500 metres or more"),
    "300m": gettext_lazy("at least 300 metres without help"),
    "200m": gettext_lazy("at least 200 metres without help"),
    "100m": gettext_lazy("at least 100 metres without help"),
    "100m_one_aid": gettext_lazy("about 100 metres with help on one side"),
    "20m_two_aids": gettext_lazy("about 20 metres with help on both sides"),
    "under_5m": gettext_lazy("less than 5 metres even with help"),
}
VALUE_TOPICS = {
    "stop_activity": gettext_lazy("Stopping relapses and MS getting worse"),
    "avoid_risks": gettext_lazy("Avoiding the risks of strong chemotherapy"),
    "fertility": gettext_lazy("Keeping the chance of having children"),
    "time_away": gettext_lazy("Avoiding weeks away from home and work"),
    "no_ongoing_treatment": gettext_lazy("Not needing ongoing infusions or tablets"),
}
IMPORTANCE = {"very": gettext_lazy("Very important"), "somewhat": gettext_lazy("Somewhat important"), "not": gettext_lazy("Not important"), "unsure": gettext_lazy("Not sure")}


@dataclass(frozen=True)
class Line:
    label: str
    answer: str
    key: str = ""  # the profile field it reads back (a value's own key): what its "Change" link is found by


def answers_read_back(*, profile: Profile, evidence: Evidence, edss_value: str) -> tuple[Line, ...]:
    names = {slug: evidence.treatment_by_slug[slug].name for slug in profile.dmts if slug in evidence.treatment_by_slug}
    duration = profile.disease_duration_years
    relapses = profile.relapses_12m
    contraindicated = {True: _("Yes"), False: _("No"), None: _("Not known")}[profile.high_efficacy_contraindicated]
    lines = [
        Line(_("Answering as"), _("A clinician, for a patient") if profile.role == "clinician" else _("A person with MS"),
             key="role"),
        Line(_("Age"), _("%(age)s years") % {"age": profile.age}, key="age"),
        Line(_("Sex"), SEX[profile.sex], key="sex"),
        Line(_("Would like a child in the future"), PREGNANCY[profile.pregnancy_wish], key="pregnancy_wish"),
        Line(_("Type of MS"), SUBTYPE[profile.subtype], key="subtype"),
        Line(_("Years since first symptoms"), _("Not known") if duration is None else number_plain(duration),
             key="disease_duration_years"),
        Line(_("EDSS"), edss_value, key="edss"),
    ]
    if profile.walking_range:
        lines.append(Line(_("Walking without rest"), WALKING[profile.walking_range], key="walking_range"))
    lines += [
        Line(_("Relapses in the last 12 months"), _("Not known") if relapses is None else str(relapses),
             key="relapses_12m"),
        Line(_("New or active lesions on MRI in the last 12 months"), YES_NO_UNKNOWN[profile.mri_activity_12m],
             key="mri_activity_12m"),
        Line(_("Disability worse in the last 12 months"), YES_NO_UNKNOWN[profile.disability_worsened_12m],
             key="disability_worsened_12m"),
        Line(_("MS treatments taken"), ", ".join(names[slug] for slug in profile.dmts if slug in names) or _("None"),
             key="dmts"),
        Line(_("Strongest MS medicines not possible"), contraindicated, key="high_efficacy_contraindicated"),
    ]
    if profile.treatment_abroad is not None:  # an optional question: read back only when answered
        abroad = {"yes": _("Yes"), "no": _("No"), "unsure": _("Not sure")}[profile.treatment_abroad]
        lines.append(Line(_("Thinking of treatment at a private clinic or abroad"), abroad, key="treatment_abroad"))
    return tuple(lines)


def values_read_back(*, profile: Profile) -> tuple[Line, ...]:
    return tuple(
        Line(VALUE_TOPICS[key], IMPORTANCE.get(answer, answer), key=key)
        for key, answer in profile.values
        if key in VALUE_TOPICS
    )
