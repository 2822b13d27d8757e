"""The app's URLs and a trivial view: the baseline the load benchmark compares the app's pages with.

The trivial view goes through the same middleware (sessions, CSRF, CSP, security headers, gzip) as every page,
so the ratio of a page to it is what the page's own work costs. The forwarded view shows the proxy's
X-Forwarded-* headers as the app receives them, for the benchmark's check that nginx sets them itself.
"""
from django.http import HttpResponse, JsonResponse
from django.urls import path

from decisionaid.urls import urlpatterns as app_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


def forwarded(request):
    return JsonResponse({name: request.META.get(f"HTTP_{name.upper().replace('-', '_')}", "")
                         for name in ("Host", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-For")})


urlpatterns = [path("benchmark/trivial/", trivial), path("benchmark/forwarded/", forwarded), *app_urlpatterns]
