"""How closely a study's people resemble the person: the first part of the selection rule (selection.py).

A figure's population is described by the MS types it included, whether its people had had MS treatment
before, the age and EDSS ranges it states and its typical EDSS. Each comparison is a plain function, so the
rule reads as the code, and the notes that tell a person how a study differs from them come from the same
comparisons that rank the figures: a figure can never be ranked as "other people" without saying so.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _, gettext_lazy

from decisionaid.evidence.choices import Regimen

from .checks import edss_number, number_plain
from .evidence import FigureData
from .profile import Profile

# How far a study's typical EDSS may be from the person's for the study to count as "people like you" in
# disability. 1.5 points is three steps of the scale, e.g. 3.5 against 5.0.
EDSS_CLOSE = Decimal("1.5")

# The person's own MS type, as the studies name types: active SPMS is SPMS with relapses or MRI activity.
OWN_TYPE = {"rrms": "rrms", "spms_active": "spms", "spms": "spms", "ppms": "ppms"}
TYPE_PLAIN = {
    "rrms": gettext_lazy("relapsing-remitting MS"),
    "spms": gettext_lazy("secondary progressive MS"),
    "ppms": gettext_lazy("primary progressive MS"),
}
PERSON_TYPE_PLAIN = {
    "rrms": gettext_lazy("relapsing-remitting MS"),
    "spms_active": gettext_lazy("secondary progressive MS with relapses or new MRI lesions"),
    "spms": gettext_lazy("secondary progressive MS"),
    "ppms": gettext_lazy("primary progressive MS"),
}

# type_rank values
OWN_TYPE_ONLY = 0  # the study was only in people with the person's type of MS
INCLUDES_OWN_TYPE = 1  # it included the person's type among others (or the person's type is not known)
OTHER_TYPE = 2  # it did not include the person's type of MS
NOT_ONLY_MS = 3  # it was about several autoimmune diseases


def types_included(figure: FigureData) -> frozenset[str]:
    return frozenset(
        name
        for name, included in (("rrms", figure.includes_rrms), ("spms", figure.includes_spms), ("ppms", figure.includes_ppms))
        if included
    )


def type_rank(profile: Profile, figure: FigureData) -> int:
    if figure.includes_other_diseases:
        return NOT_ONLY_MS
    types = types_included(figure)
    own = OWN_TYPE.get(profile.subtype)
    if own is None:  # type of MS not known: a study of every type is the closest
        return OWN_TYPE_ONLY if types == {"rrms", "spms", "ppms"} else INCLUDES_OWN_TYPE
    if own not in types:
        return OTHER_TYPE
    return OWN_TYPE_ONLY if types == {own} else INCLUDES_OWN_TYPE


def outside_stated_ranges(profile: Profile, figure: FigureData) -> bool:
    """The study states an age or EDSS range that the person's answers are clearly outside."""
    if (figure.age_min is not None and profile.age < figure.age_min) or (
        figure.age_max is not None and profile.age > figure.age_max
    ):
        return True
    span = profile.edss_range
    if span is None:
        return False
    return (figure.edss_max is not None and span[0] > figure.edss_max) or (
        figure.edss_min is not None and span[1] < figure.edss_min
    )


def other_treatment_history(profile: Profile, figure: FigureData) -> bool:
    """The study was of people given aHSCT as their first MS treatment, and the person has had treatment."""
    return figure.treatment_naive_population and bool(profile.dmts)


def naive_preference(profile: Profile, figure: FigureData) -> int:
    """0 when the study's treatment history is the person's (both treatment-naive, or both treated), else 1."""
    return 0 if figure.treatment_naive_population == (not profile.dmts) else 1


def _inside_stated_edss(span, figure: FigureData) -> bool:
    low, high = figure.edss_min, figure.edss_max
    if low is None and high is None:
        return False
    return (low is None or span[0] >= low) and (high is None or span[1] <= high)


def edss_far(profile: Profile, figure: FigureData) -> bool:
    """The study's typical EDSS is more than EDSS_CLOSE from the person's."""
    return edss_match(profile, figure) == EDSS_FAR


EDSS_CLOSE_MATCH, EDSS_NOT_KNOWN, EDSS_FAR = 0, 1, 2


def edss_match(profile: Profile, figure: FigureData) -> int:
    """How the study's disability compares with the person's: close (its typical EDSS within EDSS_CLOSE, or a
    stated EDSS range that holds the person's), not known (either side), or far."""
    span = profile.edss_range
    if span is None:
        return EDSS_NOT_KNOWN
    if figure.edss_typical is not None:
        low, high = span
        far = figure.edss_typical < low - EDSS_CLOSE or figure.edss_typical > high + EDSS_CLOSE
        return EDSS_FAR if far else EDSS_CLOSE_MATCH
    return EDSS_CLOSE_MATCH if _inside_stated_edss(span, figure) else EDSS_NOT_KNOWN


def uncommon_regimen(figure: FigureData) -> bool:
    """A high-intensity regimen (with busulfan): most treatment today uses intermediate-intensity ones."""
    return figure.regimen == Regimen.BU_CY_ATG


def is_eligible(profile: Profile, figure: FigureData) -> bool:
    """The study's people match the person: their type of MS was included, no stated range excludes them, and
    the study was not of people with another treatment history (first treatment against already treated)."""
    return (
        type_rank(profile, figure) <= INCLUDES_OWN_TYPE
        and not outside_stated_ranges(profile, figure)
        and not other_treatment_history(profile, figure)
    )


@dataclass(frozen=True)
class Closeness:
    """Lower is closer; compared as a tuple, in this order."""

    type_rank: int
    outside_range: bool
    other_history: bool
    naive_preference: int
    uncommon_regimen: bool
    edss_match: int

    @property
    def key(self) -> tuple:
        return (
            self.type_rank, self.outside_range, self.other_history, self.naive_preference, self.uncommon_regimen,
            self.edss_match,
        )


def closeness(profile: Profile, figure: FigureData) -> Closeness:
    return Closeness(
        type_rank=type_rank(profile, figure),
        outside_range=outside_stated_ranges(profile, figure),
        other_history=other_treatment_history(profile, figure),
        naive_preference=naive_preference(profile, figure),
        uncommon_regimen=uncommon_regimen(figure),
        edss_match=edss_match(profile, figure),
    )


# -- plain words ---------------------------------------------------------------------------------------------


def bounds_plain(low, high, unit: str) -> str:
    if low is not None and high is not None:
        return _("%(unit)s %(low)s to %(high)s") % {"unit": unit, "low": low, "high": high}
    if low is not None:
        return _("%(unit)s %(low)s or more") % {"unit": unit, "low": low}
    return _("%(unit)s %(high)s or less") % {"unit": unit, "high": high}


def types_plain(figure: FigureData) -> str:
    """The study's people in a few words: "people with relapsing-remitting MS"."""
    types = types_included(figure)
    if figure.includes_other_diseases:
        return _("people with several autoimmune diseases, not only MS")
    if types == {"rrms", "spms", "ppms"}:
        return _("people with relapsing or progressive MS")
    if types == {"spms", "ppms"}:
        return _("people with progressive MS")
    if types == {"rrms", "spms"}:
        return _("people with relapsing-remitting or secondary progressive MS")
    if len(types) == 1:
        return _("people with %(type)s") % {"type": TYPE_PLAIN[next(iter(types))]}
    return _("people with MS")


def population_notes(profile: Profile, figure: FigureData) -> tuple[str, ...]:
    """How the study's people differ from the person, in plain words; empty when they match."""
    notes: list[str] = []
    rank = type_rank(profile, figure)
    own = PERSON_TYPE_PLAIN.get(profile.subtype)
    types = types_included(figure)
    if rank == NOT_ONLY_MS:
        notes.append(_("This study was about several autoimmune diseases, not only MS."))
    elif rank == OTHER_TYPE:
        notes.append(
            _("This study was in %(people)s; your answers say %(own)s.") % {"people": types_plain(figure), "own": own}
        )
    elif own is None and types != {"rrms", "spms", "ppms"}:
        notes.append(_("This study was in %(people)s; your type of MS is not known.") % {"people": types_plain(figure)})
    elif rank == INCLUDES_OWN_TYPE and profile.subtype == "ppms" and types == {"spms", "ppms"}:
        notes.append(_("This study was in people with progressive MS; it does not say how many had primary progressive MS."))
    # A study that included the person's type among others needs no note: the figure's "who" names its types.
    if other_treatment_history(profile, figure):
        notes.append(_("This study was in people given aHSCT as their first MS treatment; your answers say you have had MS treatment."))
    if (figure.age_min is not None and profile.age < figure.age_min) or (
        figure.age_max is not None and profile.age > figure.age_max
    ):
        notes.append(
            _("The study took people %(range)s.") % {"range": bounds_plain(figure.age_min, figure.age_max, _("aged"))}
        )
    if figure.edss_min is not None or figure.edss_max is not None:
        described = bounds_plain(figure.edss_min, figure.edss_max, _("with an EDSS of"))
        span = profile.edss_range
        if span is None:
            notes.append(_("The study took people %(range)s; your EDSS is not known.") % {"range": described})
        elif outside_stated_ranges(profile, figure):
            notes.append(_("The study took people %(range)s.") % {"range": described})
    if edss_far(profile, figure):
        notes.append(
            _("The study's people had a typical EDSS of %(typical)s before treatment; yours is %(own)s.")
            % {"typical": _edss(figure.edss_typical), "own": _edss_span(profile)}
        )
    return tuple(notes)


def _edss(value: Decimal) -> str:
    return number_plain(value)


def _edss_span(profile: Profile) -> str:
    low, high = profile.edss_range
    if low == high:
        return edss_number(low)
    return _("%(low)s to %(high)s") % {"low": edss_number(low), "high": edss_number(high)}
