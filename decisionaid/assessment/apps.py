from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "decisionaid.assessment"
    verbose_name = "Assessment"
