"""Helpers for the report tests: a report on a strategy or a contract, and reading PDFs."""

import io
import re
from datetime import date, datetime, time

from django.utils import timezone
from pypdf import PdfReader

from projects.models import Milestone, Project, Risk
from reports.appendix_registry import APPENDICES, chosen_by_default
from reports.models import Report


def make_report(*, strategy=None, contract=None, by=None, **fields):
    """A report on `strategy` or on `contract`, with the registry's default appendices;
    `include_<key>=True/False` adds or drops one, as the report form's boxes do."""
    assert (strategy is None) != (contract is None), "a report is on a strategy or a contract"
    chosen = set(fields.pop("appendices", chosen_by_default()))
    for name in [name for name in fields if name.startswith("include_")]:
        key = name.removeprefix("include_")
        assert key in APPENDICES, f"no appendix {key!r} is registered"
        (chosen.add if fields.pop(name) else chosen.discard)(key)
    fields["appendices"] = [key for key in APPENDICES if key in chosen]
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
        # The small world is made today: a report on it reads the data as it stands
        # (tests/test_report_cut_off.py reads earlier days).
        "data_cut_off": timezone.localdate(),
        **fields,
    }
    return Report.objects.create(strategy=strategy, contract=contract, created_by=by, **values)


def trail_recorded_on(day):
    """Date every audit record made so far (the small world's) to the start of `day`,
    as if the world had been entered then: a report reads its data as at its cut-off,
    and the trail says what was known by then."""
    moment = timezone.make_aware(datetime.combine(day, time.min))
    for model in (Project, Milestone, Risk):
        model.history.update(history_date=moment)


def pdf_text(pdf_bytes):
    """The PDF's words in reading order, with words hyphenated across lines joined again."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)


def pdf_reader(pdf_bytes):
    return PdfReader(io.BytesIO(pdf_bytes))
