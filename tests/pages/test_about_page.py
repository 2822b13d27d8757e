"""/about/: what the aid is for, who made it (honestly), funding, dates, update policy, how the evidence was
chosen, the measured reading level, and the IPDAS scorecard with every item."""
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.urls import resolve, reverse

from decisionaid.evidence.loading import load_evidence
from decisionaid.evidence.models import EvidenceRelease
from decisionaid.pages import ipdas, readability
from decisionaid.pages.glossary import TERMS_BY_SLUG

from .html_tree import assert_headings_in_order, assert_nothing_inline, main, parse

URL = "/about/"

# IPDASi v4.0 (IPDAS.md a.1): 6 qualifying, 10 certification and 28 quality items; written out here on purpose,
# so that the test does not trust the module it checks.
EXPECTED_ITEMS = {
    **{f"Q{n}": "qualifying" for n in range(1, 7)},
    **{f"C{n}": "certification" for n in range(1, 11)},
    **{f"QL{n}": "quality" for n in range(1, 29)},
}
NOT_APPLICABLE = {"C7", "C8", "C9", "C10", "QL24", "QL25", "QL26", "QL27", "QL28"}
PROCESS_ITEMS = {"QL12", "QL13", "QL14", "QL15", "QL16", "QL17", "QL22", "QL23"}
STATUS_TEXT = {"met": "Met", "partly": "Partly met", "not_yet": "Not yet", "not_applicable": "Does not apply"}


@pytest.fixture
def evidence(db):
    load_evidence()


@pytest.fixture
def response(client, evidence):
    response = client.get(URL)
    assert response.status_code == 200
    return response


@pytest.fixture
def page(response):
    return parse(response)


def section(document, heading_id: str):
    [found] = [s for s in document.find_all("section") if s.attrs.get("aria-labelledby") == heading_id]
    return found


def test_the_url_is_named():
    assert reverse("pages:about") == URL


def test_headings_in_order_and_nothing_inline(response):
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)


def test_the_home_page_links_to_the_about_page(client, db):
    assert URL in {a.attrs.get("href") for a in parse(client.get("/")).find_all("a")}


def test_what_the_aid_is_for_and_not_for(page):
    text = section(page, "what-for").text
    assert "people with multiple sclerosis" in text
    assert "not medical advice" in text and "does not tell you what to choose" in text


def test_the_condition_the_decision_and_the_options_are_described(page):
    assert "relapsing-remitting MS" in section(page, "ms").text
    decision = section(page, "decision").text
    assert "whether stem cell transplant (aHSCT) is worth considering" in decision
    for option in ("aHSCT.", "MS medicines.", "A clinical trial."):
        assert option in decision


def test_who_made_it_is_stated_honestly_with_no_invented_credentials(page):
    text = section(page, "who").text
    assert "open-source project by software developers" in text
    assert "not made by a medical body" in text
    assert "compiled from published sources" in text and "cited" in text
    assert "has not yet been reviewed by patients or clinicians outside the project" in text
    for title in ("Dr ", "Professor", "MD", "PhD"):
        assert title not in text


def test_funding_is_none(page):
    assert section(page, "funding").text.startswith("Funding None.")


def test_the_production_date_is_the_current_release(page):
    release = EvidenceRelease.current()
    text = section(page, "dates").text
    assert release.version in text
    assert f"{release.released_on.day} {release.released_on:%B %Y}" in text
    assert f"{release.reviewed_on.day} {release.reviewed_on:%B %Y}" in text
    assert "overdue" not in text


def test_an_old_review_is_called_overdue(client, evidence):
    EvidenceRelease.objects.update(reviewed_on=date.today() - timedelta(days=400))
    text = section(parse(client.get(URL)), "dates").text
    assert "more than 12 months ago: a new review is overdue" in text


def test_the_update_policy(page):
    text = section(page, "update-policy").text
    assert "at least every 12 months" in text
    assert "flagged for the editors" in text
    assert "new version of the evidence, with a note of what changed" in text


def test_how_the_evidence_was_chosen_and_its_quality(page):
    text = section(page, "evidence-methods").text
    assert "five articles" in text and "not a full systematic review" in text
    assert "observational" in text and "randomised trial" in text
    links = {a.attrs["href"] for a in section(page, "evidence-methods").find_all("a")}
    assert {"/evidence/#how-chosen", "/evidence/#quality"} <= links


def test_glossary_terms_link_to_the_glossary(page):
    links = [a.attrs["href"] for a in main(page).find_all("a") if a.attrs.get("href", "").startswith("/glossary/#")]
    slugs = {href.removeprefix("/glossary/#") for href in links}
    assert {"edss", "ahsct", "relapse", "rrms"} <= slugs
    assert slugs <= set(TERMS_BY_SLUG)


# The scorecard


def scorecard_rows(document) -> dict[str, object]:
    return {row.attrs["data-item"]: row for row in document.find_all("tr") if "data-item" in row.attrs}


def test_the_scorecard_lists_every_ipdas_item_with_its_category_and_a_status(page):
    rows = scorecard_rows(page)
    assert len(EXPECTED_ITEMS) == 44
    assert set(rows) == set(EXPECTED_ITEMS)
    for item_id, category in EXPECTED_ITEMS.items():
        row = rows[item_id]
        assert row.attrs["id"] == f"ipdas-{item_id}"
        assert row.attrs["data-category"] == category, item_id
        status = row.attrs["data-status"]
        assert status in STATUS_TEXT, item_id
        [cell] = row.with_class("ipdas-status")
        assert cell.text == STATUS_TEXT[status], item_id


def test_the_summary_counts_match_the_items_listed(page):
    rows = scorecard_rows(page)
    summary_rows = {
        row.attrs["data-category"]: row
        for row in page.find_all("tr")
        if "data-category" in row.attrs and "data-item" not in row.attrs
    }
    assert set(summary_rows) == {"qualifying", "certification", "quality"}
    for category, summary in summary_rows.items():
        listed = [row.attrs["data-status"] for row in rows.values() if row.attrs["data-category"] == category]
        assert len(listed) == sum(1 for c in EXPECTED_ITEMS.values() if c == category)
        for status in STATUS_TEXT:
            [cell] = [td for td in summary.find_all("td") if td.attrs.get("data-status") == status]
            assert int(cell.text) == listed.count(status), (category, status)
        applicable = len(listed) - listed.count("not_applicable")
        [met] = summary.with_class("met-of-applicable")
        assert met.text == f"{listed.count('met')} of {applicable}"


def test_screening_items_do_not_apply_and_process_items_are_not_claimed(page):
    rows = scorecard_rows(page)
    assert {i for i, row in rows.items() if row.attrs["data-status"] == "not_applicable"} == NOT_APPLICABLE
    for item_id in PROCESS_ITEMS:
        assert rows[item_id].attrs["data-status"] == "not_yet", item_id
        assert "Not done yet" in rows[item_id].text


def test_the_certification_items_that_apply_are_met_where_the_issue_says(page):
    rows = scorecard_rows(page)
    for item_id in ("C1", "C2", "C3", "C4", "C5", "C6"):
        assert rows[item_id].attrs["data-status"] == "met", item_id
    assert "/results/benefits-and-risks/" in {a.attrs["href"] for a in rows["C1"].find_all("a")}
    assert "/about/#funding" in {a.attrs["href"] for a in rows["C6"].find_all("a")}
    assert rows["QL6"].attrs["data-status"] == rows["QL7"].attrs["data-status"] == "partly"


def test_every_met_or_partly_met_item_says_where(page):
    for item_id, row in scorecard_rows(page).items():
        if row.attrs["data-status"] in ("met", "partly"):
            assert row.find_all("a") or "footer" in row.text, item_id


def test_every_link_in_the_scorecard_goes_to_a_real_page_and_anchor(client, page):
    targets = {}
    for row in scorecard_rows(page).values():
        for a in row.find_all("a"):
            path, _, anchor = a.attrs["href"].partition("#")
            resolve(path)  # raises for an address the aid does not have
            if anchor:
                targets.setdefault(path, set()).add(anchor)
    for path in ("/about/", "/evidence/"):
        ids = {e.attrs["id"] for e in parse(client.get(path)).iter() if "id" in e.attrs}
        assert targets.get(path, set()) <= ids, path


def test_the_results_pages_and_anchors_in_the_scorecard_exist(client, evidence):
    from ..questionnaire.test_wizard import walk

    walk(client)
    places = {where.url for item in ipdas.ITEMS for where in item.where if where.url_name.startswith("summary:")}
    assert any("/results/" in url for url in places)
    for url in places:
        path, _, anchor = url.partition("#")
        response = client.get(path)
        assert response.status_code == 200, url
        if anchor:
            assert anchor in {e.attrs["id"] for e in parse(response).iter() if "id" in e.attrs}, url


def test_the_summary_is_counted_from_the_data():
    scores = {score.key: score for score in ipdas.summary()}
    for key, score in scores.items():
        assert score.total == sum(1 for c in EXPECTED_ITEMS.values() if c == key)
        assert sum(score.counts.values()) == score.total
    # A changed status changes the counts: nothing is typed.
    changed = tuple(replace(item, status=ipdas.MET) if item.id == "Q4" else item for item in ipdas.ITEMS)
    assert {s.key: s.met for s in ipdas.summary(changed)}["qualifying"] == scores["qualifying"].met + 1


# Reading level


def test_the_page_shows_the_reading_grades_measured_by_readability(page):
    grades = readability.reading_grades()
    assert [name for name, _ in grades] == [name for name, _ in readability.MEASURED_PAGES]
    rows = [row for row in section(page, "reading-level").find_all("tr") if "data-page" in row.attrs]
    assert [(row.attrs["data-page"], float(row.with_class("reading-grade")[0].text)) for row in rows] == grades
    for name, grade in grades:
        assert isinstance(grade, float), name
        assert 0 < grade < 20, (name, grade)


def test_readability_measures_the_main_text_only():
    html = (
        "<header>Navigation words everywhere here</header><main><nav><ul><li>Index entry</li></ul></nav>"
        "<h1>A heading</h1><p>The cat sat on the mat. It was warm.</p><ul><li>One short item</li></ul></main>"
        "<footer>Footer text is not counted</footer>"
    )
    assert readability.main_text(html) == "A heading. The cat sat on the mat. It was warm. One short item."
    assert isinstance(readability.flesch_kincaid_grade("The cat sat on the mat. It was warm."), float)


def test_the_plain_pages_are_written_at_grade_8_or_lower(evidence):
    for name, grade in readability.reading_grades():
        assert grade <= 8, (name, grade)
