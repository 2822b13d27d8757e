"""`manage.py assess [FILE]`: one profile as JSON in (FILE, or standard input for `-` or no FILE), the
assessment as JSON out. Bad input exits with status 2 and a message naming the field.

The evidence is the current release's, as patients see it; `--release V` reproduces an earlier release exactly
(its frozen snapshot), and `--draft` uses the rows as they are now, as the next release would freeze them.
`--language nb` gives the texts (and the numbers inside them) in that language; the JSON keys and the coded values
stay English whatever the language."""
import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from decisionaid.assessment.assess import assess
from decisionaid.assessment.profile import ProfileError, profile_from_data
from decisionaid.assessment.serialize import assessment_to_dict
from decisionaid.evidence.releases import draft_evidence, released_evidence


def _bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = (
        "Read one profile as JSON (from FILE, or standard input) and print the assessment as JSON. The profile keys "
        "are those of DESIGN.md's assessment interface, plus the optional \"treatment_abroad\": \"yes\", \"no\", "
        "\"unsure\" or null (not answered; the default). A yes or unsure adds the questions about a private clinic "
        "or treatment abroad."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default="-", help="Profile JSON file; '-' or nothing for standard input."
        )
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--release", metavar="VERSION", help="Use the evidence of this release, e.g. 2026.1.")
        which.add_argument("--draft", action="store_true", help="Use the evidence as it is now, drafts included.")
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, metavar="CODE",
            help=f"The language of the texts: {', '.join(dict(settings.LANGUAGES))} (default {settings.LANGUAGE_CODE}); "
            "the keys stay English.",
        )

    def handle(self, *args, file, release=None, draft=False, language=None, **options):
        try:
            if file == "-":
                text = sys.stdin.read()
            else:
                with open(file, encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, ValueError) as error:  # ValueError: not UTF-8, or a NUL in the file name
            raise _bad_input(f"Cannot read the profile file {file}: {error}") from None
        try:
            data = json.loads(text)
        except ValueError as error:  # JSONDecodeError, and integers longer than Python converts (4300 digits)
            raise _bad_input(f"The profile is not valid JSON: {error}") from None
        except RecursionError:
            raise _bad_input("The profile is not valid JSON: it is nested too deeply") from None
        try:
            profile = profile_from_data(data)  # before the evidence is read: bad input needs no database
        except ProfileError as error:
            raise _bad_input(f"Invalid profile: field '{error.field}' {error.message}") from None
        try:
            evidence = draft_evidence() if draft else released_evidence(version=release)
        except LookupError as error:
            raise _bad_input(f"Invalid --release: {error.args[0]}") from None
        if language not in dict(settings.LANGUAGES):  # checked here, so that it is status 2 like all bad input
            raise _bad_input(f"Invalid --language: {language!r} (one of {', '.join(dict(settings.LANGUAGES))})")
        with translation.override(language or settings.LANGUAGE_CODE):
            try:
                assessment = assess(profile=profile, evidence=evidence)
            except ProfileError as error:
                raise _bad_input(f"Invalid profile: field '{error.field}' {error.message}") from None
            self.stdout.write(json.dumps(assessment_to_dict(assessment), indent=2, ensure_ascii=False))
