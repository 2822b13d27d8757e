"""The Assessment as JSON-ready data (the `manage.py assess` output, DESIGN.md "The assessment interface").

Decimals become numbers (int when whole, else float), dates ISO strings, tuples lists.
"""
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

from .assess import Assessment, GuidelineResult
from .checks import CriterionResult
from .evidence import SourceRef, TrialData
from .figures import FigureView
from .outcomes import OutcomeView, RangeEnd
from .profile import Profile
from .trials import TrialMatch


def number(value: Decimal | int | float | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _plain(value: Any) -> Any:
    """Generic conversion for values with no dedicated serializer."""
    if isinstance(value, Promise):  # a lazy translation: its text in the active language
        return str(value)
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def source_to_dict(source: SourceRef) -> dict:
    return {
        "key": source.key,
        "short_name": source.short_name,
        "citation": source.citation,
        "doi": source.doi,
        "pmid": source.pmid,
        "registry_id": source.registry_id,
        "url": source.url,
        "design": source.design,
        "n_patients": source.n_patients,
        "year": source.year,
    }


def criterion_to_dict(criterion: CriterionResult) -> dict:
    return {
        "key": criterion.key,
        "label": criterion.label_plain,
        "label_technical": criterion.label_technical,
        "check": criterion.check_name,
        "result": criterion.result,
        "effect": criterion.effect,
        "value": criterion.person_value,
        "threshold": criterion.threshold,
        "threshold_value": number(criterion.threshold_value),
        "note": criterion.note,
        "missing": list(criterion.missing),
        "approximate": criterion.approximate,
        "guideline_text": criterion.guideline_text,
    }


def guideline_to_dict(guideline: GuidelineResult) -> dict:
    return {
        "key": guideline.key,
        "name": guideline.name,
        "short_name": guideline.short_name,
        "verdict": guideline.verdict,
        "verdict_plain": guideline.verdict_plain,
        "deciding_criteria": list(guideline.deciding_criteria),
        "missing": list(guideline.missing),
        "criteria": [criterion_to_dict(c) for c in guideline.criteria],
        "summary": guideline.summary_plain,
        "confidence_note": guideline.confidence_note,
        "known_through": guideline.known_through,
        "source": source_to_dict(guideline.source),
    }


def figure_to_dict(figure: FigureView) -> dict:
    data = _plain(figure)
    data["source"] = source_to_dict(figure.source)
    return data


def _end_to_dict(end: RangeEnd | None) -> dict | None:
    if end is None:
        return None
    return {"key": end.figure.key, "per_100": number(end.figure.per_100), "value": end.value, "study": end.study,
            "when": end.when, "size": end.figure.size}


def outcome_to_dict(outcome: OutcomeView) -> dict:
    return {
        "topic": outcome.topic,
        "kind": outcome.kind,
        "title": outcome.title,
        "is_key": outcome.is_key,
        "headline": outcome.headline.key if outcome.headline else None,
        "studies": [f.key for f in outcome.studies],
        "pooled": [f.key for f in outcome.pooled],
        "lowest": _end_to_dict(outcome.lowest),
        "highest": _end_to_dict(outcome.highest),
        "range_text": outcome.range_text,
        "pooled_text": list(outcome.pooled_text),
        "from_other_people": outcome.from_other_people,
        "figures": [figure_to_dict(f) for f in outcome.figures],
    }


def trial_to_dict(trial: TrialData) -> dict:
    data = _plain(trial)
    data["source"] = source_to_dict(trial.source) if trial.source else None
    return data


def trial_match_to_dict(match: TrialMatch) -> dict:
    return {
        "key": match.trial.key,
        "name": match.trial.name,
        "registry_id": match.trial.registry_id,
        "status": match.trial.status,
        "status_label": match.status_label,
        "status_as_of": match.trial.status_as_of,
        "status_read_on": match.trial.status_read_on.isoformat() if match.trial.status_read_on else None,
        "group": match.group,
        "is_recruiting": match.is_recruiting,
        "is_finished": match.is_finished,
        "is_stale": match.is_stale,
        "status_note": match.status_note,
        "registry_text": match.registry_text,
        "size_text": match.size_text,
        "fits": match.fits,
        "reasons": list(match.reasons),
        "trial": trial_to_dict(match.trial),
    }


def profile_to_dict(profile: Profile) -> dict:
    data = _plain(profile)
    data["dmts"] = list(profile.dmts)
    data["values"] = {key: answer for key, answer in profile.values}
    return data


def assessment_to_dict(assessment: Assessment) -> dict:
    return {
        "evidence_version": assessment.evidence_version,
        "evidence_released_on": _plain(assessment.evidence_released_on),
        "evidence_reviewed_on": _plain(assessment.evidence_reviewed_on),
        "profile": profile_to_dict(assessment.profile),
        "guidelines": [guideline_to_dict(g) for g in assessment.guidelines],
        "unknown_answers": _plain(assessment.unknown_answers),
        "edss_approximate": assessment.edss_approximate,
        "edss_value": assessment.edss_value,
        "aggressive": assessment.aggressive,
        "treatment_naive": assessment.treatment_naive,
        "tried_high_efficacy": assessment.tried_high_efficacy,
        "first_line_trial_note": assessment.first_line_trial_note,
        "no_study_of_own_type": assessment.no_study_of_own_type,
        "benefits": [figure_to_dict(f) for f in assessment.benefits],
        "risks": [figure_to_dict(f) for f in assessment.risks],
        "outcomes": [outcome_to_dict(o) for o in assessment.outcomes],
        "overview": {
            "benefits": [o.topic for o in assessment.overview_benefits],
            "harms": [o.topic for o in assessment.overview_harms],
        },
        "fertility": [figure_to_dict(f) for f in assessment.fertility],
        "fertility_prominent": assessment.fertility_prominent,
        "comparisons": [figure_to_dict(f) for f in assessment.comparisons],
        "practical": [figure_to_dict(f) for f in assessment.practical],
        "first_treatment_evidence": [figure_to_dict(f) for f in assessment.first_treatment_evidence],
        "factors": [
            {
                "key": factor.key,
                "direction": factor.direction,
                "concerns": factor.concerns,
                "text": factor.text,
                "applies": factor.applies,
                "value": factor.person_value,
                "sources": [source_to_dict(s) for s in factor.sources],
            }
            for factor in assessment.factors
        ],
        "trials": [trial_match_to_dict(m) for m in assessment.trials],
        "other_trials": [trial_match_to_dict(m) for m in assessment.other_trials],
        "questions": list(assessment.questions),
        # Present only for a yes or unsure to "treatment_abroad": the dated statements, each with its source.
        "treatment_abroad": _plain(assessment.abroad),
        "values": [{"key": v.key, "answer": v.answer} for v in assessment.values],
        "knowledge_check": [
            {"question": q.question, "answer": q.answer, "explanation": q.explanation}
            for q in assessment.knowledge_questions
        ],
    }
