"""The saved answers file on its own: it reads back what was written, and refuses every other file with a message
that names the field."""
import datetime
import json

import pytest

from decisionaid.questionnaire import answers_file
from decisionaid.questionnaire.answers_file import AnswersFileError, dumps, loads

SAVED_ON = datetime.date(2026, 12, 3)
ANSWERS = {
    "role": {"role": "patient"},
    "about": {"age": "34", "sex": "female", "pregnancy_wish": "yes"},
    "treatments": {"dmts": ["natalizumab", "interferon-beta"], "high_efficacy_contraindicated": "no"},
}


def refusal(data: bytes) -> str:
    with pytest.raises(AnswersFileError) as refused:
        loads(data)
    message = str(refused.value)
    assert message.startswith("Saved answers file: "), message
    return message


def test_round_trip():
    data = dumps(ANSWERS, SAVED_ON)
    assert loads(data) == (ANSWERS, SAVED_ON)


def test_the_file_is_small_readable_json_with_its_format_version_and_date():
    data = dumps(ANSWERS, SAVED_ON)
    content = json.loads(data)
    assert content["format"] == "ahsct-decision-aid-answers" and content["version"] == answers_file.VERSION == 1
    assert content["saved_on"] == "2026-12-03" and content["answers"] == ANSWERS
    assert content["signature"]
    assert len(data) < 1000
    assert answers_file.file_name(SAVED_ON) == "my-ahsct-answers-2026-12-03.json"


def test_changing_any_byte_is_refused():
    data = dumps(ANSWERS, SAVED_ON)
    for position in range(len(data)):
        for flip in (0x01, 0x20):
            changed = bytearray(data)
            changed[position] ^= flip
            refusal(bytes(changed))
    refusal(data + b" ")
    refusal(data[:-1])


def test_a_changed_answer_with_the_old_signature_is_refused():
    content = json.loads(dumps(ANSWERS, SAVED_ON))
    content["answers"]["about"]["age"] = "35"
    data = (json.dumps(content, sort_keys=True, indent=2) + "\n").encode()
    assert "changed since it was saved" in refusal(data)


def test_a_file_signed_with_another_key_or_salt_is_refused(settings):
    settings.SECRET_KEY = "another-site-key-0123456789abcdefghijklmnop"
    elsewhere = dumps(ANSWERS, SAVED_ON)
    settings.SECRET_KEY = "test-run-key-6f1c0e9a7b3d4c2e8f5a1b0c9d8e7f6a"
    assert "changed since it was saved" in refusal(elsewhere)


def test_another_format_version_is_refused():
    for version in (0, 2):
        assert "another version of this aid" in refusal(dumps(ANSWERS, SAVED_ON, version=version))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    assert answers_file.MAX_BYTES == 20 * 1024
    assert "too big" in refusal(b"{" + b" " * answers_file.MAX_BYTES + b"}")


@pytest.mark.parametrize("data", [
    b"", b"not json at all", b"\xff\xfe{}", "{\"format\": \"ahsct-decision-aid-answers\"}".encode(),
    b"[1, 2, 3]", b'"a string"', b'{"answers": {}}', "{\"é\": 1}".encode("utf-8"),
])
def test_anything_else_is_not_a_saved_answers_file(data):
    assert "not a saved answers file" in refusal(data)


def test_answers_of_the_wrong_shape_are_refused_even_when_signed():
    assert "not a saved answers file" in refusal(dumps({"about": {"age": 34}}, SAVED_ON))
    assert "not a saved answers file" in refusal(dumps({"about": ["34"]}, SAVED_ON))
