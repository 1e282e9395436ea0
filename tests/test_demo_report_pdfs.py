"""Each demo report's PDF says what it said before the house was put in order.

tests/goldens/demo_report_pdf_text.json holds the text of a report on each demo
strategy and contract, with every appendix, rendered at a fixed time: first by the code
before the appendices became a registry (commit 2a725da), then as at each report's
cut-off (meeting 4 November 2021: the data as at 30 September 2021). A change meant to
alter what a report prints updates the golden file in the same commit, and says so."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.utils.text import slugify

from contracts.models import Contract
from programmes.models import Strategy
from reports.appendix_registry import APPENDICES
from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .reports import pdf_text

GOLDEN = Path(__file__).parent / "goldens" / "demo_report_pdf_text.json"
RENDERED_AT = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def report_on(title, **scope):
    return Report.objects.create(
        title=title,
        meeting_date=date(2021, 11, 4),
        report_of="Head of Policy",
        author_name="A Clerk",
        purpose="To update.",
        appendices=list(APPENDICES),
        **scope,
    )


def demo_reports():
    reports = {
        strategy.slug: report_on(f"Report on {strategy.title}", strategy=strategy)
        for strategy in Strategy.objects.filter(contract=None)
    }
    for contract in Contract.objects.all():
        reports[f"contract-{slugify(contract.name)}"] = report_on(
            f"Report on {contract.name}", contract=contract
        )
    # Keyed by name: on PostgreSQL a rolled-back test's ids are not reused.
    return reports


def test_every_demo_reports_pdf_text_is_unchanged():
    golden = json.loads(GOLDEN.read_text())
    rendered = {
        name: pdf_text(render_pdf(build_snapshot(report, now=RENDERED_AT))[0])
        for name, report in sorted(demo_reports().items())
    }
    assert set(rendered) == set(golden)
    for name, text in rendered.items():
        assert text == golden[name], f"the report on {name} prints something else"
