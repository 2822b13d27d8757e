"""English and Norwegian bokmål: English at today's URLs, Norwegian under /nb/, a language switch in the header
that keeps the person's answers, the language on <html> and in the PDF, and numbers written the language's way."""
import pytest
from django.urls import reverse
from django.utils import translation

from decisionaid.assessment.checks import number_plain
from decisionaid.evidence.loading import load_evidence

from ..questionnaire.test_wizard import catalogue, walk  # noqa: F401  (catalogue is a fixture)
from ..summary.summary_profiles import ReadBack
from .html_tree import parse

PAGES = ["/", "/evidence/", "/about/", "/privacy/", "/glossary/", "/questions/role/"]


@pytest.fixture
def evidence(db):
    load_evidence()


def html_lang(response) -> str:
    return parse(response).find_all("html")[0].attrs["lang"]


def switch_form(response, language: str):
    """The header's form for `language`: its action, and the fields it posts."""
    for form in parse(response).find_all("form"):
        buttons = form.find_all("button", name="language", value=language)
        if buttons:
            fields = {field.attrs["name"]: field.attrs.get("value", "") for field in form.find_all("input")}
            return form.attrs, {**fields, "language": language}
    raise AssertionError(f"no language switch to {language}")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_english_at_its_url_and_in_norwegian_under_nb(client, db, path):
    english = client.get(path)
    assert english.status_code == 200 and html_lang(english) == "en-GB"
    norwegian = client.get(f"/nb{path}")
    assert norwegian.status_code == 200 and html_lang(norwegian) == "nb"
    assert english["Content-Language"] == "en-gb" and norwegian["Content-Language"] == "nb"


def test_links_on_a_norwegian_page_stay_in_norwegian(client, db):
    document = parse(client.get("/nb/about/"))
    nav = document.find_all("nav")[0]
    hrefs = [link.attrs["href"] for link in nav.find_all("a")]
    assert hrefs and all(href.startswith("/nb/") for href in hrefs)
    with translation.override("nb"):
        assert reverse("summary:results") == "/nb/results/"
    with translation.override("en-gb"):
        assert reverse("summary:results") == "/results/"


def test_the_switch_names_each_language_in_that_language(client, db):
    for path, code, name in (("/", "nb", "Norsk bokmål"), ("/nb/", "en-gb", "English")):
        buttons = parse(client.get(path)).find_all("button", name="language")
        assert [(b.attrs["value"], b.attrs["lang"], b.text.strip()) for b in buttons] == [(code, code, name)]


def test_admin_and_the_switch_stay_unprefixed(client, db):
    assert client.get("/nb/admin/").status_code == 404
    assert client.get("/admin/").status_code == 302
    assert reverse("set_language") == "/i18n/setlang/"


@pytest.mark.parametrize(("start", "language", "arrives"), [
    ("/about/", "nb", "/nb/about/"),
    ("/nb/glossary/", "en-gb", "/glossary/"),
])
def test_the_switch_posts_with_csrf_and_goes_to_the_same_page_in_the_other_language(db, start, language, arrives):
    from ..conftest import HttpsClient

    browser = HttpsClient(enforce_csrf_checks=True)
    page = browser.get(start)
    form, data = switch_form(page, language)
    assert form["method"] == "post" and form["action"] == "/i18n/setlang/"
    assert data["next"] == arrives and data["csrfmiddlewaretoken"]
    response = browser.post(form["action"], data, headers={"Referer": f"https://testserver{start}"})
    assert response.status_code == 302 and response["Location"] == arrives
    # Without the token the switch is refused, like every other form.
    refused = HttpsClient(enforce_csrf_checks=True).post(
        form["action"], {"language": language, "next": arrives}, headers={"Referer": f"https://testserver{start}"}
    )
    assert refused.status_code == 403


def test_switching_language_keeps_every_answer(client, catalogue, evidence):  # noqa: F811
    walk(client)
    answers = client.session["profile"]
    results = client.get("/results/")
    assert results.status_code == 200
    form, data = switch_form(results, "nb")
    response = client.post(form["action"], data)
    assert response["Location"] == "/nb/results/"
    norwegian = client.get("/nb/results/")
    assert norwegian.status_code == 200 and html_lang(norwegian) == "nb"
    assert client.session["profile"] == answers
    # And back again: still the same answers, the same results.
    form, data = switch_form(norwegian, "en-gb")
    assert client.post(form["action"], data)["Location"] == "/results/"
    assert client.get("/results/").status_code == 200 and client.session["profile"] == answers


def test_the_norwegian_pdf_says_its_language_in_its_metadata(client, catalogue, evidence):  # noqa: F811
    walk(client)
    english = ReadBack(client.get("/summary.pdf").content)
    norwegian = ReadBack(client.get("/nb/summary.pdf").content)
    assert english.catalog["/Lang"] == "en-GB"
    assert norwegian.catalog["/Lang"] == "nb"


def test_decimals_are_written_with_a_comma_in_norwegian(client, catalogue, evidence):  # noqa: F811
    # The fertility part for the woman who wants a child: 7 of 38 women became pregnant, 18.4 in 100.
    walk(client)
    english = client.get("/results/periods-pregnancy-and-fertility/").content.decode()
    norwegian = client.get("/nb/results/periods-pregnancy-and-fertility/").content.decode()
    assert "18.4" in english and "18,4" not in english
    assert "18,4" in norwegian and "18.4" not in norwegian


def test_numbers_formatted_in_python_follow_the_language():
    with translation.override("en-gb"):
        assert [number_plain(v) for v in ("6", "6.50", "0.19", "86.9")] == ["6", "6.5", "0.19", "86.9"]
    with translation.override("nb"):
        assert [number_plain(v) for v in ("6", "6.50", "0.19", "86.9")] == ["6", "6,5", "0,19", "86,9"]
