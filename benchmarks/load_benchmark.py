"""Load benchmark: the app under gunicorn on PostgreSQL, many clients at once, beside a trivial view.

Run from the project root, on demand (not a test; it prints figures):

    bash scripts/benchmark                                    # set up, then this with its defaults
    .venv/bin/python benchmarks/load_benchmark.py --users 50 --duration 60

What it does, in one run:
  1. creates a new PostgreSQL database (dropped at the end), migrates it and loads the evidence;
  2. starts the deployment's shape (docker-compose.yml): two gunicorn pools with the deployment's own settings
     (gunicorn.conf.py; the PDF pool with GUNICORN_POOL=pdf) behind nginx with deploy/nginx.conf (benchmarks/
     proxy.py: nginx as an ordinary user, from a prefix folder in /tmp), debug off, plain HTTP on 127.0.0.1, through
     benchmarks/server_settings.py, which adds a trivial view; then checks the proxy (X-Forwarded-* set by nginx,
     Django's security headers on nginx's own answers). --one-pool starts the shape before it: one gunicorn, no
     proxy;
  3. runs Locust (benchmarks/locustfile.py) three times, each with clients started over --ramp seconds and then
     measured for --duration seconds, with no pause between requests: the trivial view (the baseline) with
     --users clients; first-time visitors walking from the home page through every question to the results page
     and the PDF with one client; the same visitors with --users clients; every response is checked;
  4. prints, per kind of request: requests per second, median and 95th-percentile latency, errors, and the
     ratios to the trivial view; for the question and results pages, p95 under load ÷ the one-client median
     (the target is 3 at most); journeys completed, a minute and a minute per core; per pool the requests it
     answered, its CPU and its workers' peak memory; the CPU of nginx and of the load generator;
  5. counts the database queries of every page (Django's test client, benchmarks/queries.py), with the
     evidence as loaded and then with --growth times as many evidence rows.

Exits 1 when any request failed, a proxy check failed, a request reached the wrong pool, or a query count grew
with the evidence. Locust and the server share this
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
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
TICKS = os.sysconf("SC_CLK_TCK")
QUICK_PAGES = ("GET question page", "GET results page")  # the pages whose p95 under load must stay near one client's


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--duration", type=int, default=60, help="seconds measured per phase (default 60)")
    parser.add_argument("--ramp", type=int, default=20,
                        help="seconds over which the clients start, before the measured seconds (default 20)")
    parser.add_argument("--workers", type=int, help="quick pool's gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--pdf-workers", type=int, help="PDF pool's gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (default: gunicorn.conf.py's)")
    parser.add_argument("--one-pool", action="store_true",
                        help="the shape before the PDF pool: one gunicorn (--workers), no proxy, for comparison")
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
    for option in ("users", "duration", "ramp", "growth", "workers", "pdf_workers", "threads"):
        value = getattr(args, option)
        if value is not None and value < 1:
            parser.error(f"--{option.replace('_', '-')} must be 1 or more (got {value})")
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


def start_gunicorn(*, pool: str, port: int, workdir: Path, workers: int | None,
                   threads: int | None) -> subprocess.Popen:
    """One gunicorn pool (GUNICORN_POOL, gunicorn.conf.py) on 127.0.0.1:port, its logs in workdir/POOL-*.log."""
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
               "--access-logfile", str(workdir / f"{pool}-access.log"),
               "--error-logfile", str(workdir / f"{pool}-gunicorn.log")]
    if workers:
        command += ["--workers", str(workers)]
    if threads:
        command += ["--threads", str(threads)]
    server = subprocess.Popen([*command, "decisionaid.wsgi:application"], cwd=ROOT,
                              env={**os.environ, "GUNICORN_POOL": pool})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (workdir / f"{pool}-gunicorn.log").read_text()[-3000:]
            raise SystemExit(f"gunicorn ({pool} pool) stopped at start-up:\n{log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/benchmark/trivial/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn ({pool} pool) did not answer within 60 seconds")


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
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # a worker that gunicorn has just replaced
        return float("nan")
    for line in status.splitlines():
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
    server_cpu_seconds: float  # every pool and nginx
    locust_warnings: list[str]
    users: int = 0
    cpu_seconds_by_process: dict[str, float] = field(default_factory=dict)  # per pool, and nginx
    requests_by_pool: dict[str, int] = field(default_factory=dict)  # answered in the measured seconds


@dataclass
class Pool:
    """One gunicorn pool as it runs: its master and workers, and the access log its request lines go to."""
    name: str
    server: subprocess.Popen
    access_log: Path

    @property
    def pids(self) -> list[int]:
        return server_pids(self.server.pid)


def log_lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


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
              pools: list[Pool], processes: dict[str, int]) -> Phase:
    """Locust with `users` clients, started over `ramp` seconds; the figures cover the `duration` seconds after.
    `processes`: the master processes whose CPU (with their workers') is counted, by name (each pool, and nginx)."""
    prefix = workdir / "".join(c if c.isalnum() else "-" for c in name)
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
        pids = {label: server_pids(master) for label, master in processes.items()}
        before_cpu = {label: cpu_seconds(pids[label]) for label in processes}
        before_lines = {pool.name: log_lines(pool.access_log) for pool in pools}
        stderr = load.communicate()[1]
    cpu = {label: cpu_seconds(pids[label]) - before_cpu[label] for label in processes}
    requests_by_pool = {pool.name: log_lines(pool.access_log) - before_lines[pool.name] for pool in pools}
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
    return Phase(name, rows, total, failures, client_cpu / elapsed, sum(cpu.values()), warnings, users, cpu,
                 requests_by_pool)


# -- the proxy and the pools -------------------------------------------------------------------------------------

def _sorted_policy(headers) -> dict[str, str]:
    """The security headers of an answer; the policy's directives sorted (django-csp orders them at random)."""
    names = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
             "Cross-Origin-Opener-Policy")
    found = {name: headers.get(name, "") for name in names}
    found["Content-Security-Policy"] = "; ".join(sorted(
        part.strip() for part in found["Content-Security-Policy"].split(";") if part.strip()))
    return found


def check_proxy(port: int) -> list[str]:
    """What is wrong with the proxy, or []: nginx sets X-Forwarded-* itself whatever the client sends, and its own
    refusal (a URL too long for gunicorn) carries the security headers of a Django answer."""
    import http.client

    def get(path, headers):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response, body

    problems = []
    response, body = get("/benchmark/forwarded/", {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example",
                                                   "X-Forwarded-For": "203.0.113.9"})
    received = json.loads(body) if response.status == 200 else {}
    expected = {"Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "http", "X-Forwarded-Host": f"127.0.0.1:{port}",
                "X-Forwarded-For": "127.0.0.1"}
    if received != expected:
        problems.append(f"the app received forwarded headers {received} (status {response.status}), not {expected}")
    django, _ = get("/benchmark/trivial/", {})
    refusal, _ = get("/" + "a" * 5000, {})
    if refusal.status != 414 or _sorted_policy(refusal.headers) != _sorted_policy(django.headers):
        problems.append(f"nginx's own {refusal.status} does not carry Django's security headers: "
                        f"{_sorted_policy(refusal.headers)} against {_sorted_policy(django.headers)}")
    return problems


def misrouted(pools: list[Pool]) -> list[str]:
    """Requests that reached the wrong pool, from the pools' access logs: a PDF anywhere but the PDF pool, or
    anything else in it (the start-up probes, sent to each pool directly, aside)."""
    problems = []
    for pool in pools:
        if pool.name not in ("quick", "pdf") or not pool.access_log.exists():
            continue
        for line in pool.access_log.read_text(errors="replace").splitlines():
            request = line.split('"')[1] if line.count('"') >= 2 else ""
            path = request.split(" ")[1] if request.count(" ") >= 2 else ""
            if path.startswith("/benchmark/trivial/") and pool.name == "pdf":
                continue
            if path.endswith(".pdf") != (pool.name == "pdf"):
                problems.append(f"{pool.name} pool answered {request}")
    return problems[:10]


# -- the report --------------------------------------------------------------------------------------------------

def _ms(value: float) -> str:
    return "n/a" if value != value else f"{value:,.0f} ms"


def print_phase(phase: Phase, baseline: Row | None, one_client: Phase | None = None) -> None:
    print(f"\n{phase.name}: {phase.total.requests:,} requests, {phase.total.errors} errors")
    header = f"  {'request':<28} {'requests':>9} {'per s':>8} {'median':>10} {'p95':>10} {'errors':>7}"
    if baseline:
        header += f" {'median ÷ trivial':>17} {'p95 ÷ trivial':>14}"
    if one_client:
        header += f" {'p95 ÷ one client':>17}"
    print(header)
    single = {row.name: row for row in one_client.rows} if one_client else {}
    for row in sorted(phase.rows, key=lambda r: r.median_ms) + [phase.total]:
        line = (f"  {row.name:<28} {row.requests:>9,} {row.per_second:>8.1f} {_ms(row.median_ms):>10} "
                f"{_ms(row.p95_ms):>10} {row.errors:>7}")
        if baseline:
            line += f" {row.median_ms / baseline.median_ms:>17.1f} {row.p95_ms / baseline.p95_ms:>14.1f}"
        if one_client:
            alone = single.get(row.name) or (one_client.total if row is phase.total else None)
            line += f" {row.p95_ms / alone.median_ms:>17.1f}" if alone and alone.median_ms else f" {'n/a':>17}"
        print(line)
    per_request = 1000 * phase.server_cpu_seconds / max(phase.total.requests, 1)
    print(f"  server CPU: {phase.server_cpu_seconds:.1f} s ({per_request:.1f} ms a request; "
          + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phase.cpu_seconds_by_process.items())
          + f"); load generator: {100 * phase.client_cpu_share:.0f}% of one core")
    if phase.requests_by_pool:
        print("  requests answered by pool: "
              + ", ".join(f"{name} {count:,}" for name, count in phase.requests_by_pool.items()))
    for warning in phase.locust_warnings:
        print(f"  Locust: {warning}")
    for failure in phase.failures[:10]:
        print(f"  FAILED {failure}")


def journeys_completed(phase: Phase) -> int:
    """Each journey ends with its PDF, so a PDF answered correctly is a journey completed."""
    return sum(r.requests - r.errors for r in phase.rows if r.name.endswith("PDF"))


def quick_page_ratios(loaded: Phase, one_client: Phase) -> dict[str, float]:
    """p95 under load ÷ the one-client median, for the question and results pages (target: 3 at most)."""
    alone = {row.name: row for row in one_client.rows}
    return {row.name: row.p95_ms / alone[row.name].median_ms
            for row in loaded.rows if row.name in QUICK_PAGES and alone.get(row.name) and alone[row.name].median_ms}


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


def load(args, workdir: Path) -> dict:
    """The three phases against the deployment's shape (or one pool); the figures, checks and memory."""
    from benchmarks.proxy import running_nginx

    pools: list[Pool] = []
    try:
        if args.one_pool:
            specs = [("one pool", args.workers)]
        else:
            specs = [("quick", args.workers), ("pdf", args.pdf_workers)]
        ports = {}
        for name, workers in specs:
            ports[name] = free_port()
            server = start_gunicorn(pool="pdf" if name == "pdf" else "quick", port=ports[name], workdir=workdir,
                                    workers=workers, threads=args.threads)
            pools.append(Pool(name, server, workdir / f"{'pdf' if name == 'pdf' else 'quick'}-access.log"))
        processes = {pool.name: pool.server.pid for pool in pools}
        if args.one_pool:
            return run_load(args, workdir, port=ports["one pool"], pools=pools, processes=processes, proxy_problems=[])
        port = free_port()
        with running_nginx(port=port, quick_port=ports["quick"], pdf_port=ports["pdf"],
                           log=workdir / "nginx.log") as nginx:
            processes["nginx"] = nginx.pid
            return run_load(args, workdir, port=port, pools=pools, processes=processes,
                            proxy_problems=check_proxy(port))
    finally:
        for pool in pools:
            pool.server.send_signal(signal.SIGTERM)
        for pool in pools:
            pool.server.wait(timeout=30)


def run_load(args, workdir: Path, *, port: int, pools: list[Pool], processes: dict[str, int],
             proxy_problems: list[str]) -> dict:
    load_before = os.getloadavg()
    common = dict(port=port, ramp=args.ramp, duration=args.duration, workdir=workdir, pools=pools,
                  processes=processes)
    trivial = run_phase(name="trivial view", user_class="TrivialViewUser", users=args.users, **common)
    one_client = run_phase(name="visitors, one client", user_class="VisitorUser", users=1,
                           **{**common, "ramp": min(args.ramp, 5)})
    visitors = run_phase(name=f"visitors, {args.users} clients", user_class="VisitorUser", users=args.users,
                         **common)
    return {
        "phases": [trivial, one_client, visitors],
        "memory": {pool.name: [peak_memory_mib(pid) for pid in pool.pids[1:]] for pool in pools},
        "load_average": (load_before[0], os.getloadavg()[0]),
        "proxy_problems": proxy_problems,
        "misrouted": misrouted(pools),
    }


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
            result = load(args, Path(folder))

        queries_before = queries_after = {}
        if not args.no_query_counts:
            queries_before, rows_before = queries_per_page(), row_counts()
            rows_after = multiply_evidence(factor=args.growth)
            queries_after = queries_per_page()
        connections.close_all()
    finally:
        drop_database(args.server_url, name)

    trivial, one_client, visitors = result["phases"]
    memory = result["memory"]
    shape = (f"one gunicorn pool of {len(memory['one pool'])} workers, no proxy" if args.one_pool else
             f"nginx in front of a quick pool of {len(memory['quick'])} workers and a PDF pool of "
             f"{len(memory['pdf'])} workers at a lower CPU priority")
    print(f"Load benchmark, {time.strftime('%Y-%m-%d %H:%M')}: Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, PostgreSQL, {shape}{f', {args.threads} threads a worker' if args.threads else ''}; "
          f"{args.users} clients for {args.duration} s a phase, no pause between requests; load average "
          f"{result['load_average'][0]:.1f} before, {result['load_average'][1]:.1f} after")
    print_phase(trivial, None)
    print_phase(one_client, trivial.total)
    print_phase(visitors, trivial.total, one_client)

    ratios = quick_page_ratios(visitors, one_client)
    journeys = journeys_completed(visitors)
    per_minute = journeys * 60 / args.duration
    per_core = per_minute / (os.cpu_count() or 1)
    print(f"\n  quick pages while PDFs are drawn, p95 at {args.users} clients ÷ median with one client "
          f"(target 3 at most): " + ", ".join(f"{name.removeprefix('GET ')} {ratio:.1f}" for name, ratio in ratios.items()))
    print(f"  journeys completed: {journeys} in {args.duration} s, {per_minute:.0f} a minute, "
          f"{per_core:.1f} a minute per core; all requests "
          f"{visitors.total.per_second / trivial.total.per_second:.3f} × the trivial view's rate")
    print("  gunicorn workers' peak memory: " + "; ".join(
        f"{pool} {', '.join(f'{m:.0f} MiB' for m in values)}" for pool, values in memory.items()))
    problems = result["proxy_problems"] + result["misrouted"]
    for problem in problems:
        print(f"  FAILED {problem}")
    constant = args.no_query_counts or print_queries(
        queries_before, queries_after, growth=args.growth, rows_before=rows_before, rows_after=rows_after
    )
    errors = sum(p.total.errors for p in result["phases"])
    if args.json:
        args.json.write_text(json.dumps({
            "shape": "one pool" if args.one_pool else "two pools behind nginx",
            "phases": [asdict(p) for p in result["phases"]], "worker_peak_memory_mib": memory,
            "quick_page_p95_over_one_client_median": ratios, "journeys_per_minute": per_minute,
            "journeys_per_minute_per_core": per_core, "proxy_problems": result["proxy_problems"],
            "misrouted": result["misrouted"],
            "queries": {"as_loaded": queries_before, "grown": queries_after}, "growth": args.growth,
        }, indent=2))
    if errors or problems or not constant:
        print(f"\nFAILED: {errors} request(s) failed, {len(problems)} proxy or routing problem(s)"
              + ("" if constant else "; a query count grew with the evidence"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
