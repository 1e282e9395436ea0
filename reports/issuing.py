"""Issuing a report: freeze its data, then render the PDF away from the request.

The snapshot is taken in the clerk's request, so what is issued is the data as it
stood when they pressed the button. Rendering a long report takes seconds, so it
runs in a background thread and the issue page shows its state until it is done.
"""

import hashlib
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .frozen import build_snapshot
from .models import Report, ReportIssue
from .render import render_pdf

logger = logging.getLogger(__name__)
# A render still not finished after this long died with its process.
STUCK_AFTER = timedelta(minutes=10)


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
    if settings.PORTAL_RENDER_IN_BACKGROUND:
        # The thread has its own connection: it must start once this one has committed.
        transaction.on_commit(lambda: start_render(issue.pk))
    else:
        render_issue(issue.pk)
    return issue


def start_render(issue_id):
    threading.Thread(target=_render_in_thread, args=(issue_id,), daemon=True).start()


def _render_in_thread(issue_id):
    try:
        render_issue(issue_id)
    finally:
        # The thread's own connection, whatever CONN_MAX_AGE says: the thread ends here.
        connection.close()


def render_issue(issue_id):
    """Render an issue's snapshot to its PDF, once; a failure is recorded, not raised."""
    claimed = ReportIssue.objects.filter(
        pk=issue_id, state__in=[ReportIssue.State.QUEUED, ReportIssue.State.FAILED]
    ).update(state=ReportIssue.State.RENDERING, error="", render_started_at=timezone.now())
    if not claimed:
        return
    issue = ReportIssue.objects.get(pk=issue_id)
    try:
        pdf, pages = render_pdf(issue.snapshot)
    except Exception as error:  # noqa: BLE001 - any failure must reach the clerk, not vanish
        logger.exception("Rendering report issue %s failed", issue_id)
        ReportIssue.objects.filter(pk=issue_id).update(
            state=ReportIssue.State.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        return
    ReportIssue.objects.filter(pk=issue_id).update(
        state=ReportIssue.State.ISSUED,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pages=pages,
        rendered_at=timezone.now(),
    )


def is_stuck(issue, now=None):
    now = now or timezone.now()
    unfinished = issue.state in (ReportIssue.State.QUEUED, ReportIssue.State.RENDERING)
    started = issue.render_started_at or issue.issued_at
    return unfinished and now - started > STUCK_AFTER


def retry_render(issue):
    """Render a failed (or stuck) issue again from its stored snapshot.

    The state is changed only if it is still failed or stuck, so a click racing a
    render that has just finished (or a second click) starts nothing.
    """
    cutoff = timezone.now() - STUCK_AFTER
    unfinished = [ReportIssue.State.QUEUED, ReportIssue.State.RENDERING]
    retried = (
        ReportIssue.objects.filter(pk=issue.pk)
        .filter(
            Q(state=ReportIssue.State.FAILED)
            | Q(state__in=unfinished, render_started_at__lt=cutoff)
            | Q(state__in=unfinished, render_started_at=None, issued_at__lt=cutoff)
        )
        .update(state=ReportIssue.State.QUEUED, render_started_at=timezone.now())
    )
    if not retried:
        return
    if settings.PORTAL_RENDER_IN_BACKGROUND:
        start_render(issue.pk)
    else:
        render_issue(issue.pk)
