"""End-to-end tests in a real browser (Debian's Chromium driven by Playwright) against a live server.

The live server speaks plain HTTP, so for it only the HTTPS redirect, HSTS and Secure-only cookies are turned
off (override_settings, entered *before* the server builds its middleware: SecurityMiddleware reads
SECURE_SSL_REDIRECT when it is created). Static files are served as in production: WhiteNoise serves the
collected, hashed files from STATIC_ROOT (scripts/setup runs collectstatic first).

Each test is a transactional one (pytest.mark.django_db(transaction=True), as Django's LiveServerTestCase):
the evidence is loaded and committed before it, so the server thread sees it (on SQLite the in-memory test
database is shared with the server thread; on PostgreSQL the thread has its own connection), and the database
is emptied after it, so other tests in the same worker start empty.

Playwright never downloads a browser here: it launches /usr/bin/chromium (scripts/setup --dev installs it).
"""
from __future__ import annotations

import datetime
import json
import os
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test.testcases import LiveServerThread
from django.test.utils import override_settings

CHROMIUM = os.environ.get("BROWSER_TESTS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
RUN_ID_VARIABLE = "BROWSER_TESTS_RUN_ID"


def _new_run_id() -> str:
    return f"{datetime.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"


def pytest_configure(config):
    # On the controller (or a run without xdist): one id for the run, inherited by xdist's workers.
    if not hasattr(config, "workerinput"):
        os.environ.setdefault(RUN_ID_VARIABLE, _new_run_id())


def pytest_terminal_summary(terminalreporter, config):
    folder = ARTIFACTS / os.environ.get(RUN_ID_VARIABLE, "")
    if os.environ.get(RUN_ID_VARIABLE) and folder.is_dir():
        terminalreporter.write_line(f"Browser screenshots: {folder}")


@pytest.fixture(scope="session")
def screenshot_dir(request) -> Path:
    run_id = os.environ.get(RUN_ID_VARIABLE)
    if not run_id:
        # A worker whose controller did not load this conftest (the whole suite under xdist): xdist's run id.
        workerinput = getattr(request.config, "workerinput", {})
        run_id = f"{datetime.date.today():%Y%m%d}-{workerinput['testrunuid'][:12]}" if workerinput else _new_run_id()
    folder = ARTIFACTS / run_id
    folder.mkdir(parents=True, exist_ok=True)
    ARTIFACTS.joinpath("LATEST").write_text(f"{folder}\n")
    print(f"Browser screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def live_url(django_db_setup):
    """The base URL of a plain-HTTP live server over the test database (django_db_setup first, so that the
    server's connections are to the test database)."""
    if not Path(settings.STATIC_ROOT, "staticfiles.json").is_file():
        pytest.fail("No collected static files: run scripts/setup (it runs collectstatic) before the browser tests.")
    with override_settings(SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False,
                           SECURE_HSTS_SECONDS=0):
        shared = {}
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                shared[connection.alias] = connection
                connection.inc_thread_sharing()
        # No static handler of Django's own: WhiteNoise (in the middleware) serves the collected files.
        server = LiveServerThread("localhost", static_handler=lambda app: app, connections_override=shared)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        try:
            if server.error:
                raise server.error
            yield f"http://localhost:{server.port}"
        finally:
            server.terminate()
            for connection in shared.values():
                connection.dec_thread_sharing()


@pytest.fixture(autouse=True)
def evidence(transactional_db, live_url):
    """The evidence, committed so that the server thread sees it; transactional_db empties the database after
    each test, as Django's LiveServerTestCase does, so nothing is left for the next test in this worker."""
    from decisionaid.evidence.loading import load_evidence

    load_evidence()


@pytest.fixture(scope="module")
def browser(live_url):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup --dev (it installs Debian's chromium).")
    # Playwright's sync API keeps an event loop registered as running in this thread between its (blocking)
    # calls, so Django would refuse the tests' own database work (loading and emptying the test database) as
    # if it came from async code. It does not: allow it while the browser is open, and only then.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(browser, live_url, **context_options):
    # bypass_csp: only this test browser, so that axe-core can be added to the page; the site's CSP is unchanged.
    context = browser.new_context(base_url=live_url, bypass_csp=True, accept_downloads=True, **context_options)
    # Generous: a busy CI machine (xdist workers, WeasyPrint) can take many seconds for the PDF or the About page.
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    return page


@pytest.fixture
def page(browser, live_url):
    page = _new_page(browser, live_url, viewport={"width": 1280, "height": 900})
    yield page
    page.context.close()


@pytest.fixture
def make_page(browser, live_url):
    """Pages with other viewports (a phone, 200% zoom)."""
    pages = []

    def make(**context_options):
        pages.append(_new_page(browser, live_url, **context_options))
        return pages[-1]

    yield make
    for made in pages:
        made.context.close()


@pytest.fixture
def shoot(screenshot_dir, request):
    """shoot(page, name): a full-page screenshot into this run's folder."""

    def shoot(page, name: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}--{name}").strip("-")
        path = screenshot_dir / f"{safe}.png"
        page.screenshot(path=str(path), full_page=True, timeout=30_000)
        return path

    return shoot


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),"
        " summary: n.failureSummary}))}))",
        AXE_TAGS,
    )


def format_violations(where: str, violations: list[dict]) -> str:
    lines = [f"{where}: {len(violations)} accessibility violation(s)"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:10]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def dump(value) -> str:
    return json.dumps(value, indent=2)
