"""Helpers for the report tests: a report on the 2021 Annex B strategy, and reading PDFs."""

import io
import re
from datetime import date

from pypdf import PdfReader

from programmes.models import Strategy
from reports.models import Report

ANNEX_B = "south-vale-jts-2021"


def make_report(*, by=None, strategy_slug=ANNEX_B, **fields):
    values = {
        "title": "Joint Technology Strategy update",
        "committee": "Cabinet",
        "meeting_date": date(2021, 11, 4),
        "report_of": "Head of Policy and Programmes",
        "author_name": "Simon Hewings",
        "contact": "simon.hewings@southandvale.gov.uk",
        "cabinet_members": "Cllr Andrea Powell",
        "recommendations": "(a) Cabinet notes the progress made.",
        "purpose": "To update Cabinet on the strategy.",
        "background": "The strategy was approved in October 2018.",
        **fields,
    }
    return Report.objects.create(
        strategy=Strategy.objects.get(slug=strategy_slug), created_by=by, **values
    )


def pdf_text(pdf_bytes):
    """The PDF's words in reading order, with words hyphenated across lines joined again."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def pdf_reader(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes))
