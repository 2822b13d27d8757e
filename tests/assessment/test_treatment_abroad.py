"""The optional answer "Are you thinking of treatment at a private clinic or abroad?": in the profile and the
`assess` JSON interface, read back, and a yes or not sure adds the questions for the neurologist (a no, or no
answer at all, adds none)."""
import io
import json

import pytest
from django.core.management import CommandError, call_command

from decisionaid.assessment.assess import assess
from decisionaid.assessment.profile import ProfileError, profile_from_data
from decisionaid.assessment.questions import treatment_abroad_questions

from .conftest import IDEAL, make_profile

CLINIC_POINTS = (
    "its chemotherapy and how strong it is", "how many people with MS it has treated and their results",
    "who looks after complications once I am home", "an emergency on the journey home",
    "the full cost including care afterwards", "which vaccinations I need afterwards",
)


def abroad_questions(questions) -> list[str]:
    return [q for q in questions if "private clinic or abroad" in q]


def test_the_answer_is_optional_and_answers_saved_before_it_still_load():
    assert profile_from_data(IDEAL).treatment_abroad is None
    assert profile_from_data({**IDEAL, "treatment_abroad": None}).treatment_abroad is None
    for answer in ("yes", "no", "unsure"):
        assert make_profile(treatment_abroad=answer).treatment_abroad == answer


@pytest.mark.parametrize("bad", ["maybe", "", True, 1, ["yes"]])
def test_a_bad_answer_is_refused_naming_the_field(bad):
    with pytest.raises(ProfileError) as refused:
        profile_from_data({**IDEAL, "treatment_abroad": bad})
    assert refused.value.field == "treatment_abroad" and "yes, no, unsure" in refused.value.message


@pytest.mark.parametrize("answer", ["yes", "unsure"])
def test_yes_or_not_sure_adds_the_questions_for_the_clinic_and_for_home(published_evidence, answer):
    questions = assess(profile=make_profile(treatment_abroad=answer), evidence=published_evidence).questions
    clinic, home = abroad_questions(questions)
    for point in CLINIC_POINTS:
        assert point in clinic
    assert "what could you and my local health service take over, and what not?" in home
    # Before the general question about the centre, so that they are read together.
    assert questions.index(home) < next(i for i, q in enumerate(questions) if q.startswith("Which centre"))


@pytest.mark.parametrize("answer", ["no", None])
def test_no_or_no_answer_adds_none(published_evidence, answer):
    questions = assess(profile=make_profile(treatment_abroad=answer), evidence=published_evidence).questions
    assert abroad_questions(questions) == [] and treatment_abroad_questions(make_profile(treatment_abroad=answer)) == []


def test_the_answer_is_read_back_only_when_given(published_evidence):
    lines = {line.label: line.answer for line in assess(
        profile=make_profile(treatment_abroad="unsure"), evidence=published_evidence).answers_plain}
    assert lines["Thinking of treatment at a private clinic or abroad"] == "Not sure"
    unanswered = assess(profile=make_profile(), evidence=published_evidence).answers_plain
    assert not [line for line in unanswered if "abroad" in line.label]


def test_the_assess_command_takes_the_key_and_says_so_in_its_help(loaded, tmp_path):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({**IDEAL, "treatment_abroad": "yes"}), encoding="utf-8")
    out = io.StringIO()
    call_command("assess", str(path), stdout=out)
    result = json.loads(out.getvalue())
    assert result["profile"]["treatment_abroad"] == "yes" and len(abroad_questions(result["questions"])) == 2

    path.write_text(json.dumps({**IDEAL, "treatment_abroad": "perhaps"}), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("assess", str(path), stdout=io.StringIO())
    assert refused.value.returncode == 2 and "treatment_abroad" in str(refused.value)

    from decisionaid.assessment.management.commands.assess import Command

    assert '"treatment_abroad"' in Command.help
