"""The saved answers file: the person's answers in a small JSON file on their own device, so that nothing is kept
on the server and they can come back tomorrow.

The file is signed with django.core.signing (the site's SECRET_KEY and a salt of its own), so a file changed by
hand, or made elsewhere, is refused. Signed is not encrypted: anyone who has the file can read the answers.
Only one way of writing the file is accepted (sorted keys, two-space indent, ASCII, one final newline), so that
changing any byte of it, even a space, is noticed. The answers are kept per step as the wizard keeps them
(field name -> text, or a list of texts); they are checked again by each step's form when the file is read back.
"""
from __future__ import annotations

import datetime
import json

from django.core import signing
from django.utils.translation import gettext as _

FORMAT = "ahsct-decision-aid-answers"
VERSION = 1
SALT = "decisionaid.questionnaire.answers_file"
MAX_BYTES = 20 * 1024
KEYS = {"format", "version", "saved_on", "answers", "signature"}


class AnswersFileError(ValueError):
    """A file that cannot be read back; its message says why, in plain words, and names the field."""


def _message(text: str) -> str:
    return _("Saved answers file: %(problem)s") % {"problem": text}


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=True) + "\n"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def file_name(saved_on: datetime.date) -> str:
    return f"my-ahsct-answers-{saved_on.isoformat()}.json"


def dumps(answers: dict[str, dict], saved_on: datetime.date, *, version: int = VERSION) -> bytes:
    """The file's bytes. `answers`: step name -> {field name: text or list of texts}."""
    payload = {"format": FORMAT, "version": version, "saved_on": saved_on.isoformat(), "answers": answers}
    signature = _signer().sign(_canonical(payload)).rsplit(_signer().sep, 1)[1]
    return _canonical({**payload, "signature": signature}).encode("ascii")


def _not_ours() -> AnswersFileError:
    return AnswersFileError(_message(_(
        "this is not a saved answers file from this aid. Please choose the file you saved with “Save my answers”; "
        "its name ends in .json."
    )))


def _is_answers(value) -> bool:
    def is_text(item):
        # JSON can carry a lone surrogate ("\ud800"), which no page can show: such a file is not ours.
        return isinstance(item, str) and not any("\ud800" <= character <= "\udfff" for character in item)

    def is_text_or_texts(item):
        return is_text(item) or (isinstance(item, list) and all(is_text(text) for text in item))

    return isinstance(value, dict) and all(
        is_text(step) and isinstance(fields, dict)
        and all(is_text(name) and is_text_or_texts(item) for name, item in fields.items())
        for step, fields in value.items()
    )


def loads(data: bytes) -> tuple[dict[str, dict], datetime.date]:
    """The answers and the date they were saved on, or AnswersFileError with a message for the person."""
    if len(data) > MAX_BYTES:
        raise AnswersFileError(_message(_(
            "this file is too big to be a saved answers file (those are at most %(size)s KB). Please choose the file "
            "you saved with “Save my answers”."
        ) % {"size": MAX_BYTES // 1024}))
    try:
        text = data.decode("ascii")
        content = json.loads(text)
    except ValueError:  # not ASCII, or not JSON (UnicodeDecodeError and JSONDecodeError are ValueErrors)
        raise _not_ours() from None
    if not isinstance(content, dict) or content.get("format") != FORMAT or set(content) != KEYS:
        raise _not_ours()
    payload = {key: value for key, value in content.items() if key != "signature"}
    try:
        if text != _canonical(content) or not isinstance(content["signature"], str):
            raise signing.BadSignature("not written the way this aid writes it")
        _signer().unsign(f"{_canonical(payload)}{_signer().sep}{content['signature']}")
    except signing.BadSignature:
        raise AnswersFileError(_message(_(
            "this file has been changed since it was saved, so its answers cannot be trusted. Please choose the "
            "file just as it was saved, or answer the questions again."
        ))) from None
    if content["version"] != VERSION:
        raise AnswersFileError(_message(_(
            "this file was saved by another version of this aid, which this one cannot read. Please answer the "
            "questions again, then save them again."
        )))
    try:
        saved_on = datetime.date.fromisoformat(content["saved_on"])
    except (TypeError, ValueError):
        raise _not_ours() from None
    if not _is_answers(content["answers"]):
        raise _not_ours()
    return content["answers"], saved_on
