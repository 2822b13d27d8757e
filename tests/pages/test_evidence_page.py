"""/evidence/: every source with its links and published figures, grouped by design; corrections stated
openly; nothing unpublished or unconfirmed listed as a figure; a constant number of queries."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from decisionaid.evidence.choices import Design
from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.releases import forget_current_release, released_listing
from decisionaid.evidence.models import Figure, Source
from decisionaid.pages import evidence_listing
from tests.evidence.factories import make_figure, make_source

from .html_tree import assert_headings_in_order, assert_nothing_inline, main, parse

URL = "/evidence/"


@pytest.fixture
def evidence(db):
    load_evidence()


def publish_release():
    """The page lists the current release: rows added by a test reach it with a new release."""
    from django.utils import timezone

    from decisionaid.evidence.models import EvidenceRelease

    today = timezone.localdate()
    release = EvidenceRelease(
        version=f"test.{EvidenceRelease.objects.count() + 1}", released_on=today, reviewed_on=today, note="Test rows."
    )
    release.full_clean()
    release.save()


@pytest.fixture
def page(client, evidence):
    response = client.get(URL)
    assert response.status_code == 200
    return parse(response)


def plain(value: Decimal) -> str:
    """73.00 -> "73", 88.60 -> "88.6", worked out independently of the code under test."""
    return format(value.normalize(), "f")


def hrefs(element) -> set[str]:
    return {a.attrs.get("href") for a in element.find_all("a")}


def section_for(document, heading_id: str):
    """The <section> labelled by the heading with this id."""
    [section] = [s for s in document.find_all("section") if s.attrs.get("aria-labelledby") == heading_id]
    return section


def figure_items(element) -> dict[str, object]:
    return {
        li.attrs["id"].removeprefix("figure-"): li
        for li in element.find_all("li")
        if li.attrs.get("id", "").startswith("figure-")
    }


def test_the_url_is_named():
    assert reverse("pages:evidence") == URL


def test_every_source_is_listed_with_its_citation_and_links(page):
    sources = list(Source.objects.all())
    assert len(sources) > 20  # the real evidence, not an empty page
    for source in sources:
        article = page.by_id(f"source-{source.key}")
        assert article is not None, source.key
        text = article.text
        assert source.short_name in text and source.citation in text, source.key
        links = hrefs(article)
        if source.doi:
            assert f"https://doi.org/{source.doi}" in links, source.key
        if source.pmid:
            assert f"https://pubmed.ncbi.nlm.nih.gov/{source.pmid}/" in links, source.key
        if source.url:
            [checked] = [a for a in article.find_all("a") if a.attrs.get("href") == source.url]
            assert checked.text == "Where we checked it"
        if source.population:
            assert source.population in text
        if source.n_patients:
            assert str(source.n_patients) in text
        if source.used_for:
            assert source.used_for in text


def test_known_identifiers_link_where_they_should(page):
    mist = hrefs(page.by_id("source-burt-2019-mist"))
    assert {"https://doi.org/10.1001/jama.2018.18743", "https://pubmed.ncbi.nlm.nih.gov/30644983/"} <= mist
    assert "https://clinicaltrials.gov/study/NCT00288626" in hrefs(page.by_id("source-nash-2017-halt-ms"))
    assert "https://www.isrctn.com/ISRCTN88667898" in hrefs(page.by_id("source-starms-protocol-2024"))


def test_registry_links_take_only_the_registry_number():
    source = Source(key="x", short_name="X", citation="X.", design=Design.RCT, provenance="C",
                    registry_id="NCT04047628 (ITN077AI); EudraCT 2017-001362-25")
    assert [(link.label, link.url) for link in evidence_listing.source_links(source)] == [
        ("Trial registry NCT04047628", "https://clinicaltrials.gov/study/NCT04047628"),
    ]


def test_provenance_is_explained_in_plain_words(page):
    assert "Confirmed in the published abstract" in page.by_id("source-sormani-2017").text
    corrected = page.by_id("source-das-2021").text
    assert "reported some of its numbers wrongly" in corrected and "[S≠C]" in corrected
    assert "We never show its numbers as facts" in page.by_id("source-nygaard-holmoy-2024").text


def test_sources_are_grouped_by_design_in_order(page):
    where = {
        "randomised-trials": "burt-2019-mist",
        "single-arm-trials": "nash-2017-halt-ms",
        "cohorts-and-registries": "silfverberg-2024-jnnp",  # a registry study
        "comparative-studies": "kalincik-2023-msbase",
        "meta-analyses": "sormani-2017",
        "guidelines": "sharrack-2020-ebmt",
        "other": "nygaard-holmoy-2024",
    }
    for group, source_key in where.items():
        assert section_for(page, group).by_id(f"source-{source_key}") is not None, (group, source_key)
    assert section_for(page, "cohorts-and-registries").by_id("source-kvistad-2024") is not None  # a cohort
    titles = [heading for level, heading in _h2s(page)]
    expected = [title for _, title, _ in evidence_listing.DESIGN_GROUPS]
    assert [t for t in titles if t in expected] == expected


def _h2s(page):
    return [(2, h.text) for h in main(page).find_all("h2")]


def test_every_design_belongs_to_exactly_one_group():
    designs = [design for _, _, group in evidence_listing.DESIGN_GROUPS for design in group]
    assert sorted(designs) == sorted(Design.values)


def test_a_source_with_no_published_figure_is_still_listed(page):
    article = page.by_id("source-kalincik-2023-msbase")
    assert not figure_items(article)
    assert "This aid shows no figures from this source." in article.text


def test_every_published_figure_is_listed_beside_its_source_with_value_time_and_kind(page):
    published = list(Figure.objects.published().select_related("source"))
    assert len(published) > 50
    for figure in published:
        article = page.by_id(f"source-{figure.source.key}")
        item = figure_items(article).get(figure.key)
        assert item is not None, f"{figure.key} is not listed under {figure.source.key}"
        text = item.text
        if figure.per_100 is not None:
            assert f"{plain(figure.per_100)} in 100" in text, figure.key
        else:
            assert f"{plain(figure.amount)} {figure.amount_unit}" in text, figure.key
        assert figure.time_point in text, figure.key
        kind = "Count" if figure.estimate in ("count", "percentage") else (
            "Average" if figure.estimate == "mean" else "Estimate")
        assert kind in text, (figure.key, text)
        if figure.numerator is not None and figure.denominator is not None:
            assert f"{figure.numerator} of {figure.denominator} people" in text, figure.key
        if figure.ci_low is not None:
            assert f"{plain(figure.ci_low)} to {plain(figure.ci_high)} in 100" in text, figure.key


def test_specific_values_read_as_published(page):
    swedish = figure_items(page.by_id("source-silfverberg-2024-jnnp"))["b1-neda-5y-silfverberg"].text
    assert "73 in 100" in swedish and "5 years" in swedish and "Kaplan–Meier" in swedish
    assert "66 to 81 in 100 (95% confidence interval)" in swedish
    stay = figure_items(page.by_id("source-dk-national-instruction"))["p1-hospital-stay-denmark"].text
    assert "17 days (range 14–26)" in stay and "Average" in stay
    deaths = figure_items(page.by_id("source-muraro-2025-jnnp"))["r1-death-100d-uk"].text
    assert "1.4 in 100" in deaths and "5 of 364 people" in deaths and "(corrected)" in deaths


def test_only_published_figures_are_listed(page):
    listed = set(figure_items(page))
    assert listed == set(Figure.objects.published().values_list("key", flat=True))


def test_unpublished_and_seed_only_figures_from_the_fixtures_are_not_listed(page):
    hidden = Figure.objects.exclude(key__in=Figure.objects.published().values("key"))
    assert hidden.exists()  # the fixtures hold some, so this test means something
    for figure in hidden:
        article = page.by_id(f"source-{figure.source.key}")
        items = figure_items(article)
        assert figure.key not in items
        shown = [f for f in Figure.objects.published().filter(source=figure.source) if f.per_100 == figure.per_100]
        if figure.per_100 is not None and not shown:
            listed_text = " ".join(item.text for item in items.values())
            assert f"{plain(figure.per_100)} in 100" not in listed_text, figure.key
    # The [S] ovarian-failure figure (13 of 21, 61.9 in 100) is nowhere on the page.
    assert "61.9" not in main(page).text


def test_seed_only_unconfirmed_or_unpublished_figures_never_appear(client, evidence):
    source = Source.objects.get(key="sormani-2017")
    # An [S] figure cannot be marked published (validation and the database refuse it); stored, it never shows.
    make_figure(source, key="seed-only-published", provenance="S", is_published=False, per_100=Decimal("42.42"),
                ci_low=None, ci_high=None, ci_level=None)
    make_figure(source, key="confirmed-unpublished", provenance="C", is_published=False,
                per_100=Decimal("37.37"), ci_low=None, ci_high=None, ci_level=None)
    make_figure(source, key="not-confirmed", provenance="NC", is_published=False, per_100=Decimal("12.34"),
                ci_low=None, ci_high=None, ci_level=None)
    make_figure(source, key="corrected-published", provenance="S!=C", is_published=True,
                per_100=Decimal("55.55"), ci_low=None, ci_high=None, ci_level=None,
                correction_note="A test article said 66.66; the study says 55.55.")
    publish_release()
    document = parse(client.get(URL))
    text = main(document).text
    for key, value in [("seed-only-published", "42.42"), ("confirmed-unpublished", "37.37"), ("not-confirmed", "12.34")]:
        assert document.by_id(f"figure-{key}") is None, key
        assert value not in text, key
    assert "55.55 in 100" in document.by_id("figure-corrected-published").text


def test_corrections_name_the_uk_and_das_corrections(page):
    section = section_for(page, "corrections")
    text = section.text
    assert "5 of 364" in text and "271" in text  # UK deaths within 100 days
    assert "20 patients" in text and "28" in text  # Das 2021
    assert "88.6 in 100" in text and "4 years" in text  # UK relapse-free at 5 years, not 4
    assert "NEDA" in text and "73%" in text  # Nabizadeh's 68% is NEDA
    # Items of EVIDENCE.md section 6 that are not figures in the database
    for claim in ("1.3% to 0.2%", "functional impairment", "3915", "4915", "NET-MS", "ASTIMS"):
        assert claim in text, claim
    assert "#source-muraro-2025-jnnp" in hrefs(section) and "#source-das-2021" in hrefs(section)


def test_corrections_are_built_from_the_data(client, evidence):
    source = Source.objects.get(key="boffa-2021")
    make_figure(source, key="new-correction", provenance="S!=C", per_100=Decimal("12.5"), ci_low=None,
                ci_high=None, ci_level=None, numerator=1, denominator=8, estimate="count",
                correction_note="A test article said 2 of 8; the study says 1 of 8.")
    assert "A test article said 2 of 8" not in parse(client.get(URL)).text  # not released yet
    publish_release()
    document = parse(client.get(URL))
    section = section_for(document, "corrections")
    assert "A test article said 2 of 8; the study says 1 of 8." in section.text
    assert "12.5 in 100 (1 of 8 people)" in section.text
    listed = {c.figure.key for c in evidence_listing.corrections(listing=released_listing())}
    assert listed == set(Figure.objects.published().filter(provenance="S!=C").exclude(correction_note="")
                         .values_list("key", flat=True))


def test_the_page_says_how_evidence_was_selected_and_how_strong_it_is(page):
    text = main(page).text
    assert "five articles" in text and "abstract" in text and "registry record" in text
    assert "observational" in text
    assert "Only one randomised trial" in text and "MIST" in text
    assert "[S] Source article only" in text and "[NC] Not confirmed" in text
    assert text.count("never show such a number as a fact") == 2


def test_query_count_does_not_grow_with_rows(client, evidence, django_assert_max_num_queries):
    client.get(URL)  # each release's rows are built once per process, by the first request that reads them
    forget_current_release()  # counted with the release row read again, as every few seconds (releases.py)
    with CaptureQueriesContext(connection) as before:
        assert client.get(URL).status_code == 200
    count = len(before.captured_queries)  # read now: the next request empties Django's query log
    for n in range(4):
        source = make_source(key=f"extra-{n}", short_name=f"Extra {n}", doi=f"10.1000/extra.{n}",
                             design=["rct", "cohort", "meta_analysis", "survey"][n])
        for m in range(3):
            make_figure(source, key=f"extra-{n}-{m}", per_100=Decimal(70 + m))
    publish_release()
    client.get(URL)
    forget_current_release()
    with django_assert_max_num_queries(count):
        response = client.get(URL)
    assert "Extra 3" in response.content.decode()
    assert 1 <= count <= 8


def test_the_listing_functions_use_a_constant_number_of_queries(evidence, django_assert_num_queries):
    released_listing()
    with django_assert_num_queries(0):  # the current release is kept in memory; its rows are built once per process
        listing = released_listing()
    with django_assert_num_queries(0):
        groups = evidence_listing.sources_by_design(listing=listing)
        sum(len(entry.figures) for group in groups for entry in group.sources)
        evidence_listing.corrections(listing=listing)
        evidence_listing.trials(listing=listing)


def test_a_draft_is_not_listed_until_it_is_released(client, evidence):
    figure = Figure.objects.get(key="b1-neda-5y-silfverberg")
    Figure.objects.filter(pk=figure.pk).update(label_technical="NEDA (draft wording)", is_draft=True)
    assert "NEDA (draft wording)" not in parse(client.get(URL)).text
    Figure.objects.filter(pk=figure.pk).update(is_draft=False)
    publish_release()
    assert "NEDA (draft wording)" in parse(client.get(URL)).text


def test_headings_in_order_and_nothing_inline(client, evidence):
    response = client.get(URL)
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)


def test_glossary_links_on_the_page_point_at_real_terms(page):
    from decisionaid.pages.glossary import TERMS_BY_SLUG

    glossary_links = [h for h in hrefs(page) if h and h.startswith("/glossary/#")]
    assert glossary_links
    for href in glossary_links:
        assert href.removeprefix("/glossary/#") in TERMS_BY_SLUG, href


def test_the_selection_rule_is_stated_where_the_results_link_to_it(client, evidence):
    """The benefits part says "How we choose" and links here; the rule it finds says the same as selection.py."""
    from tests.summary.test_results_page import results_for

    results_for(client)
    part = parse(client.get("/results/benefits-and-risks/"))
    assert URL + "#selection-rule" in hrefs(main(part))
    document = parse(client.get(URL))
    assert document.by_id("selection-rule") is not None
    section = next(s for s in document.find_all("section") if s.attrs.get("aria-labelledby") == "selection-rule")
    text = " ".join(section.text.split())
    for promise in (
        "never pick the number that looks best",
        "same group of people count as one study",
        "most like you",
        "the lowest and the highest number",
        "pooled results",
        "studies of other people, and we say so",
    ):
        assert promise in text, promise
