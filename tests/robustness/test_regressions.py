"""Example-based tests for what the hostile tests found (each was a 500, a 400, a traceback or a lost answer
before the fix it names)."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from decisionaid.assessment.profile import ProfileError, profile_from_data

from ..assessment.conftest import IDEAL
from ..questionnaire.test_wizard import PREFIX, page_text, post_step, walk
from .conftest import browser

STEP = f"{PREFIX}-current_step"


# -- the questionnaire (decisionaid/questionnaire/views.py, forms.py) -------------------------------------------

def test_a_post_without_the_management_form_is_sent_back_with_a_message(catalogue):
    """Was a 400 (formtools: "ManagementForm data is missing or has been tampered")."""
    client = browser()
    walk(client, until="about")
    response = client.post("/questions/disease/", {"disease-subtype": "rrms"})
    assert response.status_code == 302 and response["Location"] == "/questions/disease/"
    page = client.get(response["Location"])
    assert "that page could not be read" in page_text(page)
    assert 'value="34"' in client.get("/questions/about/").content.decode()


@pytest.mark.parametrize("named_step", ["bogus", "done", "walking", "a/b", ""])
def test_a_management_form_naming_no_step_of_the_questionnaire_is_sent_back(catalogue, named_step):
    """Was a 500 (KeyError: formtools stored the made-up step as the current one), and then a 500 on every
    later visit to the questions, until the browser was closed. ("walking" is no step once the EDSS is known.)"""
    client = browser()
    walk(client, until="edss")
    response = post_step(client, "activity", {"relapses": "1"}, **{STEP: named_step})
    assert response.status_code == 302 and response["Location"] == "/questions/activity/"
    assert client.get("/questions/").status_code == 302
    assert client.get("/questions/activity/").status_code == 200
    assert 'value="34"' in client.get("/questions/about/").content.decode()


def test_a_session_whose_current_step_is_no_step_still_opens_the_questions(catalogue):
    """A session stored before the fix (or before a change of answers removed the step) opens the first step."""
    client = browser()
    walk(client, until="about")
    session = client.session
    session[f"wizard_{PREFIX}"]["step"] = "bogus"
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = client.get("/questions/")
    assert response.status_code == 302 and response["Location"] == "/questions/role/"
    assert client.get("/questions/role/").status_code == 200
    assert 'value="34"' in client.get("/questions/about/").content.decode()


def test_only_the_steps_own_clean_answers_are_kept_so_the_cookie_stays_small(catalogue):
    """formtools kept the raw post: extra fields and padded numbers went into the session cookie, which then
    grew past the 4 kB browsers keep, and the answers were lost."""
    client = browser()
    walk(client, until="role")
    padding = {f"extra-{i}": "x" * 1000 for i in range(20)}
    response = post_step(client, "about", {"age": "0" * 1000 + "34", "sex": "female", "pregnancy_wish": "no"}, **padding)
    assert response.status_code == 302
    assert client.session[f"wizard_{PREFIX}"]["step_data"]["about"] == {
        "about-age": ["34"], "about-sex": ["female"], "about-pregnancy_wish": ["no"],
    }
    assert len(client.cookies[settings.SESSION_COOKIE_NAME].value) < 1500
    assert 'value="34"' in client.get("/questions/about/").content.decode()


def test_a_treatment_sent_many_times_counts_once(catalogue):
    client = browser()
    walk(client, until="activity")
    response = post_step(client, "treatments", {"dmts": ["natalizumab"] * 500, "high_efficacy_contraindicated": "no"})
    assert response.status_code == 302
    assert client.session[f"wizard_{PREFIX}"]["step_data"]["treatments"]["treatments-dmts"] == ["natalizumab"]


@pytest.mark.parametrize("typed, kept", [("1e1", "10"), ("-0", "0"), ("006.5", "6.5"), ("٦", "6")])
def test_years_since_first_symptoms_are_kept_in_plain_notation(catalogue, typed, kept):
    client = browser()
    walk(client, until="about")
    assert post_step(client, "disease", {"subtype": "rrms", "duration_years": typed}).status_code == 302
    assert client.session[f"wizard_{PREFIX}"]["step_data"]["disease"]["disease-duration_years"] == [kept]


def test_finishing_with_a_step_missing_says_so(catalogue):
    client = browser()
    walk(client, until="about")
    response = client.get("/questions/done/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/disease/"
    assert "Please answer this question first" in page_text(response)


def test_requests_over_djangos_limits_are_refused_as_bad_requests_not_errors(catalogue):
    """More than 1000 fields, or a body over 2.5 MB, is refused by Django before the questionnaire sees it:
    400, not 500. (No browser sends such a request from these pages.)"""
    client = browser()
    too_many = {STEP: "role", **{f"field{i}": "x" for i in range(1001)}}
    assert client.post("/questions/role/", too_many).status_code == 400
    too_big = {STEP: "role", "role-role": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    assert client.post("/questions/role/", too_big).status_code == 400
    assert client.get("/questions/role/").status_code == 200


# -- the profile (decisionaid/assessment/profile.py) ------------------------------------------------------------

@pytest.mark.parametrize("changes, field", [
    ({"age": float("nan")}, "age"),  # was ValueError
    ({"age": float("inf")}, "age"),  # was OverflowError
    ({"relapses_12m": float("-inf")}, "relapses_12m"),
    ({"edss": None, "walking_range": ["100m"]}, "walking_range"),  # was TypeError: unhashable
    ({"edss": None, "walking_range": {"a": 1}}, "walking_range"),
    ({"edss": "1e-999999999"}, "edss"),  # was taken as EDSS 0
    ({"values": ["very"]}, "values"),  # was taken, then a ValueError inside assess()
    ({"values": [["fertility", "very", "extra"]]}, "values"),
    ({"values": {"fertility": "\ud800"}}, "values"),  # was a UnicodeEncodeError when the command printed it
])
def test_bad_values_that_crashed_are_refused_by_name(changes, field):
    with pytest.raises(ProfileError) as error:
        profile_from_data({**IDEAL, **changes})
    assert error.value.field == field


@pytest.mark.parametrize("given, edss", [("-0", "0"), ("1E+1", "10"), ("0E-9", "0"), ("3.50", "3.5"), (3.5, "3.5")])
def test_an_edss_written_oddly_is_kept_plainly(given, edss):
    assert str(profile_from_data({**IDEAL, "edss": given}).edss) == edss


def test_values_as_pairs_are_kept_as_pairs():
    assert profile_from_data({**IDEAL, "values": [["fertility", "very"]]}).values == (("fertility", "very"),)


def test_a_huge_bad_value_gives_a_short_message():
    with pytest.raises(ProfileError) as error:
        profile_from_data({**IDEAL, "sex": "x" * 100_000})
    assert error.value.field == "sex" and len(str(error.value)) < 200
    with pytest.raises(ProfileError) as error:
        profile_from_data({**IDEAL, "relapses_12m": 10 ** 4000})
    assert len(str(error.value)) < 200


# -- the command (decisionaid/assessment/management/commands/assess.py) -----------------------------------------

@pytest.mark.parametrize("text, says", [
    ('{"age": ' + "1" * 5000 + "}", "not valid JSON"),  # was ValueError (int of more than 4300 digits)
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),  # was RecursionError
    (json.dumps({**IDEAL, "age": float("nan")}), "field 'age'"),
])
def test_the_command_refuses_what_crashed_it_with_status_2(db, tmp_path, text, says):
    path = tmp_path / "profile.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("assess", str(path), stdout=io.StringIO())
    assert error.value.returncode == 2 and says in str(error.value)


def test_a_file_name_with_a_nul_is_status_2(db):
    """Was ValueError: embedded null byte."""
    with pytest.raises(CommandError) as error:
        call_command("assess", "profile\x00.json")
    assert error.value.returncode == 2


@pytest.mark.parametrize("text, field", [
    ('{"age": NaN}', "age"),
    ('{"values": {"fertility": "\\ud800"}}', "values"),
])
def test_from_a_real_process_these_exit_2_without_a_traceback(tmp_path, text, field):
    """The input is refused before the evidence is read, so the process needs no database of its own."""
    profile = {**IDEAL, **json.loads(text)}
    env = dict(os.environ, DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    result = subprocess.run(
        [sys.executable, "manage.py", "assess", "-"], cwd=Path(settings.BASE_DIR), env=env, timeout=120,
        input=json.dumps(profile), capture_output=True, text=True,
    )
    assert result.returncode == 2, result.stderr
    assert f"field '{field}'" in result.stderr and "Traceback" not in result.stderr
