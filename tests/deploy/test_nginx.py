"""The reverse proxy of the deployment (deploy/nginx.conf), run with the real nginx from Debian in front of two
small stand-in pools that say who they are and what headers reached them.

What it must do: PDFs to the PDF pool and everything else to the quick pool; X-Forwarded-* set by the proxy,
whatever the client sent; and the security headers Django sends on the answers nginx makes itself, exactly
Django's values (compared with a real Django answer here, so the two cannot drift), never twice on Django's.
"""
import http.client
import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from benchmarks.proxy import CONFIG, running_nginx
from decisionaid.summary import urls as summary_urls

# Headers that describe one answer, not the site's security policy.
PER_ANSWER = {"content-type", "content-length", "content-language", "content-encoding", "content-disposition",
              "vary", "set-cookie", "cache-control", "expires", "last-modified", "etag", "location", "date",
              "server", "connection"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stand_in_pool(name: str) -> ThreadingHTTPServer:
    """An upstream that answers with its name and the request headers it received, as JSON. A path containing
    'with-csp' answers with a Content-Security-Policy of its own, as Django does."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"pool": name, "headers": {k.lower(): v for k, v in self.headers.items()}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if "with-csp" in self.path:
                self.send_header("Content-Security-Policy", "default-src 'self'")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """nginx on a free port in front of two stand-in pools: yields a function that sends one raw request."""
    quick, pdf = stand_in_pool("quick"), stand_in_pool("pdf")
    port = free_port()
    log = tmp_path_factory.mktemp("nginx") / "nginx.log"
    with running_nginx(port=port, quick_port=quick.server_address[1], pdf_port=pdf.server_address[1], log=log):
        yield lambda *args, **kwargs: send(port, *args, **kwargs)
    quick.shutdown(), pdf.shutdown()


def send(port, path, headers=None, method="GET", body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in {"Host": "localhost:8000", **(headers or {})}.items():
        connection.putheader(name, value)
    connection.endheaders(body)
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response, content


def security_headers_of(headers) -> dict[str, str]:
    """The security headers by lower-case name; the policy's directives sorted (django-csp orders them at random)."""
    found = {name.lower(): value for name, value in headers.items() if name.lower() not in PER_ANSWER}
    if "content-security-policy" in found:
        directives = (part.strip() for part in found["content-security-policy"].split(";"))
        found["content-security-policy"] = "; ".join(sorted(directive for directive in directives if directive))
    return found


@pytest.fixture
def django_security_headers(client, db):
    """The headers Django sends with a page, less those that describe the one answer."""
    response = client.get(reverse("pages:privacy"))
    assert response.status_code == 200
    headers = security_headers_of(response.headers)
    assert "content-security-policy" in headers and "x-frame-options" in headers
    return headers


# --- routing ---------------------------------------------------------------------------------------------


def pdf_location() -> re.Pattern:
    """The regular expression of the location block that passes to the PDF pool."""
    match = re.search(r"location ~ (\S+) \{\s*proxy_pass http://pdf;", CONFIG.read_text())
    assert match, "deploy/nginx.conf has no regex location that passes to the pdf upstream"
    return re.compile(match[1])


def test_every_pdf_url_and_nothing_else_matches_the_pdf_location():
    """The PDF views of decisionaid/summary/urls.py are the URLs that the PDF location catches."""
    location = pdf_location()
    routes = {pattern.name: "/" + str(pattern.pattern) for pattern in summary_urls.urlpatterns}
    pdfs = {name for name in routes if name.endswith("_pdf")}
    assert pdfs >= {"patient_pdf", "patient_large_pdf", "clinician_pdf"}
    for name, route in routes.items():
        assert bool(location.search(route)) == (name in pdfs), route
    for other in ("/", "/questions/role/", "/evidence/", "/admin/", "/static/css/site.css"):
        assert not location.search(other)


@pytest.mark.parametrize(("path", "pool"), [
    ("/summary.pdf", "pdf"), ("/summary/large-print.pdf", "pdf"), ("/summary/clinician.pdf", "pdf"),
    ("/", "quick"), ("/results/", "quick"), ("/summary/", "quick"), ("/questions/role/", "quick"),
])
def test_pdfs_go_to_the_pdf_pool_and_pages_to_the_quick_pool(proxy, path, pool):
    response, content = proxy(path)
    assert response.status == 200
    assert json.loads(content)["pool"] == pool


def test_the_forwarded_headers_are_set_by_the_proxy_whatever_the_client_sends(proxy):
    response, content = proxy("/", headers={
        "X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example", "X-Forwarded-For": "203.0.113.9",
        "Forwarded": "for=203.0.113.9;proto=https",
    })
    received = json.loads(content)["headers"]
    assert received["x-forwarded-proto"] == "http"  # this proxy speaks plain HTTP
    assert received["x-forwarded-host"] == received["host"] == "localhost:8000"
    assert received["x-forwarded-for"] == "127.0.0.1"
    assert "forwarded" not in received


# --- the security headers -------------------------------------------------------------------------------


def long_path():
    return "/" + "a" * 5000


@pytest.mark.parametrize(("request_args", "status"), [
    ((long_path(),), 414),
    (("/", {"X-Padding": "b" * 5000}), 400),
    # Refused on its Content-Length alone, before any of the body is read.
    (("/", {"Content-Length": str(4 * 1024 * 1024)}, "POST"), 413),
], ids=["uri-too-long", "header-too-large", "body-too-large"])
def test_nginx_own_refusals_carry_exactly_djangos_security_headers(proxy, django_security_headers, request_args,
                                                                   status):
    response, _ = proxy(*request_args)
    assert response.status == status
    assert security_headers_of(response.headers) == django_security_headers


def test_a_pool_that_is_down_gets_a_502_with_djangos_security_headers(django_security_headers, tmp_path):
    port = free_port()
    with running_nginx(port=port, quick_port=free_port(), pdf_port=free_port(), log=tmp_path / "nginx.log"):
        for path in ("/", "/summary.pdf"):
            response, _ = send(port, path)
            assert response.status == 502
            assert security_headers_of(response.headers) == django_security_headers


def test_an_answer_that_has_its_own_policy_keeps_it_and_gets_no_second_one(proxy):
    response, _ = proxy("/with-csp/")
    assert response.headers.get_all("Content-Security-Policy") == ["default-src 'self'"]
