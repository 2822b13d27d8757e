from .releases import current_release


def evidence_release(request):
    """The current evidence release, for the footer of every page (kept in memory: releases.current_release). A
    view that has read the released evidence already leaves its release on the request (the treatments step)."""
    release = getattr(request, "evidence_release", None)
    return {"evidence_release": release if release is not None else current_release()}
