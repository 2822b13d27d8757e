"""`assess` on random and hostile input, through `profile_from_data` + `assess()` and through the command:
either an assessment, or a ProfileError / CommandError (exit status 2) that names the field; never any other
exception."""
import io
import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from decisionaid.assessment.assess import Assessment, assess
from decisionaid.assessment.profile import KNOWN_KEYS, ProfileError, profile_from_data
from decisionaid.assessment.serialize import assessment_to_dict
from decisionaid.evidence.loading import load_evidence

from ..assessment.conftest import published_evidence  # noqa: F401 (a fixture)
from .conftest import robust
from .strategies import NUMBERISH, json_values, profile_like


def outcome(data, evidence) -> str:
    """"assessment" or "refused"; anything else raised fails the test."""
    try:
        assessment = assess(profile=profile_from_data(data), evidence=evidence)
    except ProfileError as error:
        named = KNOWN_KEYS | {"profile"} | (set(data) if isinstance(data, dict) else set())
        assert error.field in named, (error.field, data)
        assert error.field in str(error) and error.message
        return "refused"
    assert isinstance(assessment, Assessment)
    # What the command prints: JSON that encodes as UTF-8.
    json.dumps(assessment_to_dict(assessment), ensure_ascii=False).encode("utf-8")
    return "assessment"


def test_any_json_value_is_assessed_or_refused_by_name(published_evidence):
    seen = Counter()

    @robust(max_examples=300)
    @given(data=json_values)
    def any_json(data):
        seen[outcome(data, published_evidence)] += 1

    any_json()
    print(f"\nrandom JSON: {dict(seen)}")
    assert sum(seen.values()) >= 300


def test_profile_shaped_input_with_hostile_fields_is_assessed_or_refused_by_name(published_evidence):
    seen = Counter()

    @robust(max_examples=500)
    @given(data=profile_like())
    def profile_shaped(data):
        seen[outcome(data, published_evidence)] += 1

    profile_shaped()
    print(f"\nprofile-shaped: {dict(seen)}")
    assert sum(seen.values()) >= 500
    assert seen["assessment"] and seen["refused"], "both kinds of input were tried"


def as_json(value) -> str:
    return json.dumps(value, allow_nan=True)


command_input = st.one_of(
    profile_like().map(as_json),
    json_values.map(as_json),
    st.text(max_size=200),
    st.sampled_from(NUMBERISH),
    st.integers(1, 20_000).map(lambda depth: "[" * depth + "]" * depth),
    st.integers(1, 20_000).map(lambda depth: '{"a":' * depth + "1" + "}" * depth),
    st.integers(4_000, 10_000).map(lambda digits: '{"age": ' + "1" * digits + "}"),
    st.sampled_from(['{"age": NaN}', '{"age": Infinity}', '{"age": -Infinity}', '{"edss": 1e999}',
                     '{"values": {"x": "\\ud800"}}', "\ufeff{}", "null", "[]", '""', "{}"]),
)


def test_the_command_on_hostile_text_prints_an_assessment_or_exits_2_naming_the_field(db, tmp_path):
    load_evidence()
    seen = Counter()
    path = tmp_path / "profile.json"

    @robust(max_examples=200)
    @given(text=command_input)
    def command(text):
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = io.StringIO()
        try:
            call_command("assess", str(path), stdout=out)
        except CommandError as error:
            assert error.returncode == 2, (text[:200], error)
            message = str(error)
            assert message.startswith(("Invalid profile: field '", "The profile is not valid JSON", "Cannot read")), message
            seen["exit 2"] += 1
        else:
            data = json.loads(out.getvalue())
            assert data["guidelines"] and data["evidence_version"]
            out.getvalue().encode("utf-8")
            seen["assessment"] += 1

    command()
    print(f"\ncommand: {dict(seen)}")
    assert sum(seen.values()) >= 200


@pytest.mark.parametrize("name", ["missing.json", "a\x00b.json", "."])
def test_an_impossible_file_name_is_exit_status_2(db, tmp_path, name):
    with pytest.raises(CommandError) as error:
        call_command("assess", str(tmp_path / name) if name != "." else str(tmp_path))
    assert error.value.returncode == 2 and "Cannot read the profile file" in str(error.value)
