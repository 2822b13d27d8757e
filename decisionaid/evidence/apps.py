from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "decisionaid.evidence"
    verbose_name = "Evidence"
