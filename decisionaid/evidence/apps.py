from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class EvidenceConfig(AppConfig):
    name = "decisionaid.evidence"
    verbose_name = "Evidence"

    def ready(self):
        from .models import EvidenceRelease
        from .releases import forget_current_release

        def forget(**_signal):
            # At once (this request may read it again), and once more when the change is committed: a read
            # between the two would otherwise keep a row that a rollback took back.
            forget_current_release()
            transaction.on_commit(forget_current_release)

        for signal in (post_save, post_delete):
            signal.connect(forget, sender=EvidenceRelease, weak=False, dispatch_uid="forget-current-release")
