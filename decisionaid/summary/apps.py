from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "decisionaid.summary"
    verbose_name = "Results and summary"
