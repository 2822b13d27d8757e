from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from decisionaid.assessment.assess import assess
from decisionaid.assessment.profile import ProfileError
from decisionaid.evidence.releases import released_evidence
from decisionaid.questionnaire.answers import saved_profile

from .documents import SUMMARY_TEMPLATES, summary_pdf
from .pdf import paper_size
from .printable import CLINICIAN, LARGE_PRINT, PATIENT, pdf_filename, summary_context
from .sure import SureForm, sure_result
from .results_pages import topic_context, verdict_lines
from .topics import BY_SLUG, CHECK, part_of, topics_for



def _assessment_and_evidence_or_redirect(request):
    """(assessment, evidence, None), or (None, None, a redirect to the questions with a message)."""
    profile = saved_profile(request.session)
    if profile is None:
        messages.info(request, _("Please answer the questions first: the results are built from your answers."))
        return None, None, redirect("questionnaire:start")
    evidence = released_evidence()  # what the current release froze; drafts never reach a patient
    try:
        return assess(profile=profile, evidence=evidence), evidence, None
    except ProfileError as error:
        # e.g. a treatment removed from the catalogue since the answers were given
        messages.warning(request, _("Please check your answers again: %(problem)s.") % {"problem": error.message})
        return None, None, redirect("questionnaire:step", step="treatments" if error.field == "dmts" else "role")


def _assessment_or_redirect(request):
    """The person's assessment, or a redirect to the questions with a message (never an error page)."""
    assessment, _, redirect_response = _assessment_and_evidence_or_redirect(request)
    return assessment, redirect_response


def _page_context(assessment) -> dict:
    return {
        "assessment": assessment,
        "profile": assessment.profile,
        "clinician": assessment.profile.role == "clinician",
        "topics": topics_for(assessment),
    }


@require_GET
@never_cache
def results(request):
    """The overview: what this means for the person, in a few phone screens, with the list of topic pages."""
    assessment, redirect_response = _assessment_or_redirect(request)
    if redirect_response:
        return redirect_response
    return render(request, "summary/results.html", {**_page_context(assessment), "verdicts": verdict_lines(assessment)})


@require_http_methods(["GET", "POST"])
@never_cache
def topic(request, topic: str):
    """One topic page. POST only on the last one: it scores the SURE test on the page and stores nothing."""
    if topic not in BY_SLUG:
        raise Http404("No such part of the results.")
    assessment, evidence, redirect_response = _assessment_and_evidence_or_redirect(request)
    if redirect_response:
        return redirect_response
    part = part_of(assessment, topic)
    if part is None:  # a page that does not apply to this person (periods and fertility, for a man)
        messages.info(request, _("That part of the results does not apply to your answers."))
        return redirect("summary:results")
    if request.method == "POST" and part.topic is not CHECK:
        return HttpResponseNotAllowed(["GET"])
    context = {
        **_page_context(assessment), "part": part, "passages": evidence.passages,
        **topic_context(part.topic.slug, assessment, language_code=get_language()),
    }
    if part.topic is CHECK:
        sure_form = SureForm(request.POST or None)
        context.update(
            sure_form=sure_form,
            sure=sure_result(sure_form.cleaned_data) if request.method == "POST" and sure_form.is_valid() else None,
        )
    return render(request, part.topic.template, context)


def _summary(request, *, kind: str, as_pdf: bool):
    assessment, evidence, redirect_response = _assessment_and_evidence_or_redirect(request)
    if redirect_response:
        return redirect_response
    made_on = timezone.localdate()
    if not as_pdf:
        return render(request, SUMMARY_TEMPLATES[kind], summary_context(assessment, kind=kind, made_on=made_on, evidence=evidence))
    # The same page as the HTML summary: its print rules hide the screen-only header.
    pdf = summary_pdf(
        assessment, kind=kind, made_on=made_on, evidence=evidence, request=request,
        paper=paper_size(request.GET.get("paper")), base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(kind, made_on)}"'
    return response


# Patient answers are in every summary: no browser or proxy may keep a copy (never_cache sets no-store).


@require_GET
@never_cache
def patient_summary(request):
    return _summary(request, kind=PATIENT, as_pdf=False)


@require_GET
@never_cache
def patient_summary_pdf(request):
    return _summary(request, kind=PATIENT, as_pdf=True)


@require_GET
@never_cache
def large_print_summary(request):
    return _summary(request, kind=LARGE_PRINT, as_pdf=False)


@require_GET
@never_cache
def large_print_summary_pdf(request):
    return _summary(request, kind=LARGE_PRINT, as_pdf=True)


@require_GET
@never_cache
def clinician_summary(request):
    return _summary(request, kind=CLINICIAN, as_pdf=False)


@require_GET
@never_cache
def clinician_summary_pdf(request):
    return _summary(request, kind=CLINICIAN, as_pdf=True)


@require_GET
@never_cache
def check_answers(request):
    """"Check your answers": every answer the results are built from, each with a link to the step that asks it."""
    assessment, redirect_response = _assessment_or_redirect(request)
    if redirect_response:
        return redirect_response
    return render(request, "summary/check_answers.html", _page_context(assessment))
