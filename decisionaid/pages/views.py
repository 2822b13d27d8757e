from django.shortcuts import render

from . import evidence_listing, glossary as glossary_terms


def home(request):
    return render(request, "pages/home.html")


def evidence(request):
    return render(
        request,
        "pages/evidence.html",
        {
            "groups": evidence_listing.sources_by_design(),
            "corrections": evidence_listing.corrections(),
            "unconfirmed_claims": evidence_listing.UNCONFIRMED_CLAIMS,
        },
    )


def privacy(request):
    return render(request, "pages/privacy.html")


def glossary(request):
    return render(request, "pages/glossary.html", {"terms": glossary_terms.sorted_terms()})
