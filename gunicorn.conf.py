"""gunicorn's settings, read by the docker image (docker/entrypoint.sh) and by the load benchmark alike, so that
the benchmark measures the server as it is deployed. Command-line options override these.

Sync workers, not threads: a PDF holds a worker for about a second of CPU, and threads in one process would
share one interpreter lock with it. Measured with benchmarks/load_benchmark.py (README, "How many people at
once"): 3 workers × 4 threads completed fewer journeys than 3 sync workers, and their PDFs took about three times
as long.
"""
import os

workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
# The access log carries request lines only; no patient data travels in URLs or query strings.
accesslog = "-"
