"""Load benchmark: the app under gunicorn on PostgreSQL, many clients at once, beside a trivial view.

Run from the project root, on demand (not a test; it prints figures):

    bash scripts/benchmark                                    # set up, then this with its defaults
    .venv/bin/python benchmarks/load_benchmark.py --users 50 --duration 60

What it does, in one run:
  1. creates a new PostgreSQL database (dropped at the end), migrates it and loads the evidence;
  2. starts gunicorn with the deployment's own settings (gunicorn.conf.py; debug off, plain HTTP on
     127.0.0.1 as with docker compose), through benchmarks/server_settings.py, which adds one trivial view;
  3. runs Locust (benchmarks/locustfile.py) twice, each time with --users clients started over --ramp seconds
     and then measured for --duration seconds, with no pause between requests: first the trivial view (the
     baseline), then first-time visitors walking from the home page through every question to the results page
     and the PDF; every response is checked;
  4. prints, per kind of request: requests per second, median and 95th-percentile latency, errors, and the
     ratios to the trivial view; journeys completed; the CPU the server and the load generator used; the
     workers' peak memory;
  5. counts the database queries of every page (Django's test client, benchmarks/queries.py), with the
     evidence as loaded and then with --growth times as many evidence rows.

Exits 1 when any request failed or a query count grew with the evidence. Locust and the server share this
machine's cores: the load generator's CPU share is printed so that the figures can be read with it in mind.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TICKS = os.sysconf("SC_CLK_TCK")
PHASES = (("trivial view", "TrivialViewUser"), ("visitors", "VisitorUser"))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--duration", type=int, default=60, help="seconds measured per phase (default 60)")
    parser.add_argument("--ramp", type=int, default=20,
                        help="seconds over which the clients start, before the measured seconds (default 20)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (default: gunicorn.conf.py's)")
    parser.add_argument("--growth", type=int, default=10, help="evidence multiple for the query counts (default 10)")
    parser.add_argument(
        "--server-url", default=os.environ.get("BENCHMARK_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="the PostgreSQL server to use, as a database URL (its database name is ignored: the benchmark creates "
             "and drops a database of its own); default $BENCHMARK_DATABASE_URL or " + DEFAULT_DATABASE_URL,
    )
    parser.add_argument("--no-query-counts", action="store_true",
                        help="leave out step 5 (tests/benchmarks/test_queries_per_page.py checks it on every run)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    for option in ("users", "duration", "ramp", "growth", "workers", "threads"):
        value = getattr(args, option)
        if value is not None and value < 1:
            parser.error(f"--{option} must be 1 or more (got {value})")
    return args


# -- the database ------------------------------------------------------------------------------------------------

def _connect_admin(server_url: str):
    """A connection to the server's maintenance database, where databases are created and dropped."""
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(server_url)
    connection = psycopg.connect(
        dbname="postgres", user=db["USER"] or None, password=db["PASSWORD"] or None,
        host=db["HOST"] or None, port=db["PORT"] or None, connect_timeout=5, autocommit=True,
    )
    return connection, db


def create_database(server_url: str) -> tuple[str, str]:
    """A new, empty database beside the one server_url names: (its name, its URL)."""
    from psycopg import sql

    name = f"decisionaid_benchmark_{os.getpid()}_{secrets.token_hex(3)}"
    connection, db = _connect_admin(server_url)
    with connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return name, f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def drop_database(server_url: str, name: str) -> None:
    from psycopg import sql

    connection, _ = _connect_admin(server_url)
    with connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def set_up_django(database_url: str) -> None:
    """Production settings (debug off) on plain HTTP, as docker compose runs them, on the new database."""
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="benchmarks.server_settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from decisionaid.evidence.loading import load_evidence

    call_command("migrate", verbosity=0, interactive=False)
    load_evidence()
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", verbosity=0, interactive=False)


# -- the server --------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(*, port: int, workdir: Path, workers: int | None, threads: int | None) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
               "--access-logfile", str(workdir / "access.log"), "--error-logfile", str(workdir / "gunicorn.log")]
    if workers:
        command += ["--workers", str(workers)]
    if threads:
        command += ["--threads", str(threads)]
    server = subprocess.Popen([*command, "decisionaid.wsgi:application"], cwd=ROOT, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start-up:\n{(workdir / 'gunicorn.log').read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/benchmark/trivial/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 seconds")


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def server_pids(master: int) -> list[int]:
    """The gunicorn master and its workers (Linux /proc)."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[1]) == master:
                pids.append(int(entry.name))
    return pids


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def peak_memory_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- the load ----------------------------------------------------------------------------------------------------

@dataclass
class Row:
    name: str
    requests: int
    errors: int
    per_second: float
    median_ms: float
    p95_ms: float


@dataclass
class Phase:
    name: str
    rows: list[Row]
    total: Row
    failures: list[str]
    client_cpu_share: float  # of one core
    server_cpu_seconds: float
    locust_warnings: list[str]


def _number(text: str) -> float:
    return float(text) if text not in ("", "N/A") else float("nan")


def _row(record: dict) -> Row:
    return Row(
        name=f"{record['Type']} {record['Name']}".strip(),
        requests=int(record["Request Count"]),
        errors=int(record["Failure Count"]),
        per_second=_number(record["Requests/s"]),
        median_ms=_number(record["50%"]),
        p95_ms=_number(record["95%"]),
    )


def run_phase(*, name: str, user_class: str, port: int, users: int, ramp: int, duration: int, workdir: Path,
              server: list[int]) -> Phase:
    """Locust with `users` clients, started over `ramp` seconds; the figures cover the `duration` seconds after."""
    prefix = workdir / user_class
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
        "--users", str(users), "--spawn-rate", str(users / ramp), "--reset-stats", "--run-time", f"{ramp + duration}s",
        "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        user_class,
    ]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    before_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with subprocess.Popen(command, cwd=ROOT, env=environment, stderr=subprocess.PIPE, text=True) as load:
        time.sleep(ramp)
        before_server = cpu_seconds(server)
        stderr = load.communicate()[1]
    server_cpu = cpu_seconds(server) - before_server
    elapsed = time.monotonic() - started
    after_client = resource.getrusage(resource.RUSAGE_CHILDREN)
    client_cpu = (after_client.ru_utime - before_client.ru_utime) + (after_client.ru_stime - before_client.ru_stime)
    stats_path = Path(f"{prefix}_stats.csv")
    if not stats_path.exists():
        raise SystemExit(f"Locust wrote no statistics (exit {load.returncode}):\n{stderr[-3000:]}")
    with stats_path.open() as f:
        records = list(csv.DictReader(f))
    rows = [_row(r) for r in records if r["Name"] != "Aggregated"]
    total = _row(next(r for r in records if r["Name"] == "Aggregated"))
    with Path(f"{prefix}_failures.csv").open() as f:
        failures = [f"{r['Occurrences']}× {r['Method']} {r['Name']}: {r['Error']}" for r in csv.DictReader(f)]
    warnings = [line for line in stderr.splitlines() if "CPU usage" in line or "Traceback" in line]
    return Phase(name, rows, total, failures, client_cpu / elapsed, server_cpu, warnings)


# -- the report --------------------------------------------------------------------------------------------------

def _ms(value: float) -> str:
    return "n/a" if value != value else f"{value:,.0f} ms"


def print_phase(phase: Phase, baseline: Row | None) -> None:
    print(f"\n{phase.name}: {phase.total.requests:,} requests, {phase.total.errors} errors")
    header = f"  {'request':<28} {'requests':>9} {'per s':>8} {'median':>10} {'p95':>10} {'errors':>7}"
    if baseline:
        header += f" {'median ÷ trivial':>17} {'p95 ÷ trivial':>14}"
    print(header)
    for row in sorted(phase.rows, key=lambda r: r.median_ms) + [phase.total]:
        line = (f"  {row.name:<28} {row.requests:>9,} {row.per_second:>8.1f} {_ms(row.median_ms):>10} "
                f"{_ms(row.p95_ms):>10} {row.errors:>7}")
        if baseline:
            line += f" {row.median_ms / baseline.median_ms:>17.1f} {row.p95_ms / baseline.p95_ms:>14.1f}"
        print(line)
    per_request = 1000 * phase.server_cpu_seconds / max(phase.total.requests, 1)
    print(f"  server CPU: {phase.server_cpu_seconds:.1f} s ({per_request:.1f} ms a request); "
          f"load generator: {100 * phase.client_cpu_share:.0f}% of one core")
    for warning in phase.locust_warnings:
        print(f"  Locust: {warning}")
    for failure in phase.failures[:10]:
        print(f"  FAILED {failure}")


def journeys_completed(phase: Phase) -> int:
    """Each journey ends with its PDF, so a PDF answered correctly is a journey completed."""
    return sum(r.requests - r.errors for r in phase.rows if r.name.endswith("PDF"))


def print_queries(before: dict[str, int], after: dict[str, int], *, growth: int, rows_before, rows_after) -> bool:
    print(f"\nDatabase queries per request (the most for any visitor), evidence as loaded and ×{growth}")
    print("  rows: " + ", ".join(f"{name} {rows_before[name]}→{rows_after[name]}" for name in rows_before))
    print(f"  {'request':<34} {'as loaded':>10} {f'×{growth}':>6}")
    constant = True
    for name in before:
        same = before[name] == after.get(name)
        constant &= same
        print(f"  {name:<34} {before[name]:>10} {after.get(name, 0):>6}{'' if same else '   GREW'}")
    return constant


def load(args, workdir: Path):
    """Both phases against one gunicorn: (phases, workers' peak memory, load average before and after)."""
    port = free_port()
    server = start_gunicorn(port=port, workdir=workdir, workers=args.workers, threads=args.threads)
    load_before = os.getloadavg()
    try:
        pids = server_pids(server.pid)
        phases = [
            run_phase(name=label, user_class=user_class, port=port, users=args.users, ramp=args.ramp,
                      duration=args.duration, workdir=workdir, server=pids)
            for label, user_class in PHASES
        ]
        memory = [peak_memory_mib(pid) for pid in pids[1:]]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return phases, memory, load_before, os.getloadavg()


def main(argv=None) -> int:
    args = parse_args(argv)
    name, database_url = create_database(args.server_url)
    try:
        set_up_django(database_url)
        from django.db import connections

        from benchmarks.evidence_growth import multiply_evidence, row_counts
        from benchmarks.queries import queries_per_page

        connections.close_all()  # the server gets the database to itself during the load
        with tempfile.TemporaryDirectory(prefix="load-benchmark-") as folder:
            phases, memory, load_before, load_after = load(args, Path(folder))

        queries_before = queries_after = {}
        if not args.no_query_counts:
            queries_before, rows_before = queries_per_page(), row_counts()
            rows_after = multiply_evidence(factor=args.growth)
            queries_after = queries_per_page()
        connections.close_all()
    finally:
        drop_database(args.server_url, name)

    trivial, visitors = phases
    print(f"Load benchmark, {time.strftime('%Y-%m-%d %H:%M')}: Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, PostgreSQL, gunicorn with {len(memory)} workers"
          f"{f' × {args.threads} threads' if args.threads else ''}, {args.users} clients for {args.duration} s "
          f"a phase, no pause between requests; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print_phase(trivial, None)
    print_phase(visitors, trivial.total)
    print(f"\n  journeys completed: {journeys_completed(visitors)} in {args.duration} s; "
          f"all requests {visitors.total.per_second / trivial.total.per_second:.3f} × the trivial view's rate")
    print(f"  gunicorn workers' peak memory: {', '.join(f'{m:.0f} MiB' for m in memory)}")
    constant = args.no_query_counts or print_queries(
        queries_before, queries_after, growth=args.growth, rows_before=rows_before, rows_after=rows_after
    )
    errors = sum(p.total.errors for p in phases)
    if args.json:
        args.json.write_text(json.dumps({
            "phases": [asdict(p) for p in phases], "worker_peak_memory_mib": memory,
            "queries": {"as_loaded": queries_before, "grown": queries_after}, "growth": args.growth,
        }, indent=2))
    if errors or not constant:
        print(f"\nFAILED: {errors} request(s) failed" + ("" if constant else "; a query count grew with the evidence"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
