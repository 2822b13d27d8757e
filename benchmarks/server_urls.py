"""The app's URLs and a trivial view: the baseline the load benchmark compares the app's pages with.

The trivial view goes through the same middleware (sessions, CSRF, CSP, security headers, gzip) as every page,
so the ratio of a page to it is what the page's own work costs.
"""
from django.http import HttpResponse
from django.urls import path

from decisionaid.urls import urlpatterns as app_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("benchmark/trivial/", trivial), *app_urlpatterns]
