"""Start again asks first: every "Start again" leads to a page that asks, suggests saving the answers to a file,
and clears only when the person confirms."""
from tests.pages.html_tree import assert_headings_in_order, assert_nothing_inline, main, parse

from .test_wizard import catalogue, page_text, walk  # noqa: F401 (fixture)


def test_the_step_pages_link_to_the_question_and_back_to_the_same_step(client, catalogue):
    walk(client, until="about")
    page = parse(client.get("/questions/disease/"))
    [link] = [a.attrs["href"] for a in main(page).find_all("a") if "Start again" in a.text]
    assert link == "/start-again/?next=/questions/disease/"
    confirm = parse(client.get(link))
    [back] = [a.attrs["href"] for a in main(confirm).find_all("a") if a.text.strip() == "No, go back"]
    assert back == "/questions/disease/"


def test_asking_clears_nothing_and_confirming_clears_everything(client, catalogue):
    walk(client)
    response = client.get("/start-again/")
    assert response.status_code == 200
    assert "Clear all your answers?" in page_text(response) and "save my answers" in page_text(response)
    assert client.get("/results/").status_code == 200, "the answers are still there"
    response = client.post("/start-again/", follow=True)
    assert "All your answers have been cleared." in page_text(response)
    assert client.get("/results/").status_code == 302


def test_the_question_page_is_well_formed(client, db):
    response = client.get("/start-again/")
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)


def test_the_home_page_error_state_is_well_formed(client, db):
    response = client.post("/continue/", {})
    assert_headings_in_order(parse(response))
    assert_nothing_inline(response)
