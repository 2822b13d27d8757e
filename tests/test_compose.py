"""The container set-up: docker-compose.yml against the compose specification, and the promises it makes.

Everything here runs offline and without a Docker engine: the compose schema is the copy vendored in
check-jsonschema, and the Dockerfile and entry point are read as text.
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
COMPOSE_FILE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"
ENTRYPOINT = REPO / "docker" / "entrypoint.sh"
PROXY_DOCKERFILE = REPO / "docker" / "proxy.Dockerfile"
NGINX_CONF = REPO / "deploy" / "nginx.conf"


def validate(path: Path) -> subprocess.CompletedProcess:
    """Run check-jsonschema with its built-in (vendored, offline) compose-spec schema on one file."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def load_compose(path: Path = COMPOSE_FILE):
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def environment(service) -> dict:
    """A service's environment as a dict, whether written as a mapping or as a list of KEY=VALUE."""
    env = service.get("environment") or {}
    if isinstance(env, dict):
        return {str(key): ("" if value is None else str(value)) for key, value in env.items()}
    return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)


def final_stage(dockerfile_text: str) -> list[tuple[str, str]]:
    """The instructions (KEYWORD, arguments) of the Dockerfile's last stage, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile_text)
    instructions = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


# --- the compose file against the specification -------------------------------------------------------


def test_builtin_compose_schema_is_vendored():
    """The schema ships inside check-jsonschema, so validation never needs the network."""
    import check_jsonschema

    vendored = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor" / "compose-spec.json"
    assert vendored.is_file()


def test_compose_file_matches_the_compose_specification():
    """docker-compose.yml validates against the compose-spec schema."""
    result = validate(COMPOSE_FILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_file_has_no_obsolete_version_key():
    """The top-level `version:` key is obsolete in the compose specification."""
    assert "version" not in load_compose()


def _proxy_ports_not_a_list(data):
    data["services"]["proxy"]["ports"] = 8000


def _unknown_top_level_key(data):
    data["servics"] = {}


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [(_proxy_ports_not_a_list, "$.services.proxy.ports"), (_unknown_top_level_key, "servics")],
    ids=["ports-not-a-list", "unknown-top-level-key"],
)
def test_schema_validation_rejects_a_broken_copy(tmp_path, break_it, expected):
    """A copy of the real file with one deliberate schema error fails validation, naming that error."""
    data = load_compose()
    break_it(data)
    broken = tmp_path / "docker-compose.yml"
    with broken.open("w", encoding="utf-8") as handle:
        YAML(typ="rt").dump(data, handle)

    result = validate(broken)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # A schema failure, not a YAML parse failure, and about the thing that was broken.
    assert "Schema validation errors" in output, output
    assert expected in output, output


# --- what the compose file promises -------------------------------------------------------------------


def test_db_has_a_pg_isready_healthcheck():
    """db is checked with pg_isready, with an interval, a timeout and a number of retries."""
    healthcheck = load_compose()["services"]["db"].get("healthcheck") or {}
    test = healthcheck.get("test")
    command = " ".join(test) if isinstance(test, list) else str(test or "")
    assert "pg_isready" in command
    assert not healthcheck.get("disable", False)
    for key in ("interval", "timeout", "retries"):
        assert healthcheck.get(key), f"healthcheck has no {key}"


def test_db_keeps_its_data_in_a_declared_named_volume():
    """PostgreSQL's data directory is a named volume that the top-level `volumes:` declares."""
    compose = load_compose()
    sources = []
    for volume in compose["services"]["db"].get("volumes") or []:
        if isinstance(volume, str):
            source, _, rest = volume.partition(":")
            target = rest.split(":")[0]
        else:
            source, target = volume.get("source", ""), volume.get("target", "")
        if target == "/var/lib/postgresql/data":
            sources.append(source)
    assert len(sources) == 1, "no single volume mounted on /var/lib/postgresql/data"
    source = sources[0]
    # A named volume, not a bind mount of a host path.
    assert source and not source.startswith((".", "/", "~", "$")), source
    assert source in (compose.get("volumes") or {}), f"{source} is not declared under top-level volumes"


def test_web_waits_for_a_healthy_db():
    """web starts only once db's healthcheck passes."""
    depends_on = load_compose()["services"]["web"].get("depends_on") or {}
    assert isinstance(depends_on, dict), "the list form of depends_on cannot wait for health"
    assert (depends_on.get("db") or {}).get("condition") == "service_healthy"


def test_web_database_url_points_at_the_db_service():
    """DATABASE_URL names PostgreSQL on the db service, with db's database, user and password."""
    compose = load_compose()
    db_env = environment(compose["services"]["db"])
    url = urlsplit(environment(compose["services"]["web"])["DATABASE_URL"])
    assert url.scheme in {"postgres", "postgresql"}
    assert url.hostname == "db" and "db" in compose["services"]
    assert url.port in (None, 5432)
    assert url.path == "/" + db_env["POSTGRES_DB"]
    assert url.username == db_env["POSTGRES_USER"]
    # The same expression (variable and default) as the password the db service is given.
    assert url.password == db_env["POSTGRES_PASSWORD"]


def test_web_secret_key_comes_from_the_environment():
    """The compose file holds no secret key of its own: it must come from the environment, or fail."""
    key = environment(load_compose()["services"]["web"])["DJANGO_SECRET_KEY"]
    assert re.fullmatch(r"\$\{DJANGO_SECRET_KEY:?\?[^}]*\}", key), key


def test_plain_http_is_published_on_localhost_only():
    """With DJANGO_HTTPS=0 (no HTTPS redirect, cookies not secure-only) the proxy's port is bound to 127.0.0.1,
    and the pools publish no port at all: every request passes the proxy, which sets the X-Forwarded-* headers."""
    services = load_compose()["services"]
    for pool in ("web", "pdf"):
        assert environment(services[pool]).get("DJANGO_HTTPS") == "0"
        assert not services[pool].get("ports"), f"{pool} publishes a port around the proxy"
    ports = services["proxy"].get("ports") or []
    assert ports, "the proxy publishes no port"
    for port in ports:
        if isinstance(port, dict):
            host_ip = port.get("host_ip")
        else:
            parts = str(port).rsplit(":", 2)  # HOST_IP:HOST_PORT:CONTAINER_PORT, or fewer parts (every interface)
            host_ip = parts[0] if len(parts) == 3 else None
        assert host_ip == "127.0.0.1", f"{port} is not bound to 127.0.0.1"


# --- the two pools and the proxy (deploy/nginx.conf) ---------------------------------------------------


def test_the_two_pools_are_one_app_with_one_environment():
    """web (quick pages) and pdf are the same image and environment; only the pool and its workers differ."""
    services = load_compose()["services"]
    web, pdf = environment(services["web"]), environment(services["pdf"])
    assert (web.pop("GUNICORN_POOL"), pdf.pop("GUNICORN_POOL")) == ("quick", "pdf")
    web.pop("GUNICORN_WORKERS"), pdf.pop("GUNICORN_WORKERS")
    assert web == pdf
    assert services["web"]["build"] == services["pdf"]["build"]


def test_the_pdf_pool_serves_once_web_has_migrated_and_does_not_migrate_itself():
    """Two containers migrating at once would race; pdf waits for a healthy web and only runs gunicorn."""
    pdf = load_compose()["services"]["pdf"]
    assert (pdf["depends_on"].get("web") or {}).get("condition") == "service_healthy"
    command = list(pdf["command"])
    assert command[:2] == ["gunicorn", "decisionaid.wsgi:application"]
    assert "--config" in command and command[command.index("--config") + 1] == "gunicorn.conf.py"
    assert "--bind" in command and command[command.index("--bind") + 1] == "0.0.0.0:8000"


def test_the_proxy_runs_the_repository_nginx_conf_and_points_at_both_pools():
    """The proxy image copies deploy/nginx.conf and runs it as a user that is not root; that file's upstreams
    are the two pool services, and its port is the one compose publishes."""
    compose = load_compose()
    proxy = compose["services"]["proxy"]
    assert (REPO / proxy["build"]["context"] / proxy["build"]["dockerfile"]).resolve() == PROXY_DOCKERFILE
    for pool in ("web", "pdf"):
        assert (proxy["depends_on"].get(pool) or {}).get("condition") == "service_healthy"
    instructions = final_stage(PROXY_DOCKERFILE.read_text())
    assert ("COPY", "deploy/nginx.conf /etc/nginx/decisionaid.conf") in instructions
    users = [arguments for keyword, arguments in instructions if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    start = [arguments for keyword, arguments in instructions if keyword == "CMD"][-1]
    assert '"-c", "/etc/nginx/decisionaid.conf"' in start and '"daemon off;"' in start

    conf = NGINX_CONF.read_text()
    assert re.search(r"upstream quick \{\s*server web:8000;", conf)
    assert re.search(r"upstream pdf \{\s*server pdf:8000;", conf)
    listen = re.search(r"^\s*listen (\d+);", conf, flags=re.MULTILINE)
    assert listen and int(listen[1]) > 1024, "an ordinary user cannot listen below 1024"
    assert [str(port).rsplit(":", 1)[1] for port in proxy["ports"]] == [listen[1]]


def test_web_builds_from_the_repository_dockerfile():
    """web is built from this repository, with its Dockerfile."""
    build = load_compose()["services"]["web"].get("build")
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    else:
        context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
    context_dir = (COMPOSE_FILE.parent / context).resolve()
    assert context_dir == REPO
    assert (context_dir / dockerfile).resolve() == DOCKERFILE
    assert DOCKERFILE.is_file()


# --- the Dockerfile and the entry point --------------------------------------------------------------


def test_dockerfile_starts_the_entrypoint_script():
    """The image's last CMD or ENTRYPOINT is docker/entrypoint.sh, which ends by exec-ing gunicorn."""
    starts = [arguments for keyword, arguments in final_stage(DOCKERFILE.read_text()) if keyword in {"CMD", "ENTRYPOINT"}]
    assert starts, "the final stage has no CMD or ENTRYPOINT"
    assert "docker/entrypoint.sh" in starts[-1]
    assert ENTRYPOINT.is_file()
    assert re.search(
        r"^exec gunicorn decisionaid\.wsgi:application\b.*--bind 0\.0\.0\.0:8000",
        re.sub(r"\\\n\s*", " ", ENTRYPOINT.read_text()),
        flags=re.MULTILINE,
    ), "the entry point does not exec gunicorn on port 8000"
    # The settings the load benchmark measures (benchmarks/load_benchmark.py starts gunicorn with the same file).
    assert "--config gunicorn.conf.py" in ENTRYPOINT.read_text()


def test_entrypoint_migrates_and_loads_evidence_before_serving():
    """migrate, then load_evidence --keep-existing, then gunicorn; any failure stops the start-up."""
    commands = [
        shlex.split(line)
        for line in re.sub(r"\\\n\s*", " ", ENTRYPOINT.read_text()).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert ["set", "-eu"] in commands or ["set", "-e"] in commands, "a failed migration must stop the start"

    def position(prefix):
        matches = [i for i, command in enumerate(commands) if command[: len(prefix)] == prefix]
        assert matches, f"the entry point never runs {' '.join(prefix)}"
        return matches[0]

    migrate = position(["python", "manage.py", "migrate", "--noinput"])
    load = position(["python", "manage.py", "load_evidence", "--keep-existing"])
    serve = position(["exec", "gunicorn"])
    assert migrate < load < serve


def test_entrypoint_is_executable():
    """The script has its execute bit (the Dockerfile also sets it, for checkouts that lose it)."""
    assert ENTRYPOINT.stat().st_mode & 0o111
    assert ENTRYPOINT.read_text().startswith("#!/bin/sh\n")


def test_dockerfile_does_not_run_as_root():
    """The final stage switches to a user that is not root, and does not switch back."""
    users = [arguments for keyword, arguments in final_stage(DOCKERFILE.read_text()) if keyword == "USER"]
    assert users, "the final stage has no USER line, so it runs as root"
    user = users[-1].split(":")[0].strip()
    assert user not in {"root", "0", ""}, users[-1]


def test_dockerfile_bakes_no_secret_key_into_the_image():
    """The build-time key lives only in the collectstatic RUN line, never in ENV or ARG."""
    for keyword, arguments in final_stage(DOCKERFILE.read_text()):
        if keyword in {"ENV", "ARG"}:
            assert "DJANGO_SECRET_KEY" not in arguments


def test_dockerfile_compiles_the_message_catalogues():
    """The .mo files are not committed, so the image must build them (with Debian's gettext), or /nb/ is English."""
    stage = final_stage(DOCKERFILE.read_text())
    installs = " ".join(arguments for keyword, arguments in stage if keyword == "RUN" and "apt-get install" in arguments)
    assert re.search(r"\bgettext\b", installs), installs
    assert any(keyword == "RUN" and "manage.py compilemessages" in arguments for keyword, arguments in stage)
