"""gunicorn's settings, read by the docker image (docker/entrypoint.sh) and by the load benchmark alike, so that
the benchmark measures the server as it is deployed. Command-line options override these.

Two pools of the same app behind nginx (deploy/nginx.conf): GUNICORN_POOL=pdf for the PDF URLs, the quick pool
(the default) for everything else, so that a question page never queues behind a PDF being drawn.

Sync workers, not threads: a PDF holds a worker for about a second of CPU, and threads in one process would
share one interpreter lock with it. Measured with benchmarks/load_benchmark.py (README, "How many people at
once"): 3 workers × 4 threads completed fewer journeys than 3 sync workers, and their PDFs took about three times
as long.
"""
import os

pool = os.environ.get("GUNICORN_POOL", "quick")
if pool not in {"quick", "pdf"}:
    raise ValueError(f"GUNICORN_POOL must be 'quick' or 'pdf', not {pool!r}")

workers = int(os.environ.get("GUNICORN_WORKERS", "2" if pool == "pdf" else "3"))
# A PDF worker gives way to the quick pool on the CPU (below), so a PDF may take several times its own
# seconds on a busy machine: it gets longer before gunicorn takes the worker for stuck and restarts it.
timeout = 120 if pool == "pdf" else 30
proc_name = f"decisionaid-{pool}"
# The access log carries request lines only; no patient data travels in URLs or query strings.
accesslog = "-"

# The PDF workers give way on the CPU: when both pools want the cores, the quick pages get them first and the
# PDFs use what is left (and all of it when nobody else wants it). Raising one's own niceness needs no privilege.
PDF_NICENESS = 10


def post_fork(server, worker):
    if pool == "pdf":
        os.nice(PDF_NICENESS)
