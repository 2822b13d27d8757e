"""Preview as a patient: the results and the summary for a test profile, built from the draft evidence (the rows
as they are now, drafts included) and labelled as a preview. Nothing is stored and nothing a patient sees
changes: patients read the current release, the preview reads the rows."""
from dataclasses import replace

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import ReleaseData
from decisionaid.assessment.profile import profile_from_data
from decisionaid.summary.printable import PATIENT, summary_context
from decisionaid.summary.results_pages import topic_context, verdict_lines
from decisionaid.summary.topics import BY_SLUG, CHECK, part_of, topics_for
from decisionaid.summary.documents import SUMMARY_TEMPLATES

from .releases import draft_evidence

_BASE = dict(
    sex="female", subtype="rrms", disease_duration_years=5, edss=3.0, walking_range=None, relapses_12m=2,
    mri_activity_12m="yes", disability_worsened_12m="no", dmts=["natalizumab"], high_efficacy_contraindicated=False,
    pregnancy_wish="no", age=35,
)
# Test profiles an editor can preview with: (label, answers).
PROFILES = {
    "relapsing-35": (_("Woman of 35, relapsing MS, active despite natalizumab"), _BASE),
    "relapsing-47": (_("Woman of 47, relapsing MS (near the age limits)"), {**_BASE, "age": 47}),
    "man-relapsing": (_("Man of 40, relapsing MS, EDSS 5.5"), {**_BASE, "sex": "male", "age": 40, "edss": 5.5}),
    "progressive": (
        _("Man of 50, secondary progressive MS without relapses"),
        {**_BASE, "sex": "male", "age": 50, "subtype": "spms", "relapses_12m": 0, "mri_activity_12m": "no", "edss": 6.0},
    ),
    "wants-children": (_("Woman of 30 who wants children"), {**_BASE, "age": 30, "pregnancy_wish": "yes"}),
}
PREVIEW_VERSION = "PREVIEW of the draft (not released)"


def preview_evidence():
    """The draft evidence, its version marked as a preview on every page and summary."""
    evidence = draft_evidence()
    today = timezone.localdate()
    return replace(evidence, release=ReleaseData(version=PREVIEW_VERSION, released_on=today, reviewed_on=today, note=""))


def preview(request):
    key = request.GET.get("profile") or next(iter(PROFILES))
    page = request.GET.get("page") or "results"
    if key not in PROFILES:
        raise Http404("No such test profile.")
    label, answers = PROFILES[key]
    evidence = preview_evidence()
    assessment = assess(profile=profile_from_data(answers), evidence=evidence)
    context = {
        "assessment": assessment, "profile": assessment.profile, "clinician": False, "topics": topics_for(assessment),
        "preview": {"profile": label, "profiles": PROFILES, "key": key, "page": page},
        "evidence_release": evidence.release,  # the footer names the preview, not the current release
        "passages": evidence.passages,
    }
    if page == "results":
        return render(request, "summary/results.html", {**context, "verdicts": verdict_lines(assessment)})
    if page == "summary":
        made_on = timezone.localdate()
        return render(
            request, SUMMARY_TEMPLATES[PATIENT],
            {
                **summary_context(assessment, kind=PATIENT, made_on=made_on, evidence=evidence),
                "preview": context["preview"], "evidence_release": evidence.release,
            },
        )
    part = part_of(assessment, page) if page in BY_SLUG else None
    if part is None or part.topic is CHECK:
        raise Http404("That part of the results is not previewed for this profile.")
    return render(request, part.topic.template, {**context, "part": part, **topic_context(page, assessment)})
