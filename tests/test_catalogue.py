"""The Norwegian catalogue is complete: after makemessages (on a copy, by scripts/check_translations) it has no
untranslated or fuzzy entry, and gettext's own checks pass (every placeholder of an English text is in its
Norwegian, the header is well formed)."""
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CATALOGUE = PROJECT / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def test_the_norwegian_catalogue_has_no_untranslated_or_fuzzy_entry():
    result = subprocess.run([sys.executable, str(PROJECT / "scripts" / "check_translations"), "nb"],
                            capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 untranslated, 0 fuzzy" in result.stdout


def test_the_norwegian_catalogue_passes_msgfmt_checks():
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
