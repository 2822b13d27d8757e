"""The person's answers and values read back in plain words, and the knowledge check built from the evidence."""
import pytest

from decisionaid.assessment.assess import assess

from .conftest import make_profile


def lines(assessment):
    return {line.label: line.answer for line in assessment.answers_plain}


def test_answers_are_read_back_in_plain_words(published_evidence):
    read = lines(assess(profile=make_profile(dmts=["natalizumab", "interferon-beta"]), evidence=published_evidence))
    assert read["Age"] == "35 years"
    assert read["Type of MS"] == "Relapsing-remitting MS"
    assert read["Years since first symptoms"] == "5"
    assert read["MS treatments taken"] == "Natalizumab, Interferon beta"
    assert read["Strongest MS medicines not possible"] == "No"


def test_unknown_answers_read_back_as_not_known(published_evidence):
    profile = make_profile(disease_duration_years=None, relapses_12m=None, high_efficacy_contraindicated=None, dmts=[])
    read = lines(assess(profile=profile, evidence=published_evidence))
    assert read["Years since first symptoms"] == "Not known"
    assert read["Relapses in the last 12 months"] == "Not known"
    assert read["Strongest MS medicines not possible"] == "Not known"
    assert read["MS treatments taken"] == "None"


def test_an_edss_from_walking_range_is_read_back_as_approximate(published_evidence):
    read = lines(assess(profile=make_profile(edss=None, walking_range="200m"), evidence=published_evidence))
    assert "approximately" in read["EDSS"].lower()
    assert read["Walking without rest"] == "at least 200 metres without help"


def test_values_are_read_back(published_evidence):
    profile = make_profile(values={"fertility": "very", "time_away": "not", "bogus": "very"})
    values = {line.label: line.answer for line in assess(profile=profile, evidence=published_evidence).values_plain}
    assert values == {"Keeping the chance of having children": "Very important", "Avoiding weeks away from home and work": "Not important"}


def test_knowledge_check_answers_come_from_this_assessment(published_evidence):
    assessment = assess(profile=make_profile(), evidence=published_evidence)
    questions = {q.question: q for q in assessment.knowledge_questions}
    assert questions["Does this aid tell you whether to have aHSCT?"].answer == "No."
    risk = questions["Is aHSCT free of serious risks?"]
    assert assessment.risks[0].text in risk.explanation
    assert assessment.risks[0].source.short_name in risk.explanation


@pytest.mark.parametrize("sex, has_fertility_question", [("female", True), ("male", False)])
def test_the_fertility_question_is_asked_only_where_fertility_figures_apply(published_evidence, sex, has_fertility_question):
    assessment = assess(profile=make_profile(sex=sex), evidence=published_evidence)
    asked = any("fertility" in q.question for q in assessment.knowledge_questions)
    assert asked is has_fertility_question


def test_when_guidelines_disagree_the_knowledge_check_says_how(published_evidence):
    # Age 47: over 45 (EBMT, ECTRIMS borderline) but under 50 (NMSS meets).
    assessment = assess(profile=make_profile(age=47), evidence=published_evidence)
    assert len({g.verdict for g in assessment.guidelines}) > 1
    answer = next(q for q in assessment.knowledge_questions if q.question == "Do the three guidelines always agree?")
    assert "For your answers they differ" in answer.explanation
    for guideline in assessment.guidelines:
        assert guideline.short_name in answer.explanation
