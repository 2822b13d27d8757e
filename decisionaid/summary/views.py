from django.contrib import messages
from django.shortcuts import redirect, render

from decisionaid.assessment.assess import assess
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.profile import ProfileError
from decisionaid.questionnaire.answers import saved_profile

from .sure import SURE_ITEMS, SureForm, sure_result


def _assessment_or_redirect(request):
    """The person's assessment, or a redirect to the questions with a message (never an error page)."""
    profile = saved_profile(request.session)
    if profile is None:
        messages.info(request, "Please answer the questions first: the results are built from your answers.")
        return None, redirect("questionnaire:start")
    try:
        return assess(profile=profile, evidence=load_published_evidence()), None
    except ProfileError as error:
        # e.g. a treatment removed from the catalogue since the answers were given
        messages.warning(request, f"Please check your answers again: {error.message}.")
        return None, redirect("questionnaire:step", step="treatments" if error.field == "dmts" else "role")


def results(request):
    """GET shows the results; POST scores the SURE test on the page without storing the answers."""
    assessment, redirect_response = _assessment_or_redirect(request)
    if redirect_response:
        return redirect_response
    sure_form = SureForm(request.POST or None)
    sure = sure_result(sure_form.cleaned_data) if request.method == "POST" and sure_form.is_valid() else None
    return render(
        request,
        "summary/results.html",
        {
            "assessment": assessment,
            "profile": assessment.profile,
            "clinician": assessment.profile.role == "clinician",
            "sure_form": sure_form,
            "sure_items": SURE_ITEMS,
            "sure": sure,
        },
    )
