"""A report reads like a council's: the portal numbers its paragraphs (1, 1.1, 1.2), an
appendix with nothing in it is a sentence in the body rather than a page saying "none",
and the clerk's own appendices are lettered after the portal's."""

import re

import pytest

from reports.frozen import build_snapshot
from reports.models import Report
from reports.render import render_pdf

from .reports import make_report, pdf_reader, pdf_text

pytestmark = pytest.mark.django_db


def test_the_portal_numbers_paragraphs_and_drops_the_numbers_a_clerk_typed(world):
    report = make_report(
        strategy=world.strategy,
        appendices=[],
        recommendations="(a) Cabinet notes the progress made.\n(b) Cabinet agrees the plan.",
        purpose="1. To enable Cabinet to consider the updates.\n\n2. To ask for support.",
    )
    text = pdf_text(render_pdf(build_snapshot(report))[0])
    assert "1. Recommendations 1.1 (a) Cabinet notes the progress made. 1.2 (b) Cabinet" in text
    assert (
        "2. Purpose of report 2.1 To enable Cabinet to consider the updates. "
        "2.2 To ask for support."
    ) in text


def test_an_empty_appendix_is_a_sentence_and_the_letters_close_up(world):
    report = make_report(
        strategy=world.strategy,
        appendices=["status_table", "milestone_changes", "exceptions"],
        other_appendices="Appendix A: Equality impact assessment\nCapita's proposal",
    )
    snapshot = build_snapshot(report)
    text = pdf_text(render_pdf(snapshot)[0])

    assert [(a["letter"], a["kind"]) for a in snapshot["appendices"]] == [
        ("A", "status_table"),
        ("B", "exceptions"),
    ]
    assert "No milestone has moved since the last report." in text
    assert "Appendix C: Equality impact assessment" in text
    assert "Appendix D: Capita's proposal" in text
    assert "Milestone changes since the last issued report" not in text


def test_no_page_of_a_demo_report_is_only_a_heading_and_none(demo_data):
    for report in Report.objects.all():
        reader = pdf_reader(render_pdf(build_snapshot(report))[0])
        for number, page in enumerate(reader.pages, 1):
            lines = (page.extract_text() or "").splitlines()
            # The running header's two lines and the footer's "Page x of y" aside.
            words = re.findall(r"\w+", " ".join(lines[2:-1]))
            assert len(words) > 12, f"{report.title}, page {number}: {lines}"
