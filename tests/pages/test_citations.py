"""Every source cited on any public page is on /evidence/, and every figure shown has a source that readers can
find (a DOI, PMID, registry id or URL)."""
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import pytest

from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import Figure

from ..security.pages import RESULTS_PART_PATHS
from ..questionnaire.test_wizard import GOOD_ANSWERS, walk
from .html_tree import parse

PUBLIC_PAGES = ("/", "/evidence/", "/about/", "/privacy/", "/glossary/", "/treatment-abroad/")
ROLES = ("patient", "clinician")

DOI_LINK = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.I)
DOI_TEXT = re.compile(r"\bdoi:?\s*(10\.\d{4,9}/[^\s;,]+)", re.I)
PUBMED_LINK = re.compile(r"^https?://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?$")
PMID_TEXT = re.compile(r"\b(?:PMID|PubMed):?\s*(\d{6,9})\b")
REGISTRY = re.compile(r"\b(?:NCT\d{8}|ISRCTN\d{8})\b")
SOURCE_END = re.compile(r"\s(?:DOI|PMID)\s|\.\s|\s(?:NCT\d{8}|ISRCTN\d{8})")
SOURCES_LIST = re.compile(r"\bSources: ([^.]+)\.")


@dataclass
class Citations:
    dois: set[str] = field(default_factory=set)
    pmids: set[str] = field(default_factory=set)
    registry_ids: set[str] = field(default_factory=set)
    short_names: set[str] = field(default_factory=set)

    def update(self, other: "Citations") -> None:
        for name in ("dois", "pmids", "registry_ids", "short_names"):
            getattr(self, name).update(getattr(other, name))


def _doi(value: str) -> str:
    doi = unquote(value).rstrip(".").lower()
    while doi.endswith(")") and doi.count(")") > doi.count("("):  # "(DOI 10.x/y)": the bracket is not the DOI's
        doi = doi[:-1]
    return doi


def source_name(span_text: str) -> str:
    """The short name in a "Source: …" citation, before its DOI, PMID, registry id or full citation."""
    text = span_text.strip().removeprefix("Source:").strip()
    end = SOURCE_END.search(text)
    return (text[: end.start()] if end else text).strip().rstrip(".")


def citations(document) -> Citations:
    found = Citations()
    text = document.text
    for element in document.iter():
        href = element.attrs.get("href", "") if element.tag == "a" else ""
        if match := DOI_LINK.match(href):
            found.dois.add(_doi(match.group(1)))
        if match := PUBMED_LINK.match(href):
            found.pmids.add(match.group(1))
        found.registry_ids.update(REGISTRY.findall(href))
        if "source" in element.attrs.get("class", "").split() and element.text.startswith("Source:"):
            found.short_names.add(source_name(element.text))
    found.dois.update(_doi(doi) for doi in DOI_TEXT.findall(text))
    found.pmids.update(PMID_TEXT.findall(text))
    found.registry_ids.update(REGISTRY.findall(text))
    for names in SOURCES_LIST.findall(text):
        found.short_names.update(name.strip() for name in names.split(", "))
    return found


@pytest.fixture
def evidence(db):
    load_evidence()


@pytest.fixture
def evidence_page(client, evidence):
    return parse(client.get("/evidence/"))


def results_pages(client, role: str) -> list:
    """The overview and every part of the results (treatment abroad too), parsed."""
    values = {**GOOD_ANSWERS["values"], "treatment_abroad": "yes"}
    walk(client, dict(GOOD_ANSWERS, role={"role": role}, values=values))
    documents = []
    for url in ["/results/"] + RESULTS_PART_PATHS:
        response = client.get(url)
        assert response.status_code == 200, url
        documents.append(parse(response))
    return documents


def test_source_names_are_read_from_citations():
    assert source_name("Source: MIST (Burt 2019) DOI 10.1001/jama.2018.18743 PMID 30644983") == "MIST (Burt 2019)"
    assert source_name("Source: Das 2021. Das J, et al. Mult Scler 2021.") == "Das 2021"
    assert source_name("Source: HALT-MS (Nash 2017) NCT00288626") == "HALT-MS (Nash 2017)"
    assert source_name("Source: Nygaard & Holmøy 2024 (Tidsskrift)") == "Nygaard & Holmøy 2024 (Tidsskrift)"


def test_every_source_cited_on_any_page_is_on_the_evidence_page(client, evidence, evidence_page):
    cited = Citations()
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        cited.update(citations(parse(response)))
    for role in ROLES:
        for document in results_pages(client, role):
            cited.update(citations(document))

    # The crawl found the citations (so an empty result cannot pass): the results page cites many sources.
    assert len(cited.short_names) >= 10 and len(cited.dois) >= 10 and cited.pmids
    assert {"NCT04047628", "NCT03477500", "ISRCTN88667898"} <= cited.registry_ids  # trials on /results/

    listed = citations(evidence_page)
    evidence_text = evidence_page.text
    headings = {h.text for h in evidence_page.find_all("h3")}
    assert not cited.dois - listed.dois, "DOIs cited but not on /evidence/"
    assert not cited.pmids - listed.pmids, "PMIDs cited but not on /evidence/"
    missing_registry = {r for r in cited.registry_ids if r not in evidence_text}
    assert not missing_registry, "registry ids cited but not on /evidence/"
    assert not cited.short_names - headings, "sources cited by name but not listed on /evidence/"


def test_every_registry_id_on_the_evidence_page_links_to_its_registry(evidence_page):
    linked = {r for a in evidence_page.find_all("a") for r in REGISTRY.findall(a.attrs.get("href", ""))}
    assert REGISTRY.findall(evidence_page.text)
    assert set(REGISTRY.findall(evidence_page.text)) <= linked


@pytest.mark.parametrize("role", ROLES)
def test_every_figure_shown_has_a_source_with_an_identifier(client, evidence, role):
    keys = {
        e.attrs["data-figure-key"] for document in results_pages(client, role) for e in document.iter()
        if "data-figure-key" in e.attrs
    }
    assert len(keys) >= 10
    figures = {f.key: f for f in Figure.objects.filter(key__in=keys).select_related("source")}
    assert set(figures) == keys, "every figure shown is a row in the database"
    for key, figure in figures.items():
        source = figure.source
        assert any((source.doi, source.pmid, source.registry_id, source.url)), f"{key}: {source.short_name}"
