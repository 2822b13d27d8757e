from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from decisionaid.assessment.abroad import abroad_evidence
from decisionaid.evidence.releases import released_evidence, released_listing
from decisionaid.questionnaire.saved_answers import SavedAnswersForm
from decisionaid.summary.results_pages import abroad_context

from . import about as about_page, evidence_listing, glossary as glossary_terms


def home(request):
    return render(request, "pages/home.html", {"continue_form": SavedAnswersForm()})


def evidence(request):
    listing = released_listing()  # the current release's rows: drafts never show here either
    return render(
        request,
        "pages/evidence.html",
        {
            "groups": evidence_listing.sources_by_design(listing=listing),
            "corrections": evidence_listing.corrections(listing=listing),
            "unconfirmed_claims": evidence_listing.UNCONFIRMED_CLAIMS,
            "trials": evidence_listing.trials(listing=listing),
            "method_references": evidence_listing.METHOD_REFERENCES,
        },
    )


def about(request):
    return render(request, "pages/about.html", about_page.about_context())


def privacy(request):
    return render(request, "pages/privacy.html")


def glossary(request):
    return render(request, "pages/glossary.html", {"terms": glossary_terms.sorted_terms()})


def treatment_abroad(request):
    """The part on treatment abroad or at a private clinic, for anyone (linked from the Evidence and About pages)."""
    abroad = abroad_evidence(evidence=released_evidence(), today=timezone.localdate())
    return render(request, "pages/treatment_abroad.html", abroad_context(abroad, language_code=get_language()))
