from .models import EvidenceRelease


def evidence_release(request):
    """The current evidence release, for the footer of every page. A view that has read the released evidence
    already leaves its release on the request (the treatments step), which spares the page a second query."""
    release = getattr(request, "evidence_release", None)
    return {"evidence_release": release if release is not None else EvidenceRelease.current()}
