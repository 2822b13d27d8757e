from django.urls import path

from . import views

app_name = "summary"

urlpatterns = [
    path("results/", views.results, name="results"),
    path("results/<slug:topic>/", views.topic, name="topic"),
    path("summary/", views.patient_summary, name="patient"),
    path("summary.pdf", views.patient_summary_pdf, name="patient_pdf"),
    path("summary/large-print/", views.large_print_summary, name="patient_large"),
    path("summary/large-print.pdf", views.large_print_summary_pdf, name="patient_large_pdf"),
    path("summary/clinician/", views.clinician_summary, name="clinician"),
    path("summary/clinician.pdf", views.clinician_summary_pdf, name="clinician_pdf"),
    path("answers/", views.check_answers, name="answers"),
]
