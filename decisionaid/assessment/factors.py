"""Factors the evidence links to more benefit or more risk, each marked as applying to the person or not.

Only statements confirmed in EVIDENCE.md are used, each with the sources behind it. The cut-offs are the
guidelines' own thresholds, read from the criteria (data), so the factors and the checks never disagree.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from decisionaid.evidence.choices import Check

from .checks import SUBTYPE_PLAIN, duration_plain, edss_number, edss_plain, mri_plain, number_plain, relapses_plain
from .evidence import Evidence, SourceRef
from .profile import Profile

FAVOURABLE = "favourable"
UNFAVOURABLE = "unfavourable"
GUIDELINE_SOURCES = ("sharrack-2020-ebmt", "miller-2021-nmss", "muraro-2025-ectrims-ebmt")


@dataclass(frozen=True)
class Factor:
    key: str
    direction: str  # favourable / unfavourable
    concerns: str  # benefit / risk
    text: str
    applies: bool | None  # None when the person's answers leave it open
    person_value: str
    sources: tuple[SourceRef, ...]


def _lowest_threshold(evidence: Evidence, *check_names: str) -> Decimal | None:
    values = [
        c.threshold
        for g in evidence.guidelines
        for c in g.criteria
        if c.check_name in check_names and c.threshold is not None
    ]
    return min(values) if values else None


def _thresholds_by_guideline(evidence: Evidence, check_name: str) -> list[tuple[Decimal, list[str]]]:
    """[(threshold, [short names of the guidelines that use it])], lowest first: each guideline's own limit, so
    that a page never states one guideline's limit as another's."""
    by_value: dict[Decimal, list[str]] = {}
    for g in sorted(evidence.guidelines, key=lambda g: (g.display_order, g.key)):
        for c in g.criteria:
            if c.check_name == check_name and c.threshold is not None:
                by_value.setdefault(c.threshold, []).append(g.short_name)
    return sorted(by_value.items())


def _names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _age_factor_text(limits: list[tuple[Decimal, list[str]]]) -> str:
    per_guideline = "; ".join(
        _("%(guidelines)s: younger than %(age)s") % {"guidelines": _names(names), "age": number_plain(value)}
        for value, names in limits
    )
    return _(
        "Being younger. The guidelines describe their best candidates as younger than a limit of their own "
        "(%(limits)s)."
    ) % {"limits": per_guideline}


def _age_value(profile: Profile, limits: list[tuple[Decimal, list[str]]]) -> str:
    under = [names for limit, names in limits if profile.age < limit]
    if under and len(under) < len(limits):
        return _("%(age)s years old: under the limit of %(guidelines)s only") % {
            "age": profile.age, "guidelines": _names([n for names in under for n in names])}
    return _("%(age)s years old") % {"age": profile.age}


def _activity(profile: Profile) -> bool | None:
    """≥1 relapse or MRI activity in 12 months; None when unknown answers leave it open."""
    if (profile.relapses_12m or 0) >= 1 or profile.mri_activity_12m == "yes":
        return True
    if profile.relapses_12m == 0 and profile.mri_activity_12m == "no":
        return False
    return None


def _and(*values: bool | None) -> bool | None:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _edss_above(profile: Profile, limit: Decimal) -> bool | None:
    span = profile.edss_range
    if span is None:
        return None
    if span[0] > limit:
        return True
    if span[1] <= limit:
        return False
    return None


def _sources(evidence: Evidence, keys: tuple[str, ...]) -> tuple[SourceRef, ...]:
    return tuple(evidence.sources[key] for key in keys if key in evidence.sources)


def _not(value: bool | None) -> bool | None:
    return None if value is None else not value


def factors_for(*, profile: Profile, evidence: Evidence) -> tuple[Factor, ...]:
    relapsing = None if profile.subtype == "unsure" else profile.is_relapsing
    progressive = None if profile.subtype == "unsure" else profile.is_progressive
    activity = _activity(profile)
    activity_value = f"{SUBTYPE_PLAIN[profile.subtype]}; {relapses_plain(profile)}; {mri_plain(profile)}"
    age_limit = _lowest_threshold(evidence, Check.AGE_BELOW)
    duration_limit = _lowest_threshold(evidence, Check.DURATION_BELOW)
    # The EBMT "5.5 or lower" and the ECTRIMS "below 6.0" are the same cut on the half-point EDSS scale.
    edss_limit = _lowest_threshold(evidence, Check.EDSS_AT_MOST)
    above = _edss_above(profile, edss_limit) if edss_limit is not None else None
    duration = profile.disease_duration_years

    specs = []
    if age_limit is not None:
        age_limits = _thresholds_by_guideline(evidence, Check.AGE_BELOW)
        specs.append((
            "younger_age", FAVOURABLE, "benefit",
            _age_factor_text(age_limits) if len(age_limits) > 1 else
            _("Being younger. The guidelines describe their best candidates as younger than %(age)s.")
            % {"age": number_plain(age_limit)},
            profile.age < age_limit, _age_value(profile, age_limits), GUIDELINE_SOURCES,
        ))
    if duration_limit is not None:
        specs.append((
            "shorter_duration", FAVOURABLE, "benefit",
            _("A shorter time since the first MS symptoms (less than %(years)s years). "
              "It went with better results, and the guidelines describe their best candidates this way.")
            % {"years": number_plain(duration_limit)},
            None if duration is None else duration < duration_limit, duration_plain(profile),
            ("burt-2015",) + GUIDELINE_SOURCES,
        ))
    if edss_limit is not None:
        specs.append((
            "lower_edss", FAVOURABLE, "benefit",
            _("Less disability before treatment (an EDSS of %(edss)s or lower). A large review found the "
              "best balance of benefit and risk before a lot of disability has built up.")
            % {"edss": edss_number(edss_limit)},
            _not(above), edss_plain(profile), ("sormani-2017", "sharrack-2020-ebmt", "muraro-2025-ectrims-ebmt"),
        ))
    specs.append((
        "relapsing_active", FAVOURABLE, "benefit",
        _("Relapsing MS with signs of inflammation (relapses or new MRI lesions). People with relapsing MS had "
          "better results than people with progressive MS, and active lesions on MRI before treatment went with "
          "better results."),
        _and(relapsing, activity), activity_value,
        ("muraro-2025-jnnp", "sormani-2017", "burman-2014", "burt-2021"),
    ))
    specs.append((
        "progressive_without_activity", UNFAVOURABLE, "benefit",
        _("Progressive MS without relapses or new MRI lesions. People with progressive MS gained less from aHSCT "
          "in these studies."),
        _and(progressive, _not(activity)), activity_value,
        ("muraro-2025-jnnp", "burt-2021", "boffa-2021"),
    ))
    if edss_limit is not None:
        specs.append((
            "higher_edss", UNFAVOURABLE, "risk",
            _("More disability before treatment (an EDSS above %(edss)s). Deaths linked to the treatment "
              "were more common in people with more disability.") % {"edss": edss_number(edss_limit)},
            above, edss_plain(profile), ("sormani-2017", "bsbmtct-20-year-report"),
        ))

    factors = []
    for key, direction, concerns, text, applies, value, source_keys in specs:
        sources = _sources(evidence, source_keys)
        if sources:  # a factor is never shown without a source behind it
            factors.append(Factor(key, direction, concerns, text, applies, value, sources))
    return tuple(factors)
