from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from decisionaid.evidence.loading import DEFAULT_DIRECTORY, FixtureError, load_evidence


class Command(BaseCommand):
    help = "Load the evidence from fixtures/evidence/. Safe to run any number of times: rows are matched by key."

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=DEFAULT_DIRECTORY, help="Folder of evidence JSON files.")
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="Only add missing rows; never overwrite rows (keeps edits made in admin).",
        )

    def handle(self, *args, directory, keep_existing, **options):
        try:
            report = load_evidence(directory=directory, keep_existing=keep_existing)
        except FixtureError as error:
            raise CommandError(f"Evidence not loaded, nothing was changed. {error}") from None
        self.stdout.write(report.summary())
