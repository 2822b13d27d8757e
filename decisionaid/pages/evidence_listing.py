"""The evidence page as plain data: every source grouped by design, its links and published figures, the
corrections we made to figures that other articles repeat, the trials the results page lists, and the standards
and tools the aid itself is built on.

A constant number of queries whatever the number of rows: one for the sources, one each for their published
figures, guidelines and trials (prefetched), one for the corrections and one for the trials.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _, ngettext

from decisionaid.assessment import checks
from decisionaid.assessment.trials import stale_status_note
from decisionaid.evidence.choices import FACT_PROVENANCE, Design, Estimate, FigureKind, Provenance
from decisionaid.evidence.models import Figure, Source
from decisionaid.evidence.releases import Listing

from .glossary import glossary_url

# (group key, heading, designs), in the order the page lists them. Every Design belongs to exactly one group.
DESIGN_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("randomised-trials", _("Randomised trials"), (Design.RCT,)),
    ("single-arm-trials", _("Single-arm trials"), (Design.SINGLE_ARM_TRIAL,)),
    ("cohorts-and-registries", _("Cohorts and registries"), (Design.COHORT, Design.REGISTRY)),
    ("comparative-studies", _("Comparative studies"), (Design.COMPARATIVE,)),
    ("meta-analyses", _("Meta-analyses"), (Design.META_ANALYSIS,)),
    ("guidelines", _("Guidelines and consensus"), (Design.GUIDELINE,)),
    ("other", _("Other"), (Design.CASE_SERIES, Design.SURVEY, Design.REVIEW, Design.PRACTICE)),
)
_GROUP_OF_DESIGN = {design: key for key, _, designs in DESIGN_GROUPS for design in designs}
OTHER_GROUP = "other"

# How each provenance tag reads to a person (EVIDENCE.md section 0).
PROVENANCE_PLAIN: dict[str, str] = {
    Provenance.CONFIRMED: _("Confirmed in the published abstract, registry record or publisher page that we read."),
    Provenance.SEED_CONFIRMED: (
        _("Reported in one of our five source articles, and confirmed in the published abstract, registry record "
        "or publisher page that we read.")
    ),
    Provenance.SEED_ONLY: (
        _("Found only in one of our five source articles; we could not confirm it elsewhere. We never show its "
        "numbers as facts.")
    ),
    Provenance.CORRECTED: (
        _("One of our five source articles reported some of its numbers wrongly. We checked the published "
        "abstract and show the corrected numbers.")
    ),
    Provenance.NOT_CONFIRMED: _("Not confirmed: we could not check it, so we never show its numbers as facts."),
}

# The tags of EVIDENCE.md section 0, as printed on the page.
PROVENANCE_TAG: dict[str, str] = {
    Provenance.CONFIRMED: "[C]",
    Provenance.SEED_CONFIRMED: "[S=C]",
    Provenance.SEED_ONLY: "[S]",
    Provenance.CORRECTED: "[S≠C]",
    Provenance.NOT_CONFIRMED: "[NC]",
}

# Whether a figure counts people or estimates a share, in plain words, with a glossary term where one helps.
_ESTIMATE_PLAIN: dict[str, tuple[str, str, str | None]] = {
    # estimate: (nature, description, glossary slug)
    Estimate.COUNT: ("count", _("Count"), None),
    Estimate.PERCENTAGE: ("count", _("Count, published as a percentage"), None),
    Estimate.KAPLAN_MEIER: ("estimate", _("Estimate (Kaplan–Meier)"), "kaplan-meier"),
    Estimate.POOLED: ("estimate", _("Estimate pooled from several studies"), "meta-analysis"),
    Estimate.CUMULATIVE_INCIDENCE: ("estimate", _("Estimate (cumulative incidence)"), None),
    Estimate.MEAN: ("average", _("Average (mean)"), None),
}

_REGISTRY_LINKS = (
    (re.compile(r"\bNCT\d{8}\b"), "https://clinicaltrials.gov/study/{}"),
    (re.compile(r"\bISRCTN\d+\b"), "https://www.isrctn.com/{}"),
)


def number_plain(value: Decimal | int) -> str:
    """A number as people write it in the active language: 73, 88.6, 0.19 (never 73.00); 88,6 in Norwegian."""
    return checks.number_plain(value)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class FigureEntry:
    key: str
    kind: str
    label: str
    label_technical: str
    value: str  # "73 in 100", or an amount with its unit
    counts: str  # "20 of 20 people", "from 174 people", or ""
    shown: str  # what a person reads: "1.4 in 100 (5 of 364 people)"
    computed: bool  # per 100 worked out by us from published counts
    nature: str  # "count", "estimate" or "average"
    estimate: str
    estimate_glossary_url: str
    uncertainty: str
    time_point: str
    arm: str
    population: str
    comparison: str
    comparison_note: str
    provenance_tag: str
    corrected: bool


@dataclass(frozen=True)
class SourceEntry:
    source: Source
    anchor: str
    provenance_tag: str
    provenance_plain: str
    links: tuple[Link, ...]
    figures: tuple[FigureEntry, ...]
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class DesignGroup:
    key: str
    title: str
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class Correction:
    figure: FigureEntry
    source_name: str
    source_anchor: str
    note: str


@dataclass(frozen=True)
class UnconfirmedClaim:
    title: str
    what_was_said: str
    what_we_found: str


# Items of EVIDENCE.md section 6 that are not figures in the database, so cannot be built from the data.
UNCONFIRMED_CLAIMS: tuple[UnconfirmedClaim, ...] = (
    UnconfirmedClaim(
        _("Deaths from treatment falling from 1.3% to 0.2%"),
        # xgettext:no-python-format  ("% i" in "1.3% in the early" is not a placeholder)
        _("A Norwegian expert review (Tidsskrift, 2024) says that, in just over 3000 people treated in Europe for "
        "autoimmune diseases, deaths from the treatment fell from 1.3% in the early 2000s to 0.2% in the last "
        "decade, and links this to the EBMT 2020 guideline."),
        _("We could not find these figures in any source we checked, so the aid does not show them. Confirmed "
        "studies do show fewer deaths in more recent years: see Sormani 2017 and Boffa 2021 below."),
    ),
    UnconfirmedClaim(
        _("MIST: “functional impairment” percentages"),
        _("The same review says that in the MIST trial functional impairment fell by 10.0% with aHSCT and rose by "
        "6.7% with drug treatment."),
        _("These percentages are not in the published abstract of the trial. The aid uses the trial's main "
        "result instead: how many people's disability got worse in each group."),
    ),
    UnconfirmedClaim(
        _("MSBase: how many patients"),
        _("The review gives a total of 3915 patients for the MSBase comparison of aHSCT with fingolimod, "
        "natalizumab and ocrelizumab, but the group sizes it lists add up to 4915."),
        _("We could not settle the number, nor confirm the study's exact results. The aid shows no figures from "
        "this study; it only says which treatments were compared."),
    ),
    UnconfirmedClaim(
        _("ASTIMS: group sizes"),
        _("The review lists 9 people given aHSCT and 21 given mitoxantrone, in a trial of 21 people in total."),
        _("These numbers cannot all be right, and we could not find the trial's abstract. The aid shows no "
        "figures from this trial."),
    ),
    UnconfirmedClaim(
        _("The NET-MS trial"),
        _("A trial called NET-MS is sometimes named among the trials comparing aHSCT with other treatments."),
        _("We found no trace of it in trial registries or publications, so the aid does not list it."),
    ),
    UnconfirmedClaim(
        _("Side effects attributed to the Norwegian 2020 study"),
        _("The review gives figures for fever with low white blood cells, infections and blood transfusions, "
        "citing Kvistad 2020."),
        _("These figures are not in the study's published abstract, so the aid does not show them."),
    ),
    UnconfirmedClaim(
        _("“A large 2024 analysis of nine studies”"),
        _("A patient article (MyMSTeam) mentions a large 2024 analysis of nine studies."),
        _("We could not identify this analysis, so the aid does not use it."),
    ),
)


@dataclass(frozen=True)
class MethodReference:
    """A standard or tool the aid is built on (not evidence about aHSCT), cited on the About and results pages."""

    key: str
    short_name: str
    citation: str
    used_for: str
    links: tuple[Link, ...] = ()

    @property
    def anchor(self) -> str:
        return f"standard-{self.key}"


METHOD_REFERENCES: tuple[MethodReference, ...] = (
    MethodReference(
        "ipdas-2014",
        "Joseph-Williams 2014 (IPDAS)",
        "Joseph-Williams N, et al. Toward minimum standards for certifying patient decision aids: a modified "
        "Delphi consensus process. Med Decis Making 2014;34(6):699-710.",
        _("The international standard for patient decision aids (IPDASi version 4.0, 44 items). The About page "
         "scores this aid against it, item by item."),
        (
            Link("PubMed 23963501", "https://pubmed.ncbi.nlm.nih.gov/23963501/"),
            Link(_("Full text (Cardiff University)"), "https://orca.cardiff.ac.uk/id/eprint/79268"),
        ),
    ),
    MethodReference(
        "ipdas-criteria",
        "IPDAS criteria",
        "International Patient Decision Aid Standards (IPDAS) Collaboration. Using the criteria.",
        _("How the 44 items are counted: 6 qualifying, 10 certification and 28 quality items."),
        (Link("ipdas.ohri.ca", "http://ipdas.ohri.ca/using.html"),),
    ),
    MethodReference(
        "mccaffery-2013",
        "McCaffery 2013 (IPDAS health literacy)",
        "McCaffery KJ, et al. Addressing health literacy in patient decision aids. BMC Med Inform Decis Mak "
        "2013;13(Suppl 2):S10.",
        _("The aim that a decision aid is written at reading grade 8 or lower."),
    ),
    MethodReference(
        "muscat-2021",
        "Muscat 2021 (IPDAS health literacy update)",
        "Muscat DM, et al. Addressing health literacy in patient decision aids: an update from the International "
        "Patient Decision Aid Standards. Med Decis Making 2021;41(7):848-869.",
        _("Why plain language matters: aids that reduce the effort of reading lead to bigger gains in knowledge."),
        (Link("PubMed 34053361", "https://pubmed.ncbi.nlm.nih.gov/34053361/"),),
    ),
    MethodReference(
        "sure-test",
        "SURE test (Légaré 2010)",
        "Légaré F, et al. Are you SURE? Assessing patient decisional conflict with a 4-item screening test. "
        "Can Fam Physician 2010;56:e308-14.",
        _("The four questions on the results page that check how sure you feel about the decision."),
    ),
)
METHOD_REFERENCES_BY_KEY = {reference.key: reference for reference in METHOD_REFERENCES}


@dataclass(frozen=True)
class TrialEntry:
    trial: Trial
    anchor: str
    links: tuple[Link, ...]
    source_name: str
    source_anchor: str
    status_note: str = ""  # when the status is older than 12 months: ask whether it is still true


def registry_links(registry_ids: str) -> tuple[Link, ...]:
    """Links to the trial registries for each NCT or ISRCTN number in the text."""
    return tuple(
        Link(gettext("Trial registry %(id)s") % {"id": registry_id}, template.format(registry_id))
        for pattern, template in _REGISTRY_LINKS
        for registry_id in pattern.findall(registry_ids)
    )


def trials(*, listing: Listing, today: date | None = None) -> list[TrialEntry]:
    """The trials the results page may list (the confirmed ones, as released), with registry links."""
    today = today or timezone.localdate()
    return [
        TrialEntry(
            trial=trial,
            anchor=f"trial-{trial.key}",
            links=registry_links(trial.registry_id),
            source_name=trial.source.short_name if trial.source_id else "",
            source_anchor=source_anchor(trial.source.key) if trial.source_id else "",
            status_note=stale_status_note(trial, today=today),
        )
        for trial in listing.trials
    ]


def design_group_key(design: str) -> str:
    return _GROUP_OF_DESIGN.get(design, OTHER_GROUP)


def source_anchor(key: str) -> str:
    return f"source-{key}"


def source_links(source: Source) -> tuple[Link, ...]:
    links = []
    if source.doi:
        links.append(Link(f"DOI {source.doi}", f"https://doi.org/{source.doi}"))
    if source.pmid:
        links.append(Link(f"PubMed {source.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{source.pmid}/"))
    links.extend(registry_links(source.registry_id))
    if source.url:
        links.append(Link(gettext("Where we checked it"), source.url))
    return tuple(links)


def _counts(numerator: int | None, denominator: int | None) -> str:
    """How many people a figure counts, as a phrase that follows the kind of figure."""
    if numerator is not None and denominator is not None:
        return gettext("%(numerator)s of %(denominator)s people") % {"numerator": numerator, "denominator": denominator}
    if numerator is not None:
        return ngettext("%(count)s person (the total is not stated)", "%(count)s people (the total is not stated)",
                        numerator) % {"count": numerator}
    if denominator is not None:
        return gettext("from %(denominator)s people") % {"denominator": denominator}
    return ""


def _value(figure: Figure) -> str:
    if figure.per_100 is not None:
        if figure.per_100_computed:
            return gettext("about %(value)s in 100") % {"value": number_plain(figure.per_100)}
        return gettext("%(value)s in 100") % {"value": number_plain(figure.per_100)}
    text = number_plain(figure.amount)
    if figure.amount_unit:
        text += f" {figure.amount_unit}"
    if figure.amount_range:
        text += " " + gettext("(range %(range)s)") % {"range": figure.amount_range}
    return text


def _uncertainty(figure: Figure) -> str:
    if figure.ci_low is None or figure.ci_high is None:
        return ""
    values = {"low": number_plain(figure.ci_low), "high": number_plain(figure.ci_high)}
    if figure.ci_level:
        return gettext("%(low)s to %(high)s in 100 (%(level)s%% confidence interval)") % {
            **values, "level": number_plain(figure.ci_level)}
    return gettext("%(low)s to %(high)s in 100 (confidence interval)") % values


def _comparison(figure: Figure) -> str:
    if not figure.comparator_label:
        return ""
    text = figure.comparator_label
    counts = _counts(figure.comparator_numerator, figure.comparator_denominator)
    if figure.comparator_per_100 is not None:
        text += ": " + gettext("%(value)s in 100") % {"value": number_plain(figure.comparator_per_100)}
        if counts:
            text += f" ({counts})"
    elif counts:
        text += f", {counts}"
    return text


def figure_entry(figure: Figure) -> FigureEntry:
    nature, estimate, slug = _ESTIMATE_PLAIN.get(figure.estimate, ("estimate", figure.get_estimate_display(), None))
    value = _value(figure)
    counts = _counts(figure.numerator, figure.denominator)
    both_counts = figure.numerator is not None and figure.denominator is not None
    return FigureEntry(
        key=figure.key,
        kind=FigureKind(figure.kind).label if figure.kind in FigureKind.values else figure.kind,
        label=figure.label_plain,
        label_technical=figure.label_technical,
        value=value,
        counts=counts,
        shown=f"{value} ({counts})" if both_counts else value,
        computed=figure.per_100_computed,
        nature=nature,
        estimate=estimate,
        estimate_glossary_url=glossary_url(slug) if slug else "",
        uncertainty=_uncertainty(figure),
        time_point=figure.time_point,
        arm=figure.arm,
        population=figure.population,
        comparison=_comparison(figure),
        comparison_note=figure.comparison_note,
        provenance_tag=PROVENANCE_TAG.get(figure.provenance, figure.provenance),
        corrected=figure.provenance == Provenance.CORRECTED,
    )


def _source_entry(source: Source) -> SourceEntry:
    return SourceEntry(
        source=source,
        anchor=source_anchor(source.key),
        provenance_tag=PROVENANCE_TAG.get(source.provenance, source.provenance),
        provenance_plain=PROVENANCE_PLAIN.get(source.provenance, source.get_provenance_display()),
        links=source_links(source),
        figures=tuple(figure_entry(figure) for figure in source.published_figures),
        cited_by=source.cited_by,
    )


def sources_by_design(*, listing: Listing) -> list[DesignGroup]:
    """Every source of the release, grouped by design in the page's order, with its published figures."""
    grouped: dict[str, list[SourceEntry]] = {key: [] for key, _, _ in DESIGN_GROUPS}
    for source in listing.sources:
        grouped[design_group_key(source.design)].append(_source_entry(source))
    return [
        DesignGroup(key=key, title=title, sources=tuple(grouped[key]))
        for key, title, _ in DESIGN_GROUPS
        if grouped[key]
    ]


def corrections(*, listing: Listing) -> list[Correction]:
    """Published figures whose value corrects what a source article said ([S≠C]), with the note."""
    figures = sorted(
        (f for f in listing.figures if f.provenance == Provenance.CORRECTED and f.correction_note),
        key=lambda f: (f.source.short_name, f.kind, f.display_order, f.key),
    )
    return [
        Correction(
            figure=figure_entry(figure),
            source_name=figure.source.short_name,
            source_anchor=source_anchor(figure.source.key),
            note=figure.correction_note,
        )
        for figure in figures
    ]
