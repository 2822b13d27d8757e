"""Every outcome a person sees, once, under one title: the selection rule (selection.py) turned into views.

An OutcomeView holds, for one outcome: the headline figure (the picture), one figure per other study of people
like the person, pooled estimates, the ends of the range across studies with their study and number of people,
and every other figure of that outcome (other time points, other reports of the same people, other people) with
the notes that say how they differ. Pages and summaries lay these out; they choose nothing.
"""
from dataclasses import dataclass

from django.utils.translation import gettext as _

from decisionaid.evidence.choices import Outcome

from .checks import number_plain
from .evidence import Evidence, FigureData
from .figures import (
    FigureView, fertility_prominent, figure_view, icons_for, in_100_plain, is_fertility_figure, topic_title,
    wants_fertility_information,
)
from .population import is_eligible
from .profile import Profile
from .selection import KEY_TOPICS, Selection, rank_key, select, sex_applies, topic_of

# The key outcomes the overview shows, the same number of benefits and harms (IPDAS: equal detail): one of
# each keeps the overview within three phone screens; every other one is a click away, in the same format.
OVERVIEW_BENEFITS = ("neda",)
OVERVIEW_HARMS = ("death",)


@dataclass(frozen=True)
class RangeEnd:
    figure: FigureView
    value: str  # "0 of 55 people", "about 46 in 100 people (46.2 in the study)"
    study: str  # "MIST, Burt 2019", with its number of people when the value does not give it
    when: str  # "at 5 years", or the figure's own time words


@dataclass(frozen=True)
class OutcomeView:
    topic: str
    kind: str  # benefit / risk / practical
    title: str
    is_key: bool
    headline: FigureView | None  # None when the outcome has no figure that fills a picture for this person
    studies: tuple[FigureView, ...]  # one figure per study of people like the person, the headline first
    pooled: tuple[FigureView, ...]
    lowest: RangeEnd | None
    highest: RangeEnd | None
    range_text: str  # the range in one sentence, or what there is instead ("only one study")
    range_short: str  # the same in a few words, exact values, with the pooled estimates (overview, summaries)
    headline_short: str  # the headline in a few words: "73 in 100, at 5 years: Sweden, 174 people."
    pooled_text: tuple[str, ...]
    from_other_people: bool  # no study of people like the person: the figures are from other people
    others: tuple[FigureView, ...]  # every other figure of this outcome for the person, closest first

    @property
    def study_count(self) -> int:
        return len(self.studies)

    @property
    def figures(self) -> tuple[FigureView, ...]:
        """Every figure of this outcome, each once: headline, other studies, pooled, the rest."""
        return self.studies + self.pooled + self.others


def study_name(figure: FigureView | FigureData) -> str:
    """A study's short name without brackets, so that it can stand inside a bracket: "Muraro 2025, UK"."""
    return figure.source.short_name.replace(" (", ", ").replace(")", "")


def value_plain(figure: FigureView) -> str:
    """ "25 of 30 people (83 in 100)", "about 46 in 100 people (46.2 in the study)"."""
    people = _("women") if figure.sex == "female" else _("people")
    if figure.numerator is not None and figure.denominator and figure.estimate == "count":
        whole, rounded = icons_for(figure.per_100)
        share = (_("about %(n)s in 100") if rounded and whole else _("%(n)s in 100")) % {"n": whole}
        if rounded and not whole:
            share = _("fewer than 1 in 100")
        return _("%(n)s of %(d)s %(who)s (%(share)s)") % {
            "n": figure.numerator, "d": figure.denominator, "who": people, "share": share,
        }
    return in_100_plain(figure.per_100, people) if figure.per_100 is not None else ""


def when_plain(figure: FigureView) -> str:
    months = figure.time_point_months
    if months is None:
        return figure.time_point
    if months % 12 == 0:
        years = months // 12
        return _("at 1 year") if years == 1 else _("at %(n)s years") % {"n": years}
    return _("at %(n)s months") % {"n": months}


def range_end(figure: FigureView | None) -> RangeEnd | None:
    if figure is None:
        return None
    study = study_name(figure)
    if not (figure.numerator is not None and figure.denominator and figure.estimate == "count") and figure.size:
        study = _("%(study)s: %(n)s people") % {"study": study, "n": figure.size}
    return RangeEnd(figure=figure, value=value_plain(figure), study=study, when=when_plain(figure))


def _range_text(selection: Selection, lowest: RangeEnd | None, highest: RangeEnd | None, count: int) -> str:
    people = _("other people") if selection.from_other_people else _("people like you")
    if count == 0:
        return ""
    if count == 1:
        return _("Only one study of %(people)s measured this.") % {"people": people}
    if lowest.figure.per_100 == highest.figure.per_100:
        return _("Across %(n)s studies of %(people)s, each found %(value)s.") % {
            "n": count, "people": people, "value": in_100_plain(lowest.figure.per_100),
        }
    return _(
        "Across %(n)s studies of %(people)s, the lowest: %(low)s, %(low_study)s, %(low_when)s; the highest: "
        "%(high)s, %(high_study)s, %(high_when)s."
    ) % {
        "n": count, "people": people,
        "low": lowest.value, "low_study": lowest.study, "low_when": lowest.when,
        "high": highest.value, "high_study": highest.study, "high_when": highest.when,
    }


def _place(figure: FigureView) -> str:
    """Where a study's people were and how many: "UK, 271 people"; a study's short name when it has no country."""
    where = figure.source.country or study_name(figure)
    if "," in where or len(where) > 24:  # "United States, Europe and South America (4 centres)": name the study
        where = study_name(figure)
    return _("%(where)s, %(n)s people") % {"where": where, "n": figure.size} if figure.size else where


def _range_short(selection: Selection, lowest: RangeEnd | None, highest: RangeEnd | None, count: int,
                 pooled: tuple[FigureView, ...]) -> str:
    """The range in a few words, exact values, each end with its place and number of people; then any pooled
    estimate: "3 studies: 46.2 (United Kingdom, 271 people) to 83 in 100 (Norway, 30 people). Pooled: 68 in 100."."""
    if count < 2:
        words = (_("Only one study of other people.") if selection.from_other_people else
                 _("Only one study of people like you.")) if count else ""
    elif lowest.figure.per_100 == highest.figure.per_100:
        words = _("%(n)s studies, each %(value)s in 100.") % {"n": count, "value": number_plain(lowest.figure.per_100)}
    else:
        words = _("%(n)s studies, %(low)s to %(high)s in 100: %(low_place)s; %(high_place)s.") % {
            "n": count, "low": number_plain(lowest.figure.per_100), "low_place": _place(lowest.figure),
            "high": number_plain(highest.figure.per_100), "high_place": _place(highest.figure),
        }
    if pooled:
        values = []
        for figure in pooled:
            value = number_plain(figure.per_100)
            if figure.ci_low is not None and figure.ci_high is not None:
                value = _("%(value)s (range %(low)s to %(high)s)") % {
                    "value": value, "low": number_plain(figure.ci_low), "high": number_plain(figure.ci_high),
                }
            values.append(value)
        words += " " + _("Pooled: %(values)s in 100.") % {"values": _(" and ").join(values)}
    return words.strip()


def _headline_short(figure: FigureView) -> str:
    """ "73 in 100, at 5 years: Sweden, 174 people." or "5 of 364 people, within 100 days: United Kingdom."
    (exact values; counts as counted, their number of people said once)."""
    if figure.numerator is not None and figure.denominator and figure.estimate == "count":
        people = _("women") if figure.sex == "female" else _("people")
        value = _("%(n)s of %(d)s %(who)s") % {"n": figure.numerator, "d": figure.denominator, "who": people}
        place = figure.source.country if figure.source.country and "," not in figure.source.country else study_name(figure)
    else:
        value = _("%(value)s in 100") % {"value": number_plain(figure.per_100)}
        place = _place(figure)
    return _("%(value)s, %(when)s: %(place)s.") % {"value": value, "when": when_plain(figure), "place": place}


def _pooled_text(figure: FigureView) -> str:
    spread = ""
    if figure.ci_low is not None and figure.ci_high is not None:
        spread = _("; its range: %(low)s to %(high)s") % {"low": number_plain(figure.ci_low), "high": number_plain(figure.ci_high)}
    return _("Pooled across many studies (%(study)s): %(value)s%(spread)s.") % {
        "study": study_name(figure), "value": in_100_plain(figure.per_100), "spread": spread,
    }


def _companion(evidence_by_key: dict[str, FigureData], figure: FigureData) -> FigureData | None:
    return evidence_by_key.get(figure.companion_key) if figure.companion_key else None


def outcome_view(
    profile: Profile, evidence: Evidence, *, topic: str, kind: str, outcomes: tuple[str, ...], is_key: bool,
    figures: list[FigureData], by_key: dict[str, FigureData],
) -> OutcomeView:
    prominent = fertility_prominent(profile)

    def view(figure: FigureData) -> FigureView:
        return figure_view(
            figure, profile=profile, prominent=prominent and is_fertility_figure(figure),
            companion=_companion(by_key, figure),
        )

    selection = select(profile, evidence, topic=topic, kind=kind, outcomes=outcomes)
    studies = tuple(view(f) for f in selection.studies)
    pooled = tuple(view(f) for f in selection.pooled)
    chosen = {f.key for f in selection.studies + selection.pooled}
    # A companion is shown with its figure, never again on its own.
    shown_with = {f.companion_key for f in selection.studies + selection.pooled if f.companion_key}
    rest = []
    for f in sorted(
        (f for f in figures if f.key not in chosen and f.key not in shown_with),
        key=lambda f: (not is_eligible(profile, f), rank_key(profile, f)),
    ):
        if f.key not in shown_with:
            rest.append(f)
            shown_with.add(f.companion_key)
    by_view = {v.key: v for v in studies}
    lowest = range_end(by_view.get(selection.lowest.key)) if selection.lowest else None
    highest = range_end(by_view.get(selection.highest.key)) if selection.highest else None
    return OutcomeView(
        topic=topic,
        kind=kind,
        title=topic_title(topic),
        is_key=is_key,
        headline=studies[0] if studies else None,
        studies=studies,
        pooled=pooled,
        lowest=lowest,
        highest=highest,
        range_text=_range_text(selection, lowest, highest, len(studies)),
        range_short=_range_short(selection, lowest, highest, len(studies), pooled),
        headline_short=_headline_short(studies[0]) if studies else "",
        pooled_text=tuple(_pooled_text(p) for p in pooled),
        from_other_people=selection.from_other_people,
        others=tuple(view(f) for f in rest),
    )


def _person_figures(profile: Profile, evidence: Evidence) -> list[FigureData]:
    """Published figures that concern this person: fertility figures only for women and sex "other"."""
    return [
        f for f in evidence.figures
        if sex_applies(profile, f.sex) and (wants_fertility_information(profile) or not is_fertility_figure(f))
    ]


def outcome_views(*, profile: Profile, evidence: Evidence) -> tuple[OutcomeView, ...]:
    """Every outcome with a figure for this person, each once: the key benefits, the other benefits, the key
    harms, the other harms, then practical facts; in each, the order of the outcome vocabulary."""
    figures = _person_figures(profile, evidence)
    by_key = {f.key: f for f in evidence.figures}
    by_topic: dict[tuple[str, str], list[FigureData]] = {}
    for f in figures:
        by_topic.setdefault((f.kind, topic_of(f.outcome)), []).append(f)
    key_topics = {(kind, topic): outcomes for topic, kind, outcomes in KEY_TOPICS}
    order = {value: position for position, value in enumerate(Outcome.values)}
    kind_order = {"benefit": 0, "risk": 1, "practical": 2}

    def position(item):
        (kind, topic), _figures = item
        return (kind_order.get(kind, 3), (kind, topic) not in key_topics, order.get(topic, -1))

    views = []
    for (kind, topic), group in sorted(by_topic.items(), key=position):
        outcomes = key_topics.get((kind, topic)) or tuple(dict.fromkeys(f.outcome for f in group))
        views.append(
            outcome_view(
                profile, evidence, topic=topic, kind=kind, outcomes=outcomes, is_key=(kind, topic) in key_topics,
                figures=group, by_key=by_key,
            )
        )
    return tuple(views)


def overview_outcomes(views: tuple[OutcomeView, ...]) -> tuple[tuple[OutcomeView, ...], tuple[OutcomeView, ...]]:
    """The benefits and harms the overview shows: the same number of each, each with a picture."""
    def pick(topics: tuple[str, ...], kind: str) -> list[OutcomeView]:
        pictured = [v for v in views if v.kind == kind and v.is_key and v.headline is not None]
        chosen = [v for topic in topics for v in pictured if v.topic == topic]
        chosen += [v for v in pictured if v not in chosen]  # a missing one is replaced by the next key outcome
        return chosen[: len(topics)]

    benefits, harms = pick(OVERVIEW_BENEFITS, "benefit"), pick(OVERVIEW_HARMS, "risk")
    count = min(len(benefits), len(harms)) or max(len(benefits), len(harms))
    return tuple(benefits[:count]), tuple(harms[:count])
