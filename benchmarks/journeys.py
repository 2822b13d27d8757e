"""What one visitor does, request by request: home page, every question, the results and the PDF.

Plain data and no Django import, so that the load generator (Locust, benchmarks/locustfile.py) and the
query counter (benchmarks/queries.py, run with Django's test client) walk exactly the same requests.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

WIZARD_PREFIX = "questionnaire_wizard"
CSRF_FIELD = "csrfmiddlewaretoken"
_CSRF_VALUE = re.compile(rf'name="{CSRF_FIELD}" value="([^"]+)"')
_STATIC_URL = re.compile(r'(?:href|src)="(/static/[^"]+)"')

# The order of the questionnaire's steps (decisionaid/questionnaire/views.py STEPS; a test keeps them the same);
# the walking range is asked only when the EDSS is not known.
STEP_ORDER = ("role", "about", "disease", "edss", "walking", "activity", "treatments", "values")

# A typical patient's answers, step by step, as a person gives them (field names without the step prefix): 34,
# female, may want a child, RRMS for 6 years, EDSS 3.5, 2 relapses and MRI activity despite natalizumab. The tests
# use them too (tests/questionnaire/test_wizard.py GOOD_ANSWERS).
PATIENT_ANSWERS = {
    "role": {"role": "patient"},
    "about": {"age": "34", "sex": "female", "pregnancy_wish": "yes"},
    "disease": {"subtype": "rrms", "duration_years": "6"},
    "edss": {"edss": "3.5"},
    "activity": {"relapses": "2", "mri_activity": "yes", "disability_worsened": "no"},
    "treatments": {"dmts": ["natalizumab", "interferon-beta"], "high_efficacy_contraindicated": "no"},
    "values": {"stop_activity": "very", "avoid_risks": "somewhat", "fertility": "very", "time_away": "not",
               "no_ongoing_treatment": "unsure"},
}


def _answers(**changes) -> tuple[tuple[str, dict], ...]:
    """The patient's answers with some steps answered differently (or added), in questionnaire order."""
    answers = {**PATIENT_ANSWERS, **changes}
    return tuple((step, answers[step]) for step in STEP_ORDER if step in answers)


@dataclass(frozen=True)
class Visitor:
    name: str
    steps: tuple[tuple[str, dict], ...]
    pdf_path: str
    pdf_name: str


VISITORS = (
    Visitor("patient", _answers(), "/summary.pdf", "patient PDF"),
    Visitor(
        "patient, EDSS not known",
        _answers(edss={"edss": "unknown"}, walking={"walking_range": "200m"}),
        "/summary.pdf",
        "patient PDF",
    ),
    Visitor(
        "clinician, progressive MS",
        _answers(
            role={"role": "clinician"},
            about={"age": "48", "sex": "male", "pregnancy_wish": "no"},
            disease={"subtype": "ppms", "duration_years": "9"},
            edss={"edss": "6.5"},
            activity={"relapses": "0", "mri_activity": "no", "disability_worsened": "yes"},
            treatments={"dmts": ["ocrelizumab"], "high_efficacy_contraindicated": "no"},
        ),
        "/summary/clinician.pdf",
        "clinician PDF",
    ),
)


@dataclass(frozen=True)
class Request:
    """One request of a journey, with what a correct answer looks like."""

    name: str  # the row of the report it counts in
    method: str
    path: str
    form: dict = field(default_factory=dict)
    status: int = 200
    location: str = ""  # for a redirect: where it must point
    must_contain: bytes = b""
    content_type: str = "text/html"

    def body(self, csrf_token: str = "") -> str:
        """The form, URL-encoded (lists as repeated fields), with the CSRF token when one is given."""
        form = {**self.form, CSRF_FIELD: csrf_token} if csrf_token else self.form
        return urlencode(form, doseq=True)

    def problem(self, *, status: int, location: str, content_type: str, content: bytes) -> str:
        """What is wrong with a response, or "" when it is the expected one."""
        if status != self.status:
            return f"{self.method} {self.path}: status {status}, expected {self.status}"
        if self.location and location != self.location:
            return f"{self.method} {self.path}: redirected to {location!r}, expected {self.location!r}"
        if self.status == 200 and not content_type.startswith(self.content_type):
            return f"{self.method} {self.path}: content type {content_type!r}, expected {self.content_type}"
        if self.must_contain and self.must_contain not in content:
            return f"{self.method} {self.path}: the response lacks {self.must_contain!r}"
        return ""


def journey(visitor: Visitor) -> list[Request]:
    """Every request from the home page to the PDF, in order; each POST answers the page fetched before it."""
    step_names = [step for step, _ in visitor.steps]
    requests = [
        Request("home page", "GET", "/", must_contain=b"Start the questions"),
        Request("start the questions", "GET", "/questions/", status=302, location=f"/questions/{step_names[0]}/"),
    ]
    for index, (step, answers) in enumerate(visitor.steps):
        following = f"/questions/{step_names[index + 1]}/" if index + 1 < len(step_names) else "/questions/done/"
        form = {f"{WIZARD_PREFIX}-current_step": step, **{f"{step}-{name}": value for name, value in answers.items()}}
        requests += [
            Request("question page", "GET", f"/questions/{step}/", must_contain=CSRF_FIELD.encode()),
            Request("answer", "POST", f"/questions/{step}/", form=form, status=302, location=following),
        ]
    requests += [
        # The wizard checks every answer again, saves the profile in the session cookie, then sends to the results.
        Request("finish", "GET", "/questions/done/", status=302, location="/results/"),
        Request("results page", "GET", "/results/", must_contain=b"icon-array"),
        Request(visitor.pdf_name, "GET", visitor.pdf_path, content_type="application/pdf", must_contain=b"%PDF-"),
    ]
    return requests


def csrf_token(html: bytes) -> str:
    match = _CSRF_VALUE.search(html.decode("utf-8", "replace"))
    return match.group(1) if match else ""


def static_paths(html: bytes) -> list[str]:
    """The stylesheets and scripts a page links to, which a first-time visitor's browser fetches once."""
    return list(dict.fromkeys(_STATIC_URL.findall(html.decode("utf-8", "replace"))))


# One wrong answer per step: each re-renders its page with the error summary and the message tied to its question
# (the step-page tests send them, and benchmarks/page_benchmark.py times those pages).
WRONG_ANSWERS = {
    "role": {},
    "about": {"age": "abc"},
    "disease": {"duration_years": "5", "duration_unknown": "on"},
    "edss": {"edss": "3.2"},
    "walking": {"walking_range": "far"},
    "activity": {"relapses": "lots"},
    "treatments": {"dmts": ["snake-oil"]},
    "values": {"stop_activity": "very"},
}
