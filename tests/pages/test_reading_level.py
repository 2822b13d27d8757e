"""Plain language: the text people read is at Flesch–Kincaid grade 8 or lower (DESIGN.md), measured the way the
About page measures it (decisionaid.pages.readability): the prose inside <main>, navigation left out.

Measured: the pages the About page reports (home, privacy, glossary), each questionnaire step, and, for a
person who has answered every question, the results page and the printable patient summary. Not measured: the
About and Evidence pages, which are partly technical by design (citations, methods), and the clinician pages."""
import pytest
from django.urls import NoReverseMatch, reverse

from decisionaid.evidence.loading import load_evidence
from decisionaid.pages import readability
from tests.questionnaire.test_wizard import GOOD_ANSWERS, post_step

MAX_GRADE = 8.0


def grade_of(response) -> float:
    assert response.status_code == 200
    return readability.flesch_kincaid_grade(readability.main_text(response.content.decode()))


def test_the_information_pages_are_at_grade_8_or_lower(db):
    grades = readability.reading_grades()
    assert grades, "no page measured"
    too_hard = [(name, grade) for name, grade in grades if grade > MAX_GRADE]
    assert too_hard == [], f"above grade {MAX_GRADE}: {too_hard}"


@pytest.fixture
def answered(client, db):
    """A person who has answered every question, one step at a time; the pages they saw, by step."""
    load_evidence()
    pages = {}
    for step, answers in GOOD_ANSWERS.items():
        pages[step] = client.get(f"/questions/{step}/")
        response = post_step(client, step, answers)
        assert response.status_code == 302, step
    client.get("/questions/done/")
    return pages


def test_every_questionnaire_step_is_at_grade_8_or_lower(answered):
    grades = {step: grade_of(response) for step, response in answered.items()}
    too_hard = {step: grade for step, grade in grades.items() if grade > MAX_GRADE}
    assert too_hard == {}, f"above grade {MAX_GRADE}: {too_hard}"


def test_the_results_page_for_a_patient_is_at_grade_8_or_lower(client, answered):
    grade = grade_of(client.get("/results/"))
    assert grade <= MAX_GRADE, f"results page: grade {grade}"


def test_the_patient_summary_is_at_grade_8_or_lower(client, answered):
    try:
        path = reverse("summary:patient")
    except NoReverseMatch:
        pytest.skip("There is no patient summary page yet (summary:patient).")
    grade = grade_of(client.get(path))
    assert grade <= MAX_GRADE, f"patient summary: grade {grade}"
