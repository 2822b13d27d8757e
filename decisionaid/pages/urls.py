from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("evidence/", views.evidence, name="evidence"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
    path("glossary/", views.glossary, name="glossary"),
    path("treatment-abroad/", views.treatment_abroad, name="treatment_abroad"),
]
