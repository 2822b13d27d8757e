"""`manage.py assess [FILE]`: one profile as JSON in (FILE, or standard input for `-` or no FILE), the
assessment as JSON out. Bad input exits with status 2 and a message naming the field."""
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.profile import ProfileError, profile_from_data
from decisionaid.assessment.serialize import assessment_to_dict


def _bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Read one profile as JSON (from FILE, or standard input) and print the assessment as JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default="-", help="Profile JSON file; '-' or nothing for standard input."
        )

    def handle(self, *args, file, **options):
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
            profile = profile_from_data(data)
            assessment = assess(profile=profile, evidence=load_published_evidence())
        except ProfileError as error:
            raise _bad_input(f"Invalid profile: field '{error.field}' {error.message}") from None
        self.stdout.write(json.dumps(assessment_to_dict(assessment), indent=2, ensure_ascii=False))
