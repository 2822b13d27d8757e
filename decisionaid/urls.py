from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

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
    # The language switch in the header posts here (Django's own view: CSRF-checked, a safe `next` only).
    path("i18n/setlang/", set_language, name="set_language"),
]

# The person's pages carry their language in the URL, so that a link or a printed URL keeps it: English at
# today's URLs (no prefix), Norwegian under /nb/. Admin and the language switch stay unprefixed.
urlpatterns += i18n_patterns(
    path("", include("decisionaid.questionnaire.urls")),
    path("", include("decisionaid.summary.urls")),
    path("", include("decisionaid.pages.urls")),
    prefix_default_language=False,
)
