"""`manage.py assess`: JSON in, JSON out; bad input exits with status 2 and a message naming the field."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from decisionaid.assessment.management.commands.assess import Command

from .conftest import IDEAL

PROGRESSIVE = dict(IDEAL, subtype="ppms", age=52, edss=None, walking_range="100m_one_aid", relapses_12m=0,
                   mri_activity_12m="unknown", dmts=["ocrelizumab"], sex="male")
BAD = [
    # input text, field the message must name
    (json.dumps({k: v for k, v in IDEAL.items() if k != "age"}), "age"),
    (json.dumps(dict(IDEAL, edss=4.3)), "edss"),
    (json.dumps(dict(IDEAL, subtype="rrms-ish")), "subtype"),
    (json.dumps(dict(IDEAL, dmts=["natalizumab", "snake-oil"])), "dmts"),
    (json.dumps(dict(IDEAL, favourite_colour="blue")), "favourite_colour"),
    (json.dumps([1, 2]), "profile"),
    ("{not json", "not valid JSON"),
    ("", "not valid JSON"),
]


def write(tmp_path, text: str, name="profile.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_in_process(*args, stdin: str | None = None, monkeypatch=None) -> dict:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command("assess", *args, stdout=out)
    return json.loads(out.getvalue())


def check_output_shape(data: dict) -> None:
    """The keys DESIGN.md promises, with the values it allows."""
    assert data["evidence_version"]
    assert [g["key"] for g in data["guidelines"]] == ["ebmt-2020", "nmss-2021", "ectrims-ebmt-2025"]
    for guideline in data["guidelines"]:
        assert guideline["verdict"] in ("meets", "borderline", "outside", "incomplete")
        for criterion in guideline["criteria"]:
            assert {"key", "result", "value", "threshold", "effect"} <= set(criterion)
            assert criterion["result"] in ("met", "not_met", "unknown")
            assert criterion["effect"] in (("borderline", "outside") if criterion["result"] == "not_met" else (None,))
            assert criterion["value"] and criterion["threshold"]
    for figure in data["benefits"] + data["risks"]:
        assert isinstance(figure["per_100"], (int, float)) and not isinstance(figure["per_100"], bool)
        assert figure["time_point"] and figure["population"]
        assert {"short_name", "doi", "pmid", "registry_id"} <= set(figure["source"])
    assert data["questions"] and all(isinstance(q, str) for q in data["questions"])
    for key in ("factors", "trials", "comparisons", "unknown_answers", "edss_approximate"):
        assert key in data


def test_reads_a_file_and_prints_the_assessment(loaded, tmp_path):
    data = run_in_process(write(tmp_path, json.dumps(IDEAL)))
    check_output_shape(data)
    assert {g["verdict"] for g in data["guidelines"]} == {"meets"}
    assert data["profile"]["age"] == IDEAL["age"]


@pytest.mark.parametrize("args", [("-",), ()])
def test_reads_standard_input_for_dash_or_no_file(loaded, monkeypatch, args):
    data = run_in_process(*args, stdin=json.dumps(PROGRESSIVE), monkeypatch=monkeypatch)
    check_output_shape(data)
    assert data["edss_approximate"] is True
    verdicts = {g["key"]: g["verdict"] for g in data["guidelines"]}
    assert verdicts == {"ebmt-2020": "incomplete", "nmss-2021": "outside", "ectrims-ebmt-2025": "outside"}


def test_numbers_are_json_numbers_whole_or_not(loaded, tmp_path):
    data = run_in_process(write(tmp_path, json.dumps(PROGRESSIVE)))
    death = next(f for f in data["risks"] if f["outcome"] == "death_100_days")
    assert death["per_100"] == 1.4 and isinstance(death["per_100"], float)
    neda = next(f for f in data["benefits"] if f["outcome"] == "neda")
    assert isinstance(neda["denominator"], int)
    edss = next(c for c in data["guidelines"][0]["criteria"] if c["key"] == "edss")
    assert edss["threshold_value"] == 5.5 and edss["approximate"] is True
    age = next(c for c in data["guidelines"][0]["criteria"] if c["key"] == "age")
    assert age["threshold_value"] == 45 and isinstance(age["threshold_value"], int)


@pytest.mark.parametrize("text, named", BAD)
def test_bad_input_is_a_command_error_with_status_2_naming_the_field(loaded, tmp_path, text, named):
    with pytest.raises(CommandError) as error:
        call_command("assess", write(tmp_path, text), stdout=io.StringIO())
    assert error.value.returncode == 2
    assert named in str(error.value)


def test_an_unreadable_file_is_status_2_naming_the_file(loaded, tmp_path):
    missing = str(tmp_path / "nowhere.json")
    with pytest.raises(CommandError) as error:
        call_command("assess", missing)
    assert error.value.returncode == 2 and missing in str(error.value)


def test_from_the_command_line_bad_input_exits_2_with_a_message_and_no_traceback(loaded, tmp_path, capsys):
    path = write(tmp_path, json.dumps(dict(IDEAL, relapses_12m="two")))
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "assess", path])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert "relapses_12m" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""


# -- the real thing: a separate process on its own SQLite database ---------------------------------------

@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory):
    """A migrated SQLite file with the evidence loaded, and the environment that points manage.py at it."""
    database = tmp_path_factory.mktemp("assess-cli") / "db.sqlite3"
    env = dict(os.environ, DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{database}")
    for command in (["migrate", "--noinput", "-v", "0"], ["load_evidence"]):
        manage(command, env=env).check_returncode()
    return env


def manage(args, *, env, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_subprocess_json_in_json_out(sqlite_env, tmp_path):
    from_file = manage(["assess", write(tmp_path, json.dumps(IDEAL))], env=sqlite_env)
    assert from_file.returncode == 0, from_file.stderr
    check_output_shape(json.loads(from_file.stdout))

    from_stdin = manage(["assess"], env=sqlite_env, stdin=json.dumps(PROGRESSIVE))
    assert from_stdin.returncode == 0, from_stdin.stderr
    data = json.loads(from_stdin.stdout)
    check_output_shape(data)
    assert data["edss_approximate"] is True and data["fertility"] == []  # a man: no ovarian figures
    assert json.loads(manage(["assess", "-"], env=sqlite_env, stdin=json.dumps(PROGRESSIVE)).stdout) == data


@pytest.mark.parametrize("text, named", [BAD[3], BAD[6], BAD[1]])
def test_subprocess_bad_input_on_stdin_exits_2(sqlite_env, text, named):
    result = manage(["assess", "-"], env=sqlite_env, stdin=text)
    assert result.returncode == 2
    assert named in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def keys_of(value):
    """The JSON's shape: every key, nested, with list items in order; the values left out."""
    if isinstance(value, dict):
        return {key: keys_of(item) for key, item in value.items()}
    if isinstance(value, list):
        return [keys_of(item) for item in value]
    return None


def test_language_nb_gives_the_texts_in_norwegian_and_keeps_the_keys_and_codes(loaded, tmp_path):
    path = write(tmp_path, json.dumps(IDEAL))
    english = run_in_process(path)
    norwegian = run_in_process(path, "--language", "nb")
    assert keys_of(norwegian) == keys_of(english)
    check_output_shape(norwegian)
    assert [g["verdict"] for g in norwegian["guidelines"]] == [g["verdict"] for g in english["guidelines"]]
    assert norwegian["benefits"][0]["per_100"] == english["benefits"][0]["per_100"]
    # The numbers inside the texts are written the Norwegian way: the EDSS of 3.0 is "3,0".
    edss = [next(c for c in data["guidelines"][0]["criteria"] if c["key"] == "edss") for data in (english, norwegian)]
    assert "3.0" in edss[0]["value"] and "3,0" in edss[1]["value"]


def test_an_unknown_language_is_status_2_naming_the_option(loaded, tmp_path):
    with pytest.raises(CommandError, match="--language") as raised:
        call_command("assess", write(tmp_path, json.dumps(IDEAL)), "--language", "xx", stdout=io.StringIO())
    assert raised.value.returncode == 2
