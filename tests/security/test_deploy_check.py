"""`manage.py check --deploy` with production settings: no warnings at all."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Real-looking: 50 characters, many different ones, no placeholder (Django's own check wants exactly that).
PRODUCTION_KEY = "q7Vb2Xk9Lr4Tz8Wm1Nc6Hp3Jd5Fg0SaYe2Ui7Ro4Pw9Qt1Zx3M"


def production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="decisionaid.settings", DJANGO_SECRET_KEY=PRODUCTION_KEY,
               DJANGO_ALLOWED_HOSTS="example.org")
    return env


def test_the_key_used_is_one_django_accepts():
    assert len(PRODUCTION_KEY) >= 50 and len(set(PRODUCTION_KEY)) >= 5


def test_check_deploy_with_production_settings_reports_no_issues():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
