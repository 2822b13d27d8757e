"""The app's own settings, plus one URL for the benchmark's baseline (benchmarks/server_urls.py)."""
from decisionaid.settings import *  # noqa: F401,F403

ROOT_URLCONF = "benchmarks.server_urls"
