from django.contrib import messages
from django.shortcuts import redirect, render

from decisionaid.questionnaire.answers import saved_profile


def results(request):
    profile = saved_profile(request.session)
    if profile is None:
        messages.info(request, "Please answer the questions first: the results are built from your answers.")
        return redirect("questionnaire:start")
    return render(request, "summary/results.html", {"profile": profile})
