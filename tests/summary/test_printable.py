"""decisionaid.summary.printable: how the summaries arrange one Assessment (no request, no PDF)."""
from datetime import date

import pytest
from django.db import transaction

from decisionaid.assessment.assess import assess
from decisionaid.assessment.checks import MET, NOT_MET, UNKNOWN
from decisionaid.assessment.evidence import load_published_evidence
from decisionaid.assessment.profile import profile_from_data
from decisionaid.evidence.loading import load_evidence
from decisionaid.summary.printable import (
    CLINICIAN, PATIENT, clinical_profile, cited_sources, guideline_summaries, guideline_tables,
    patient_figure_sections, pdf_filename, practical_figures, summary_context, who_plain,
)

BASE = dict(
    age=34, sex="female", subtype="rrms", disease_duration_years=6, edss=3.5, walking_range=None, relapses_12m=2,
    mri_activity_12m="yes", disability_worsened_12m="no", dmts=["natalizumab", "interferon-beta"],
    high_efficacy_contraindicated=False, pregnancy_wish="yes",
)


@pytest.fixture(scope="module")
def evidence(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_evidence()
        published = load_published_evidence()
        transaction.set_rollback(True)
    return published


def assessment_for(evidence, **changes):
    return assess(profile=profile_from_data({**BASE, **changes}), evidence=evidence)


def test_each_criterion_is_in_exactly_one_group_of_its_guideline(evidence):
    assessment = assessment_for(evidence, age=52, relapses_12m=None)
    for summary, guideline in zip(guideline_summaries(assessment), assessment.guidelines):
        assert summary.guideline is guideline
        grouped = list(summary.matches) + [c.label for c in summary.not_matched] + list(summary.not_known)
        assert sorted(grouped) == sorted(c.label_plain for c in guideline.criteria)
        assert list(summary.matches) == [c.label_plain for c in guideline.criteria if c.result == MET]
        assert list(summary.not_known) == [c.label_plain for c in guideline.criteria if c.result == UNKNOWN]
        assert [c.label for c in summary.not_matched] == [
            c.label_plain for c in guideline.criteria if c.result == NOT_MET
        ]


def test_a_threshold_in_brackets_loses_only_its_own_full_stop(evidence):
    ebmt = guideline_summaries(assessment_for(evidence, age=52))[0]
    age = next(line for line in ebmt.not_matched if line.label == "Age")
    assert age.threshold == "under 45"


def test_the_verdict_headings_follow_the_assessment(evidence):
    headings = {s.guideline.verdict: s.heading for s in guideline_summaries(assessment_for(evidence))}
    assert headings == {"meets": "Your answers match"}
    tables = guideline_tables(assessment_for(evidence, subtype="ppms", relapses_12m=0, mri_activity_12m="no"))
    assert {t.verdict for t in tables} == {"Outside the guideline"}
    assert all(row.result.startswith(("Met", "Not met", "Unknown")) for t in tables for row in t.rows)


def test_who_names_the_study_group_and_where_it_differs_from_the_person(evidence):
    relapsing = assessment_for(evidence)
    figure = relapsing.benefits[0]
    assert figure.subtype_group == "relapsing"
    assert who_plain(figure, relapsing.profile) == "174 people with relapsing-remitting MS, Sweden."
    progressive = assessment_for(evidence, subtype="ppms")
    spms_only = next(
        f for o in progressive.outcomes for f in o.figures if f.key == "b25-progression-free-4y-burt-2021-spms"
    )
    assert who_plain(spms_only, progressive.profile) == (
        "93 people with secondary progressive MS, United States. This study was in people with secondary "
        "progressive MS; your answers say primary progressive MS."
    )


def test_who_keeps_the_assessments_notes_on_how_the_people_differ(evidence):
    assessment = assessment_for(evidence, subtype="ppms", age=52, edss=6.5, relapses_12m=0, mri_activity_12m="no")
    noted = [item for section in patient_figure_sections(assessment) for item in section.items if item.figure.match_notes]
    assert noted, "a key figure from other people (PPMS: febrile neutropenia was studied in RRMS only)"
    for item in noted:
        for note in item.figure.match_notes:
            assert note in item.who


def test_fertility_figures_only_when_a_child_may_be_wanted_and_never_drawn_twice(evidence):
    wants = patient_figure_sections(assessment_for(evidence))
    assert [s.title for s in wants] == ["Possible benefits", "Possible harms", "Periods and fertility"]
    keys = [item.figure.key for s in wants for item in s.items]
    assert len(keys) == len(set(keys))
    does_not = patient_figure_sections(assessment_for(evidence, pregnancy_wish="no"))
    assert [s.title for s in does_not] == ["Possible benefits", "Possible harms"]
    man = patient_figure_sections(assessment_for(evidence, sex="male", pregnancy_wish="yes"))
    assert all(item.figure.sex != "female" for s in man for item in s.items)


def test_practical_figures_are_the_practical_ones(evidence):
    figures = practical_figures(assessment_for(evidence))
    assert figures and all(f.kind == "practical" for f in figures)


def test_the_clinical_profile_says_exact_or_approximate_edss_and_high_efficacy_treatments(evidence):
    exact = dict((line.label, line.value) for line in clinical_profile(assessment_for(evidence), evidence=evidence))
    assert exact["EDSS"] == "EDSS 3.5"
    assert exact["Phenotype"] == "Relapsing-remitting MS (RRMS)"
    assert exact["DMTs"] == "tried: Natalizumab (high-efficacy), Interferon beta"
    assert "Walking range (patient-reported)" not in exact
    walking = assessment_for(evidence, edss=None, walking_range="200m")
    approximate = dict((line.label, line.value) for line in clinical_profile(walking, evidence=evidence))
    assert approximate["EDSS"] == "approximately EDSS 5.0 (from walking range)"
    assert approximate["Walking range (patient-reported)"] == "at least 200 metres without help"


def test_every_cited_source_is_listed_once_and_numbered(evidence):
    assessment = assessment_for(evidence)
    references = cited_sources(assessment)
    keys = [r.source.key for r in references]
    assert len(keys) == len(set(keys))
    assert [r.number for r in references] == list(range(1, len(references) + 1))
    cited = {g.source.key for g in assessment.guidelines}
    cited |= {f.source.key for f in assessment.benefits + assessment.risks + assessment.fertility + assessment.comparisons}
    assert cited <= set(keys)


def test_file_names_and_contexts(evidence):
    assert pdf_filename(PATIENT, date(2025, 6, 1)) == "ahsct-summary-2025-06-01.pdf"
    assert pdf_filename(CLINICIAN, date(2025, 6, 1)) == "ahsct-clinician-handout-2025-06-01.pdf"
    assessment = assessment_for(evidence)
    patient = summary_context(assessment, kind=PATIENT, made_on=date(2025, 6, 1), evidence=evidence)
    clinician = summary_context(assessment, kind=CLINICIAN, made_on=date(2025, 6, 1), evidence=evidence)
    assert {"guideline_summaries", "figure_sections", "practical_figures"} <= set(patient)
    assert {"profile_lines", "guideline_tables", "figure_sections", "references"} <= set(clinician)
    assert patient["assessment"] is clinician["assessment"] is assessment
