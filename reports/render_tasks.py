"""Rendering a stored PDF (an issued report, a highlight pack) as a task: claim it,
render it, store it once; a failure is recorded on it and tried again later
(core.task_queue), then left for a clerk to retry.

Safe to run twice (a worker lost mid-render is replaced): it claims only a PDF not yet
issued, and stores the PDF only on one still rendering; the same source renders to the
same bytes each time (tests/test_worker_end_to_end.py).
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from core.task_queue import next_attempt_at, queue_retry

from .models.rendered import RenderedPdf
from .signals import pdf_rendered

logger = logging.getLogger(__name__)

State = RenderedPdf.State
Rendered = TypeVar("Rendered", bound=RenderedPdf)
# A render waiting this long with no attempt to come has no worker to run it.
STUCK_AFTER = timedelta(minutes=10)


def render_stored_pdf(
    model: type[Rendered],
    pk: int,
    *,
    attempt: int,
    make_pdf: Callable[[Rendered], tuple[bytes, int]],
    task: Task,
) -> None:
    """Render `model` row `pk` with `make_pdf` (PDF bytes, pages); `task` is queued again
    after a failure."""
    rows = model._default_manager.filter(pk=pk)
    claimed = rows.filter(state__in=[State.QUEUED, State.RENDERING]).update(
        state=State.RENDERING, render_started_at=timezone.now(), attempts=attempt, retry_at=None
    )
    if not claimed:
        return
    try:
        pdf, pages = make_pdf(rows.get())
    except Exception as error:
        logger.exception("Rendering %s %s failed (attempt %s)", model.__name__, pk, attempt)
        retry_at = next_attempt_at(attempt)
        recorded = rows.filter(state=State.RENDERING).update(
            state=State.QUEUED if retry_at else State.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            retry_at=retry_at,
        )
        if retry_at:
            queue_retry(task, pk, attempt=attempt, run_after=retry_at)
        elif recorded:
            pdf_rendered.send(sender=model, rendered=rows.defer("pdf").get())
        raise
    except BaseException:
        # Its worker stopped it part way: waiting again, as it was (core.task_queue).
        rows.filter(state=State.RENDERING).update(state=State.QUEUED)
        task.enqueue(pk, attempt=attempt)
        raise
    stored = rows.filter(state=State.RENDERING).update(
        state=State.ISSUED,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pages=pages,
        error="",
        rendered_at=timezone.now(),
    )
    if stored:
        pdf_rendered.send(sender=model, rendered=rows.defer("pdf").get())


def is_stuck(rendered: RenderedPdf, *, queued_at: datetime, now: datetime | None = None) -> bool:
    """Unfinished long after it was queued, with no attempt to come: no worker ran it."""
    unfinished = rendered.state in (State.QUEUED, State.RENDERING)
    started = rendered.render_started_at or queued_at
    return (
        unfinished and rendered.retry_at is None and (now or timezone.now()) - started > STUCK_AFTER
    )


def retry_render(rendered: RenderedPdf, *, queued_at: datetime, task: Task) -> bool:
    """Queue a failed (or stuck) render again, and say whether it was. Only if it is still
    as it was read: a click racing a render that has just finished (or a second click)
    queues nothing (tests/test_reports.py)."""
    if rendered.state != State.FAILED and not is_stuck(rendered, queued_at=queued_at):
        return False
    with transaction.atomic():
        rows = type(rendered)._default_manager.filter(pk=rendered.pk)
        retried = rows.filter(
            state=rendered.state, render_started_at=rendered.render_started_at
        ).update(state=State.QUEUED, render_started_at=None, retry_at=None)
        if retried:
            task.enqueue(rendered.pk)
    return bool(retried)
