"""What the part on treatment abroad or at a private clinic shows, taken from the evidence: the dated statements on
where aHSCT should be done and where it is offered in Norway, the Norwegian estimate of people who went abroad
(shown only in words that name the review and its date), and the status of the Norwegian trial. Plain Python: the
words around them are in the templates, and nothing here tells a person whether to go."""
from dataclasses import dataclass
from datetime import date

from decisionaid.evidence.choices import StatementTopic

from .evidence import Evidence, StatementData, TrialData
from .trials import STATUS_LABELS, registry_text, stale_status_note

# The trial through which aHSCT is offered in Norway (EVIDENCE.md section 2.2); its status is the trial row's.
NORWEGIAN_TRIAL = "ram-ms"


@dataclass(frozen=True)
class TrialStatusLine:
    trial: TrialData
    status_label: str
    registry_text: str
    status_note: str  # "Status last checked ...; ask whether this is still true", when older than 12 months


@dataclass(frozen=True)
class AbroadEvidence:
    centres: tuple[StatementData, ...]  # what guidelines and registry studies say about where it should be done
    norway: tuple[StatementData, ...]  # where aHSCT is offered in Norway
    estimates: tuple[StatementData, ...]  # people who went abroad, as one source estimates it
    norwegian_trial: TrialStatusLine | None

    @property
    def guideline_names(self) -> tuple[str, ...]:
        """The guidelines among the statements on where it should be done (the summary names them)."""
        return tuple(dict.fromkeys(s.source.short_name for s in self.centres if s.source.design == "guideline"))


def abroad_evidence(*, evidence: Evidence, today: date) -> AbroadEvidence:
    trial = next((t for t in evidence.trials if t.key == NORWEGIAN_TRIAL), None)
    return AbroadEvidence(
        centres=evidence.statements_about(StatementTopic.CENTRES),
        norway=evidence.statements_about(StatementTopic.NORWAY),
        estimates=evidence.statements_about(StatementTopic.ABROAD),
        norwegian_trial=None if trial is None else TrialStatusLine(
            trial=trial,
            status_label=str(STATUS_LABELS.get(trial.status, trial.status)),
            registry_text=registry_text(trial),
            status_note=stale_status_note(trial, today=today),
        ),
    )
