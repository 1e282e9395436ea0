"""Issuing a report: freeze its data, then have a worker render the PDF.

The snapshot is taken in the clerk's request, so what is issued is the data as it
stood when they pressed the button. Rendering a long report takes seconds, so it is a
task (README, Background work; reports.render_tasks): queued in the same transaction as
the issue, so a worker renders it once the issue is committed, and never an issue that
was not. The issue page shows its state until it is done. The highlight reports of the
projects it covers are queued with it (reports.highlight_packs).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .frozen import build_snapshot
from .highlight_packs import queue_highlight_pack
from .models import Report, ReportIssue
from .render import render_pdf
from .render_tasks import render_stored_pdf, retry_render


@transaction.atomic
def report_issue(*, report, by, final=False):
    # Lock the report so two clerks pressing Issue at once get Draft 2 and Draft 3.
    report = Report.objects.select_for_update().get(pk=report.pk)
    issued = list(report.issues.values_list("is_final", flat=True))
    if any(issued):
        raise ValidationError("The final version has been issued: start a new report to change it")
    cut_off = report.cut_off()
    if final and cut_off > timezone.localdate():
        # A day still to come: its data can still change, so a Final read now would not
        # say the same when issued again (tests/test_report_cut_off.py).
        raise ValidationError(
            f"The data is as at {cut_off:%-d %B %Y}, which is still to come: issue the "
            "final version from that day, or issue a draft now"
        )
    drafts = len(issued)
    issue = ReportIssue.objects.create(
        report=report,
        label="Final" if final else f"Draft {drafts + 1}",
        is_final=final,
        snapshot=build_snapshot(report),
        issued_by=by,
        issued_at=timezone.now(),
    )
    render_report_issue.enqueue(issue.pk)
    queue_highlight_pack(issue)
    return issue


@task()
def render_report_issue(issue_id: int, attempt: int = 1) -> None:
    """Render an issue's snapshot to its PDF (reports.render_tasks)."""
    render_stored_pdf(
        ReportIssue,
        issue_id,
        attempt=attempt,
        make_pdf=lambda issue: render_pdf(issue.snapshot),
        task=render_report_issue,
    )


def retry_issue_render(issue: ReportIssue) -> bool:
    return retry_render(issue, queued_at=issue.issued_at, task=render_report_issue)
