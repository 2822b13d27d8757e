"""What the security tests visit: every public page (found from the URL configuration, so that a page added
later is covered too), every questionnaire step, and the forms on them."""
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver

from decisionaid.evidence.loading import load_evidence
from decisionaid.questionnaire.views import STEPS
from decisionaid.summary.topics import ALL_TOPICS

from ..questionnaire.test_wizard import GOOD_ANSWERS, post_step, walk

STEP_PATHS = [f"/questions/{step}/" for step, _ in STEPS]
# The parts of the results (their URL has a parameter, so public_paths does not list them).
RESULTS_PART_PATHS = [f"/results/{topic.slug}/" for topic in ALL_TOPICS]
SURE_PATH = "/results/check-your-understanding/"


def public_paths() -> list[str]:
    """Every URL without a parameter, outside admin: the pages a visitor can open."""
    paths = []

    def collect(patterns, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                collect(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith(("admin/", "^")):
                paths.append("/" + route)

    collect(get_resolver().url_patterns, "")
    return sorted(set(paths))


def answered(client) -> None:
    """The evidence loaded and the questionnaire finished, so that the results and summaries have content."""
    load_evidence()
    response = walk(client, GOOD_ANSWERS)
    assert response["Location"] == "/results/"


def every_step_open(client) -> None:
    """After answering: change the EDSS to "I don't know", so that the walking question is one of the steps too
    (with a known EDSS it is not asked, and its URL sends the person on)."""
    assert post_step(client, "edss", {"edss": "unknown"})["Location"] == "/questions/walking/"


@dataclass
class Form:
    attrs: dict[str, str]
    inputs: list[dict[str, str]] = field(default_factory=list)

    @property
    def method(self) -> str:
        return (self.attrs.get("method") or "get").lower()

    @property
    def csrf_token(self) -> str | None:
        tokens = [i.get("value") for i in self.inputs if i.get("name") == "csrfmiddlewaretoken"]
        return tokens[0] if tokens else None


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._open: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._open = Form(attrs)
            self.forms.append(self._open)
        elif tag in ("input", "button", "select", "textarea") and self._open is not None:
            self._open.inputs.append(attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def forms_of(response) -> list[Form]:
    parser = _FormParser()
    parser.feed(response.content.decode())
    return parser.forms
