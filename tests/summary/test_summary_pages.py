"""The printable summary pages in HTML (/summary/ and /summary/clinician/): built from the same assessment as
the results page, their own print stylesheet instead of the site's, no navigation, nothing inline, never
cached; and a visitor with no answers is sent to the questions for every summary URL."""
import re

import pytest
from django.contrib.staticfiles import finders

from decisionaid.evidence.loading import load_evidence
from decisionaid.assessment.questions import ANSWER_ASK
from decisionaid.summary.printable import clinician_outcomes, patient_figure_sections, summary_questions, who_plain

# Fertility outcomes other than periods stopping: in words on paper (the fertility page has their pictures).
FERTILITY_WORDS = ("menses_not_recovered", "menses_recovered", "pregnancy")

from ..pages.html_tree import assert_headings_in_order, assert_nothing_inline, main, parse
from ..questionnaire.test_wizard import page_text, walk
from .summary_profiles import PROFILES, Renders
from .test_results_page import answers

SUMMARY_URLS = ("/summary/", "/summary.pdf", "/summary/clinician/", "/summary/clinician.pdf")


HTML_PAGES = ("/summary/", "/summary/clinician/")


@pytest.fixture(scope="module")
def renders(django_db_setup, django_db_blocker):
    return Renders(django_db_blocker, {profile: HTML_PAGES for profile in PROFILES})


@pytest.fixture
def evidence(db):
    load_evidence()


def print_css() -> str:
    with open(finders.find("css/print-summary.css"), encoding="utf-8") as handle:
        return handle.read()


def css_block(css: str, opening: str) -> str:
    """The body of the block that starts with `opening` (e.g. "@media print"), braces balanced."""
    start = css.index(opening)
    depth, position = 0, css.index("{", start)
    for index in range(position, len(css)):
        depth += {"{": 1, "}": -1}.get(css[index], 0)
        if depth == 0:
            return css[position + 1:index]
    raise AssertionError(f"unbalanced block {opening}")


# -- no answers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", SUMMARY_URLS)
def test_a_visitor_with_no_answers_is_sent_to_the_questions_with_a_message(client, db, url):
    response = client.get(url, follow=True)
    assert response.redirect_chain[0] == ("/questions/", 302)
    assert response.status_code == 200
    assert "Please answer the questions first" in page_text(response)


@pytest.mark.parametrize("url", SUMMARY_URLS)
def test_summaries_answer_get_only(client, evidence, url):
    walk(client, answers())
    assert client.post(url).status_code == 405


# -- the HTML pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/summary/", "/summary/clinician/"])
def test_summary_pages_have_their_own_print_stylesheet_and_no_site_navigation(renders, url):
    response = renders.get("female_pregnancy", url)
    assert response.status_code == 200
    document = parse(response)
    stylesheets = [link.attrs["href"] for link in document.find_all("link") if link.attrs.get("rel") == "stylesheet"]
    assert len(stylesheets) == 1 and re.fullmatch(r"/static/css/print-summary(\.[0-9a-f]{12})?\.css", stylesheets[0])
    assert not document.find_all("nav")
    assert not document.with_class("site-header") and not document.with_class("site-footer")
    assert "bootstrap" not in response.content.decode()
    html = document.find_all("html")[0]
    assert html.attrs["lang"] == "en-GB"
    assert document.find_all("title")[0].text
    assert_headings_in_order(document)
    assert_nothing_inline(response)
    assert "no-store" in response["Cache-Control"]


def test_the_screen_header_offers_back_print_and_pdf_links_that_print_hides(renders):
    document = parse(renders.get("female_pregnancy", "/summary/"))
    actions = document.with_class("screen-actions")
    assert len(actions) == 1
    links = {a.text: a.attrs["href"] for a in actions[0].find_all("a")}
    assert links["← Back to results"] == "/results/"
    assert links["Download PDF (A4)"] == "/summary.pdf"
    assert links["Download PDF (US Letter)"] == "/summary.pdf?paper=letter"
    button = actions[0].find_all("button")[0]
    assert "hidden" in button.attrs and "data-print" in button.attrs  # shown by the external script only
    assert "Ctrl+P" in actions[0].text
    scripts = [s.attrs["src"] for s in document.find_all("script")]
    assert len(scripts) == 1 and re.fullmatch(r"/static/js/print-button(\.[0-9a-f]{12})?\.js", scripts[0])
    assert not main(document).with_class("screen-actions")


def test_the_print_stylesheet_hides_the_screen_parts_and_keeps_arrays_with_their_captions():
    css = print_css()
    printed = css_block(css, "@media print")
    assert re.search(r"\.screen-actions[^{]*\{[^}]*display:\s*none", printed)
    figure_rule = re.search(r"\n\.print-figure \{([^}]*)\}", css).group(1)
    assert "break-inside: avoid" in figure_rule
    page = css_block(css, "@page")
    assert "font-family" in page.split("@bottom")[0]  # set for the page itself, not only in the margin boxes
    assert 'content: "Page " counter(page) " of " counter(pages)' in page
    assert all("font-family" in css_block(page, box) for box in ("@bottom-left", "@bottom-right"))
    assert not re.search(r"(^|[\s;{])size:", page)  # the browser keeps the reader's paper; the PDF sets A4 or Letter
    assert "bootstrap" not in css.lower() and "@import" not in css


def test_the_print_button_script_is_a_small_external_file():
    script = open(finders.find("js/print-button.js"), encoding="utf-8").read()
    assert "window.print()" in script and "data-print" in script


def test_the_patient_page_shows_the_assessment_in_plain_words(renders):
    response = renders.get("female_pregnancy", "/summary/")
    assessment = renders.assessment("female_pregnancy")
    text = page_text(response)
    for guideline in assessment.guidelines:
        assert guideline.verdict_plain in text
    for figure in assessment.benefits + assessment.risks:
        assert figure.text in text
        assert who_plain(figure, assessment.profile) in text
    for question in assessment.questions:
        assert question in text
    assert "Evidence version " + assessment.evidence_version in text
    assert "This summary is not a recommendation." in text


def test_the_patient_page_draws_benefits_and_harms_the_same_way(renders):
    content = renders.get("female_pregnancy", "/summary/").content.decode()
    assessment = renders.assessment("female_pregnancy")
    sections = patient_figure_sections(assessment)
    assert [s.title for s in sections] == ["Possible benefits", "Possible harms", "Periods and fertility"]
    shown = [item.figure for section in sections for item in section.items]
    for kind in ("benefit", "risk"):
        cards = re.findall(rf'<figure class="print-figure figure-{kind}" data-figure-key="([^"]+)"', content)
        assert cards == [f.key for f in shown if f.kind == kind and f.outcome not in FERTILITY_WORDS]
    pictured = [f for f in shown if f.outcome not in FERTILITY_WORDS]
    assert len(re.findall(r'<svg[^>]*class="icon-array[^"]*"[^>]*role="img"', content)) == len(pictured)
    # The other periods and fertility outcomes are said in words, each once.
    words = re.findall(r'<li data-figure-key="([^"]+)"', content)
    assert words == [f.key for f in shown if f.outcome in FERTILITY_WORDS] and words
    assert len(shown) == len({f.key for f in shown})  # a figure among the risks is not drawn twice


def test_each_write_in_row_follows_a_question(renders):
    document = parse(renders.get("unknown", "/summary/"))
    assessment = renders.assessment("unknown")
    rows = document.with_class("question-table")[0].find_all("tr")
    written = [row for row in rows if row.with_class("write-cell")]
    questions = summary_questions(assessment)
    assert len(written) == len(questions) + 1  # one per question, one for the person's own
    # Every "I don't know" is asked: on paper, in one question that names them all.
    assert len(assessment.unknown_answers) >= 6 and questions[0].startswith("Please tell me what I did not know")
    for answer in assessment.unknown_answers:
        assert str(ANSWER_ASK[answer.field]) in questions[0]  # a lazy translation: English here


def test_an_approximate_edss_is_said_on_the_patient_page(renders):
    text = page_text(renders.get("walking", "/summary/"))
    assert "approximately EDSS 5.0 (from walking range)" in text
    assert "Your EDSS is approximate" in text


def test_the_clinician_page_has_a_criterion_table_for_each_guideline(renders):
    response = renders.get("walking", "/summary/clinician/")
    document = parse(response)
    assessment = renders.assessment("walking")
    tables = document.with_class("criteria-table")
    assert [t.attrs["data-guideline"] for t in tables] == [g.key for g in assessment.guidelines]
    for table, guideline in zip(tables, assessment.guidelines):
        body_rows = table.find_all("tbody")[0].find_all("tr")
        assert len(body_rows) == len(guideline.criteria)
        for row, criterion in zip(body_rows, guideline.criteria):
            cells = [cell.text for cell in row.find_all("td")]
            assert cells[1] == criterion.person_value and cells[2] == criterion.threshold
            assert cells[3].startswith({"met": "Met", "not_met": "Not met", "unknown": "Unknown"}[criterion.result])
    assert "approximately EDSS 5.0 (from walking range)" in page_text(response)


def test_the_clinician_page_lists_figures_with_their_identifiers(renders):
    document = parse(renders.get("clinician", "/summary/clinician/"))
    assessment = renders.assessment("clinician")
    rows = {row.attrs["data-figure-key"] for row in document.find_all("tr") if "data-figure-key" in row.attrs}
    expected = {f.key for item in clinician_outcomes(assessment) for f in item.rows} | {
        f.key for f in assessment.comparisons
    }
    assert rows == expected
    links = {a.attrs["href"] for a in document.find_all("a")}
    for figure in assessment.benefits:
        if figure.source.doi:
            assert f"https://doi.org/{figure.source.doi}" in links


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_profile_renders_both_pages(renders, profile):
    for url in ("/summary/", "/summary/clinician/"):
        response = renders.get(profile, url)
        assert response.status_code == 200, (profile, url)
        assert "Evidence version" in page_text(response)
