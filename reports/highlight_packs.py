"""The highlight reports that go with an issued report: each project it covers, for the
reporting period that ends at its cut-off, one after another in one PDF
(tests/test_highlight_packs.py).

They are rendered by the task worker, queued with the issue: a hundred projects take the
worker a minute, and no clerk waits on it. Each reads the period as the data stood at
its end (reports.highlight), so a pack rendered again later says the same.
"""

from django.template.loader import render_to_string
from django_tasks import task

from core.calendar import period_of

from .frozen import projects_in_scope, report_scale
from .highlight import highlight_report
from .models import HighlightPack, ReportIssue
from .render import pdf_from_html
from .render_tasks import render_stored_pdf, retry_render


def queue_highlight_pack(issue: ReportIssue) -> HighlightPack:
    """The pack for `issue`, queued for the worker."""
    report = issue.report
    cut_off = report.cut_off()
    start, end = period_of(cut_off, report.reporting_period())
    pack = HighlightPack.objects.create(
        issue=issue, period_start=start, period_end=min(end, cut_off)
    )
    render_highlight_pack.enqueue(pack.pk)
    return pack


def highlight_pack_pdf(pack: HighlightPack) -> tuple[bytes, int]:
    """(PDF bytes, pages) of the pack's highlight reports, in the report's project order."""
    issue = pack.issue
    report = issue.report
    projects = (
        projects_in_scope(report, pack.period_end)
        .select_related("programme__strategy", "sponsor", "manager", "lead")
        .prefetch_related("editors")
        .order_by("programme__order", "programme__name", "order", "name")
    )
    scale = report_scale(report)
    html = render_to_string(
        "reports/highlight_pack.html",
        {
            "issue": issue,
            "pack": pack,
            "highlights": [
                highlight_report(project, period=(pack.period_start, pack.period_end))
                for project in projects
            ],
            "levels": scale.levels.all() if scale else [],
        },
    )
    return pdf_from_html(html)


@task()
def render_highlight_pack(pack_id: int, attempt: int = 1) -> None:
    render_stored_pdf(
        HighlightPack,
        pack_id,
        attempt=attempt,
        make_pdf=highlight_pack_pdf,
        task=render_highlight_pack,
    )


def retry_pack_render(pack: HighlightPack) -> bool:
    return retry_render(pack, queued_at=pack.issue.issued_at, task=render_highlight_pack)
