# Sourced by scripts/test and scripts/benchmark: ensure_postgres URL makes sure the PostgreSQL server that URL
# names answers, starting the local cluster(s) if it does not; fails with a message when it still does not.

postgres_up() {
  .venv/bin/python - "$1" <<'PY' >/dev/null 2>&1
import sys, dj_database_url, psycopg
db = dj_database_url.parse(sys.argv[1])
psycopg.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"] or None,
                host=db["HOST"] or None, port=db["PORT"] or None, connect_timeout=5).close()
PY
}

ensure_postgres() {
  local url=$1
  if ! postgres_up "$url" && command -v pg_lsclusters >/dev/null 2>&1; then
    echo "PostgreSQL is not answering; starting the local cluster(s)."
    pg_lsclusters --no-header | while read -r version cluster _; do
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    done
    for _ in $(seq 1 30); do postgres_up "$url" && break; sleep 1; done
  fi
  if ! postgres_up "$url"; then
    echo "PostgreSQL is not reachable at $url; set TEST_DATABASE_URL (or BENCHMARK_DATABASE_URL) to a server to use." >&2
    return 1
  fi
}
