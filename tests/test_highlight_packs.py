"""Issuing a report queues the highlight reports of the projects it covers, for the period
that ends at its cut-off: one PDF, a project a section on a page of its own, for whoever
may read the version."""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.calendar import period_of
from reports import highlight_packs
from reports.issuing import report_issue
from reports.models import HighlightPack, ReportIssue

from .reports import make_report, pdf_reader, pdf_text
from .test_home import text_of

pytestmark = pytest.mark.django_db


def issue_of(report, by, **kwargs):
    """The issued version as stored, once its tasks (run at once in the tests) are done."""
    issue = report_issue(report=report, by=by, **kwargs)
    return ReportIssue.objects.select_related("highlight_pack").get(pk=issue.pk)


def test_an_issued_report_comes_with_each_projects_highlight_report_for_its_period(world):
    report = make_report(strategy=world.strategy)
    pack = issue_of(report, world.clerk).highlight_pack
    pages = [
        " ".join((page.extract_text() or "").split()) for page in pdf_reader(bytes(pack.pdf)).pages
    ]
    text = pdf_text(bytes(pack.pdf))

    assert pack.state == HighlightPack.State.ISSUED and pack.verify()
    # The world is made today, and its reports read today: this month (or quarter) so far.
    today = timezone.localdate()
    start, _ = period_of(today, world.strategy.reporting_period)
    assert (pack.period_start, pack.period_end) == (start, today)
    # In the report's order, each starting a page of its own.
    names = [project.name for project in world.projects]
    starts = [text.index(f"Highlight report: {name}") for name in names]
    assert starts == sorted(starts)
    for name in names:
        assert any(page.count(f"Highlight report: {name}") for page in pages)
    assert pack.pages >= len(names)
    assert f"Status as at {today:%-d %B %Y}" in text
    # Each project's latest update: the Red project's of 7 March 2022, with its item
    # for the board.
    assert "Migration stalled." in text and "Budget pressure of £27k not yet funded" in text
    assert "HR service back in house." in text


def test_a_report_on_chosen_programmes_packs_only_their_projects(world):
    report = make_report(strategy=world.strategy)
    report.programmes.set([world.other_programme])
    text = pdf_text(bytes(issue_of(report, world.clerk).highlight_pack.pdf))

    assert "Highlight report: Revenues and Benefits Fraud" in text
    assert "Highlight report: Strategic HR" in text
    assert "Wifi consolidation" not in text


def test_the_issue_page_links_the_highlight_reports_for_whoever_may_read_the_version(client, world):
    report = make_report(strategy=world.strategy)
    final = issue_of(report, world.clerk, final=True)
    client.force_login(world.member)

    page = text_of(client.get(reverse("reports:issue", args=[final.pk])))
    download = client.get(reverse("reports:highlight_pack", args=[final.pk]))

    assert "Download the highlight reports" in page
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "highlight-reports.pdf" in download["Content-Disposition"]
    assert bytes(download.content) == bytes(final.highlight_pack.pdf)


def test_a_failed_pack_says_so_and_a_clerk_can_try_it_again(client, world, monkeypatch):
    def broken(pack):
        raise OSError("font cache locked")

    monkeypatch.setattr(highlight_packs, "highlight_pack_pdf", broken)
    report = make_report(strategy=world.strategy)
    issue = issue_of(report, world.clerk)
    client.force_login(world.clerk)
    page = text_of(client.get(reverse("reports:issue", args=[issue.pk])))

    assert issue.state == issue.State.ISSUED  # the report itself is made
    assert "The highlight reports could not be made: OSError: font cache locked" in page

    monkeypatch.undo()
    client.post(reverse("reports:highlight_pack_retry", args=[issue.pk]))
    pack = HighlightPack.objects.get(issue=issue)
    assert pack.state == HighlightPack.State.ISSUED and pack.verify(), pack.error
