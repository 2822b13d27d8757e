"""The load: Locust users, started by benchmarks/load_benchmark.py (one user class per phase).

TrivialViewUser  asks for /benchmark/trivial/ (a view that returns "ok" through the app's whole middleware
                 stack) again and again: what this server can do at best, the baseline of the ratios.
VisitorUser      is a first-time visitor, again and again: a new session, the home page and its static files,
                 every question (page, then answer), the results page and the PDF; the three visitors of
                 benchmarks/journeys.py take turns. Every response is checked: a wrong status, a redirect to
                 the wrong place or a page without what it must show counts as an error.

No waiting between requests: each user sends its next request as soon as the last one is answered, so the
figures are those of a server kept saturated by that many clients.
"""
import itertools

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

from benchmarks.journeys import VISITORS, csrf_token, journey, static_paths

JOURNEYS = [(visitor, journey(visitor)) for visitor in VISITORS]
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
TRIVIAL_PATH = "/benchmark/trivial/"


class TrivialViewUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def trivial(self):
        with self.client.get(TRIVIAL_PATH, name="trivial view", catch_response=True) as response:
            if response.status_code != 200 or response.content != b"ok":
                response.failure(f"GET {TRIVIAL_PATH}: status {response.status_code}")


_turns = itertools.count()


class VisitorUser(FastHttpUser):
    wait_time = constant(0)
    # At saturation the clients queue for the PDF pool, which can take longer than Locust's 60 s default;
    # nginx waits as long for it (deploy/nginx.conf).
    network_timeout = 300.0

    @task
    def visit(self):
        visitor, requests = JOURNEYS[next(_turns) % len(JOURNEYS)]
        self.client.cookiejar.clear()  # a new visitor: no session, no CSRF cookie
        token = ""
        for request in requests:
            body = request.body(token) if request.method == "POST" else None
            with self.client.request(
                request.method,
                request.path,
                name=request.name,
                data=body,
                headers=FORM_HEADERS if body is not None else None,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                content = response.content or b""
                problem = request.problem(
                    status=response.status_code,
                    location=response.headers.get("Location", "") if response.headers else "",
                    content_type=response.headers.get("Content-Type", "") if response.headers else "",
                    content=content,
                )
                if problem:
                    response.failure(f"{visitor.name}: {problem}")
                    return  # the rest of this journey would only repeat the error
            if request.method == "GET" and request.content_type == "text/html":
                token = csrf_token(content) or token
            if request.path == "/":
                for path in static_paths(content):
                    with self.client.get(path, name="static file", catch_response=True) as static:
                        if static.status_code != 200:
                            static.failure(f"GET {path}: status {static.status_code}")
