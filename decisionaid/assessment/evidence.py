"""A frozen snapshot of the published evidence, so that `assess` never touches the ORM.

`load_published_evidence` is the only function here that reads the database: published figures only
(shown-as-fact provenance and is_published), the guidelines with their criteria, the treatment catalogue,
the trials, the dated statements, the passages and the current release, in a fixed number of queries (ten).
"""
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cached_property
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import override

from decisionaid.evidence.choices import subtype_group_for
from decisionaid.evidence.languages import DEFAULT as DEFAULT_LANGUAGE, other_texts


@dataclass(frozen=True)
class SourceRef:
    key: str
    short_name: str
    citation: str
    doi: str = ""
    pmid: str = ""
    registry_id: str = ""
    url: str = ""
    design: str = ""
    n_patients: int | None = None
    year: int | None = None
    population: str = ""
    provenance: str = ""
    country: str = ""
    # The key of the main report of the same people: sources that share it are one study, not independent.
    cohort: str = ""
    cohort_note: str = ""
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()

    @property
    def identifiers(self) -> tuple[tuple[str, str], ...]:
        pairs = (("DOI", self.doi), ("PMID", self.pmid), ("Registry", self.registry_id))
        return tuple((label, value) for label, value in pairs if value)


@dataclass(frozen=True)
class CriterionData:
    key: str
    order: int
    check_name: str
    threshold: Decimal | None
    not_met_effect: str
    label_plain: str
    label_technical: str
    threshold_plain: str
    guideline_text: str = ""
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class GuidelineData:
    key: str
    name: str
    short_name: str
    summary_plain: str
    confidence_note: str
    known_through: str
    source: SourceRef
    criteria: tuple[CriterionData, ...]
    display_order: int = 100
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class CaveatData:
    key: str
    text_plain: str
    source: SourceRef
    provenance: str
    display_order: int = 100
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class FigureData:
    key: str
    kind: str
    outcome: str
    label_plain: str
    label_technical: str
    source: SourceRef
    estimate: str
    time_point: str
    population: str
    provenance: str
    # The MS types the population included (a person is matched on these).
    includes_rrms: bool = False
    includes_spms: bool = False
    includes_ppms: bool = False
    includes_other_diseases: bool = False
    treatment_naive_population: bool = False
    edss_typical: Decimal | None = None
    arm: str = ""
    arm_plain: str = ""
    numerator: int | None = None
    denominator: int | None = None
    per_100: Decimal | None = None
    per_100_computed: bool = False
    ci_low: Decimal | None = None
    ci_high: Decimal | None = None
    ci_level: int | None = None
    amount: Decimal | None = None
    amount_unit: str = ""
    amount_range: str = ""
    time_point_months: int | None = None
    sex: str = "any"
    age_min: int | None = None
    age_max: int | None = None
    edss_min: Decimal | None = None
    edss_max: Decimal | None = None
    regimen: str = "not_stated"
    comparator_label: str = ""
    comparator_label_plain: str = ""
    comparator_numerator: int | None = None
    comparator_denominator: int | None = None
    comparator_per_100: Decimal | None = None
    comparison_note: str = ""
    comparison_kind: str = ""
    correction_note: str = ""
    display_order: int = 100
    companion_key: str = ""  # another figure of the same study always shown with this one
    caveats: tuple[CaveatData, ...] = ()
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()

    @property
    def has_comparator(self) -> bool:
        return bool(self.comparator_label) or self.comparator_per_100 is not None

    @property
    def subtype_group(self) -> str:
        return subtype_group_for(
            rrms=self.includes_rrms, spms=self.includes_spms, ppms=self.includes_ppms,
            other_diseases=self.includes_other_diseases,
        )


@dataclass(frozen=True)
class TreatmentData:
    slug: str
    name: str
    brand_names: str
    plain_group: str
    how_taken: str
    high_efficacy: bool
    display_order: int = 100
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class TrialData:
    key: str
    name: str
    registry_id: str
    design: str
    ahsct_arm: str
    comparator: str
    size: str
    countries: str
    key_eligibility: str
    primary_endpoint: str
    status: str
    status_as_of: str
    status_read_on: date | None
    status_source: str
    provenance: str
    status_known_on: date | None = None
    participants: int | None = None
    participants_kind: str = ""
    source: SourceRef | None = None
    age_min: int | None = None
    age_max: int | None = None
    edss_max: Decimal | None = None
    relapsing_only: bool = True
    accepts_treatment_naive: bool = False
    display_order: int = 100
    # The texts in other languages: (language, field, text); `localised` puts them in place of the English.
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class PassageData:
    """A paragraph of evidence in words (a Passage row), shown where its key says."""

    key: str
    text_plain: str
    source: SourceRef
    provenance: str
    display_order: int = 100
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class StatementData:
    """A dated statement of one source, shown with the source and its date (evidence Statement rows)."""

    key: str
    topic: str  # centres / norway / abroad
    text_plain: str
    source: SourceRef
    stated_on: date
    stated_on_words: str
    provenance: str
    display_order: int = 100
    translations: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class ReleaseData:
    version: str
    released_on: date
    reviewed_on: date
    note: str


@dataclass(frozen=True)
class Evidence:
    guidelines: tuple[GuidelineData, ...]
    figures: tuple[FigureData, ...]
    treatments: tuple[TreatmentData, ...]
    trials: tuple[TrialData, ...]
    release: ReleaseData | None
    # Sources named by published figures, guidelines or trials, by key.
    sources: dict[str, SourceRef] = field(default_factory=dict)
    # Dated statements (where aHSCT should be done, where it is offered in Norway, people who went abroad).
    # Empty in a release frozen before statements existed.
    statements: tuple[StatementData, ...] = ()

    def statements_about(self, topic: str) -> tuple[StatementData, ...]:
        return tuple(s for s in self.statements if s.topic == topic)
    # Published passages by key (a release made before passages existed has none: the pages then show nothing).
    passages: dict[str, PassageData] = field(default_factory=dict)

    @cached_property
    def high_efficacy_slugs(self) -> frozenset[str]:
        return frozenset(t.slug for t in self.treatments if t.high_efficacy)

    @cached_property
    def treatment_by_slug(self) -> dict[str, TreatmentData]:
        return {t.slug: t for t in self.treatments}


def _source_ref(source) -> SourceRef:
    return SourceRef(
        key=source.key,
        short_name=source.short_name,
        citation=source.citation,
        doi=source.doi,
        pmid=source.pmid,
        registry_id=source.registry_id,
        url=source.url,
        design=source.design,
        n_patients=source.n_patients,
        year=source.year,
        population=source.population,
        provenance=source.provenance,
        country=source.country,
        cohort=source.same_cohort_as.key if source.same_cohort_as_id else source.key,
        cohort_note=source.cohort_note,
        translations=other_texts(source),
    )


_FIGURE_FIELDS = (
    "key", "kind", "outcome", "label_plain", "label_technical", "estimate", "time_point", "population",
    "includes_rrms", "includes_spms", "includes_ppms", "includes_other_diseases", "treatment_naive_population",
    "edss_typical", "provenance", "arm", "arm_plain", "numerator", "denominator", "per_100", "per_100_computed",
    "ci_low", "ci_high", "ci_level", "amount", "amount_unit", "amount_range", "time_point_months", "sex", "age_min",
    "age_max", "edss_min", "edss_max", "regimen", "comparator_label", "comparator_label_plain",
    "comparator_numerator", "comparator_denominator", "comparator_per_100", "comparison_note", "comparison_kind", "correction_note",
    "display_order",
)
_TRIAL_FIELDS = (
    "key", "name", "registry_id", "design", "ahsct_arm", "comparator", "size", "countries", "key_eligibility",
    "primary_endpoint", "status", "status_as_of", "status_read_on", "status_source", "status_known_on",
    "participants", "participants_kind", "provenance", "age_min", "age_max", "edss_max", "relapsing_only",
    "accepts_treatment_naive", "display_order",
)


def figure_data(figure) -> FigureData:
    """One figure row as the pages see it, without its caveats or companion (for the admin form's sentence)."""
    return FigureData(source=_source_ref(figure.source), **{name: getattr(figure, name) for name in _FIGURE_FIELDS})


def localised(value, language: str):
    """`value` (the evidence, or any part of it) with the texts of `language` in place of the English ones, field
    by field: a text that has no version in that language stays English."""
    if is_dataclass(value):
        changes = {}
        for item in fields(value):
            old = getattr(value, item.name)
            new = localised(old, language)
            if new is not old:
                changes[item.name] = new
        changes.update(
            {name: text for lang, name, text in getattr(value, "translations", ()) if lang == language}
        )
        return replace(value, **changes) if changes else value
    if isinstance(value, tuple):
        items = tuple(localised(item, language) for item in value)
        return value if all(new is old for new, old in zip(items, value)) else items
    if isinstance(value, dict):
        items = {key: localised(item, language) for key, item in value.items()}
        return value if all(items[key] is item for key, item in value.items()) else items
    return value


def load_published_evidence() -> Evidence:
    """Read the published evidence into frozen dataclasses, in ten queries whatever the amount of it.

    The texts are the English ones, each row carrying its texts in other languages (`translations`), so that one
    snapshot holds both; `localised` gives the evidence in one language."""
    with override(DEFAULT_LANGUAGE):
        return _published_evidence()


def _published_evidence() -> Evidence:
    from decisionaid.evidence.choices import FACT_PROVENANCE, Provenance
    from decisionaid.evidence.models import (
        Caveat, EvidenceRelease, Figure, Guideline, GuidelineCriterion, Passage, Source, Statement, Treatment, Trial,
    )

    # Every source that may be cited as fact (factors cite sources that have no figure of their own).
    sources: dict[str, SourceRef] = {
        s.key: _source_ref(s)
        for s in Source.objects.filter(provenance__in=FACT_PROVENANCE).select_related("same_cohort_as").order_by("key")
    }

    def ref(source) -> SourceRef:
        if source.key not in sources:
            sources[source.key] = _source_ref(source)
        return sources[source.key]

    caveats = Prefetch(
        "caveats",
        queryset=Caveat.objects.filter(is_published=True, provenance__in=FACT_PROVENANCE)
        .select_related("source__same_cohort_as").order_by("display_order", "key"),
    )
    figures = tuple(
        FigureData(
            source=ref(f.source),
            companion_key=f.companion.key if f.companion_id and f.companion.shown_as_fact else "",
            caveats=tuple(
                CaveatData(
                    key=c.key, text_plain=c.text_plain, source=ref(c.source), provenance=c.provenance,
                    display_order=c.display_order, translations=other_texts(c),
                )
                for c in f.caveats.all()
            ),
            translations=other_texts(f),
            **{name: getattr(f, name) for name in _FIGURE_FIELDS},
        )
        for f in Figure.objects.published()
        .select_related("source__same_cohort_as", "companion")
        .prefetch_related(caveats)
        .order_by("kind", "display_order", "key")
    )
    criteria = GuidelineCriterion.objects.order_by("order", "key")
    guidelines = tuple(
        GuidelineData(
            key=g.key,
            name=g.name,
            short_name=g.short_name,
            summary_plain=g.summary_plain,
            confidence_note=g.confidence_note,
            known_through=g.known_through,
            source=ref(g.source),
            display_order=g.display_order,
            translations=other_texts(g),
            criteria=tuple(
                CriterionData(
                    key=c.key,
                    order=c.order,
                    check_name=c.check_name,
                    threshold=c.threshold,
                    not_met_effect=c.not_met_effect,
                    label_plain=c.label_plain,
                    label_technical=c.label_technical,
                    threshold_plain=c.threshold_plain,
                    guideline_text=c.guideline_text,
                    translations=other_texts(c),
                )
                for c in g.criteria.all()
            ),
        )
        for g in Guideline.objects.select_related("source__same_cohort_as")
        .prefetch_related(Prefetch("criteria", queryset=criteria))
        .order_by("display_order", "key")
    )
    treatments = tuple(
        TreatmentData(
            slug=t.slug,
            name=t.name,
            brand_names=t.brand_names,
            plain_group=t.plain_group,
            how_taken=t.how_taken,
            high_efficacy=t.high_efficacy,
            display_order=t.display_order,
            translations=other_texts(t),
        )
        for t in Treatment.objects.order_by("display_order", "name")
    )
    trials = tuple(
        TrialData(
            source=ref(t.source) if t.source_id else None, translations=other_texts(t),
            **{name: getattr(t, name) for name in _TRIAL_FIELDS},
        )
        # Trials described only by a source article ([S]) or not confirmed are not shown as facts.
        for t in Trial.objects.filter(provenance__in=FACT_PROVENANCE)
        .select_related("source__same_cohort_as")
        .order_by("display_order", "name")
    )
    # [S] statements are published too: they are only ever shown in words that name their source and date.
    statements = tuple(
        StatementData(
            key=st.key, topic=st.topic, text_plain=st.text_plain, source=ref(st.source),
            stated_on=st.stated_on, stated_on_words=st.stated_on_words, provenance=st.provenance,
            display_order=st.display_order, translations=other_texts(st),
        )
        for st in Statement.objects.filter(is_published=True)
        .exclude(provenance="NC")
        .select_related("source__same_cohort_as")
        .order_by("topic", "display_order", "key")
    )
    passages = {
        p.key: PassageData(
            key=p.key, text_plain=p.text_plain, source=ref(p.source), provenance=p.provenance,
            display_order=p.display_order, translations=other_texts(p),
        )
        for p in Passage.objects.filter(is_published=True).exclude(provenance=Provenance.NOT_CONFIRMED)
        .select_related("source__same_cohort_as").order_by("display_order", "key")
    }
    release = EvidenceRelease.current()
    release_data = (
        ReleaseData(
            version=release.version, released_on=release.released_on, reviewed_on=release.reviewed_on, note=release.note
        )
        if release
        else None
    )
    return Evidence(
        guidelines=guidelines,
        figures=figures,
        treatments=treatments,
        trials=trials,
        release=release_data,
        sources=dict(sources),
        statements=statements,
        passages=passages,
    )
