"""A large confirmed import is written by the task worker, not while a page streams
(README, Background work). Above PORTAL_IMPORT_IN_BACKGROUND_ABOVE projects a request
would hold its worker, and the person's browser, for the whole write; the preview page
follows the import instead (tests/test_tracker_imports_in_background.py).

Writing stays one transaction: a worker killed part way leaves the portal as it was,
and the import, still queued, is written whole when the task runs again
(core.task_queue). The task writes only an import still queued, so it never writes one
twice.
"""

import logging
from dataclasses import asdict

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_tasks import task

from core.task_queue import next_attempt_at, queue_retry, queued_again_if_interrupted

from ..models import TrackerImport
from .apply import StalePreview, apply_import

logger = logging.getLogger(__name__)


def writes_in_background(tracker_import: TrackerImport) -> bool:
    """True when the import creates or updates more projects than a request should write."""
    counts = tracker_import.plan.get("counts", {})
    written = counts.get("create", 0) + counts.get("update", 0)
    return written > settings.PORTAL_IMPORT_IN_BACKGROUND_ABOVE


def queue_import(*, tracker_import: TrackerImport, user: AbstractBaseUser) -> bool:
    """Hand a previewed (or failed) import to the worker; False when it was no longer
    waiting (confirmed twice, or cancelled meanwhile)."""
    with transaction.atomic():
        queued = TrackerImport.objects.filter(
            pk=tracker_import.pk,
            state__in=[TrackerImport.State.PREVIEWED, TrackerImport.State.FAILED],
        ).update(state=TrackerImport.State.QUEUED, confirmed_by=user, error="", retry_at=None)
        if queued:
            import_tracker_in_background.enqueue(tracker_import.pk)
    return bool(queued)


@task()
def import_tracker_in_background(import_id: int, attempt: int = 1) -> None:
    with queued_again_if_interrupted(import_tracker_in_background, import_id, attempt=attempt):
        _import(import_id, attempt)


def _import(import_id: int, attempt: int) -> None:
    try:
        with transaction.atomic():
            tracker_import = (
                TrackerImport.objects.select_for_update(of=("self",))
                .select_related("confirmed_by", "uploaded_by")
                .filter(pk=import_id, state=TrackerImport.State.QUEUED)
                .first()
            )
            if tracker_import is None:
                return
            user = tracker_import.confirmed_by or tracker_import.uploaded_by
            outcome = apply_import(tracker_import, user=user)
            TrackerImport.objects.filter(pk=import_id).update(
                outcome=asdict(outcome), error="", retry_at=None
            )
    except StalePreview as stale:
        # Nothing written: the person checks the new preview and confirms again.
        TrackerImport.objects.filter(pk=import_id, state=TrackerImport.State.QUEUED).update(
            state=TrackerImport.State.PREVIEWED,
            plan=stale.plan.as_json(),
            plan_digest=stale.plan.digest(),
            error="The portal changed after you previewed this workbook (someone saved an "
            "update, or imported another tracker): nothing was imported. Check the new "
            "preview and confirm again.",
        )
    except Exception as error:
        logger.exception("Importing tracker %s failed (attempt %s)", import_id, attempt)
        retry_at = next_attempt_at(attempt)
        TrackerImport.objects.filter(pk=import_id, state=TrackerImport.State.QUEUED).update(
            state=TrackerImport.State.QUEUED if retry_at else TrackerImport.State.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            retry_at=retry_at,
        )
        if retry_at:
            queue_retry(
                import_tracker_in_background, import_id, attempt=attempt, run_after=retry_at
            )
        raise
