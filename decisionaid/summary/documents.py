"""The printable summaries as documents, HTML and PDF, from one Assessment: what the views serve and what the
tests and the PDF benchmark render, by the same path."""
from datetime import date

from django.template.loader import render_to_string

from decisionaid.assessment.assess import Assessment
from decisionaid.assessment.evidence import Evidence

from .pdf import render_pdf, render_pdf_within
from .printable import CLINICIAN, LARGE_PRINT, PATIENT, PATIENT_MAX_PAGES, summary_context

SUMMARY_TEMPLATES = {
    PATIENT: "summary/patient_summary.html",
    LARGE_PRINT: "summary/patient_summary.html",
    CLINICIAN: "summary/clinician_summary.html",
}


def summary_html(
    assessment: Assessment, *, kind: str, made_on: date, evidence: Evidence, compact: bool = False, request=None
) -> str:
    context = summary_context(assessment, kind=kind, made_on=made_on, evidence=evidence, compact=compact)
    return render_to_string(SUMMARY_TEMPLATES[kind], context, request=request)


def summary_pdf(
    assessment: Assessment, *, kind: str, made_on: date, evidence: Evidence, paper: str, base_url: str,
    request=None, fetcher=None,
) -> bytes:
    """The summary as PDF. The patient summary keeps to its page limit: when the full one runs longer, the same
    summary with its last benefit-and-harm pairs in words (printable.COMPACT_PICTURED_PAIRS)."""
    def html(compact: bool = False) -> str:
        return summary_html(
            assessment, kind=kind, made_on=made_on, evidence=evidence, compact=compact, request=request
        )

    if kind == PATIENT:
        return render_pdf_within(
            htmls=(html(), lambda: html(compact=True)), base_url=base_url, paper=paper,
            max_pages=PATIENT_MAX_PAGES, fetcher=fetcher,
        )
    return render_pdf(html=html(), base_url=base_url, paper=paper, fetcher=fetcher)
