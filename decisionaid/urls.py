from django.contrib import admin
from django.urls import include, path

from decisionaid.evidence.admin_views import compare_releases, due_for_review, missing_translations_view
from decisionaid.evidence.preview import preview

admin.site.site_header = "aHSCT decision aid: evidence"
admin.site.site_title = "Evidence admin"

urlpatterns = [
    # admin_view: staff only, like the rest of admin.
    path("admin/evidence/due-for-review/", admin.site.admin_view(due_for_review), name="evidence-due-for-review"),
    path("admin/evidence/preview/", admin.site.admin_view(preview), name="evidence-preview"),
    path("admin/evidence/compare/", admin.site.admin_view(compare_releases), name="evidence-compare"),
    path(
        "admin/evidence/missing-translations/", admin.site.admin_view(missing_translations_view),
        name="evidence-missing-translations",
    ),
    path("admin/", admin.site.urls),
    path("", include("decisionaid.questionnaire.urls")),
    path("", include("decisionaid.summary.urls")),
    path("", include("decisionaid.pages.urls")),
]
