from django.urls import path

from . import views

app_name = "summary"

urlpatterns = [
    path("results/", views.results, name="results"),
    path("summary/", views.patient_summary, name="patient"),
    path("summary.pdf", views.patient_summary_pdf, name="patient_pdf"),
    path("summary/clinician/", views.clinician_summary, name="clinician"),
    path("summary/clinician.pdf", views.clinician_summary_pdf, name="clinician_pdf"),
]
