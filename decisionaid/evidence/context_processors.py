from .models import EvidenceRelease


def evidence_release(request):
    """The current evidence release, for the footer of every page."""
    return {"evidence_release": EvidenceRelease.current()}
