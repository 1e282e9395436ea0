"""The task queue's promises beyond django-tasks: nothing lost, nothing twice.

django-tasks (with its database backend) queues a task and a worker runs it once. Two
things it leaves to the project, and this module keeps:

- **A lost task runs again.** A worker killed mid-task (SIGKILL, a machine gone) leaves
  its task "running" for ever. Each worker started by `manage.py run_worker` writes a
  heartbeat; a running task whose worker has been silent for PORTAL_WORKER_LOST_AFTER is
  marked failed ("worker lost") and queued again, by the next worker to start or by any
  live worker's heartbeat (tests/test_task_queue.py, tests/test_worker_end_to_end.py).
  A task must therefore be safe to run twice: each of ours checks its record's state
  before it writes.
- **A failing task is tried again later.** A task takes an `attempt` argument and, when
  it fails, queues itself again with a growing delay (`next_attempt_at`, `queue_retry`),
  up to RETRY_ATTEMPTS; each failure is recorded on the record the task serves, where
  people see it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

RETRY_ATTEMPTS = 3
# Heartbeats of workers gone this long are deleted: they no longer vouch for anything.
HEARTBEATS_KEPT_FOR = timedelta(days=1)


class WorkerLost(Exception):
    """Recorded on a task whose worker died while running it."""


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt `attempt`: 30 seconds, then 2 minutes, then
    8: long enough for a full disk or a restarting database to recover."""
    return timedelta(seconds=30 * 4 ** (attempt - 1))


def next_attempt_at(attempt: int, *, now: datetime | None = None) -> datetime | None:
    """When to try again after failed attempt `attempt`; None when it was the last."""
    if attempt >= RETRY_ATTEMPTS:
        return None
    return (now or timezone.now()) + retry_delay(attempt)


def queue_retry(task: Task, *args: Any, attempt: int, run_after: datetime, **kwargs: Any) -> None:
    """Queue `task` again as attempt `attempt + 1`, to run after `run_after`. A backend
    that cannot defer (the immediate one the tests use) runs it at once."""
    later = task.using(run_after=run_after) if task.get_backend().supports_defer else task
    later.enqueue(*args, attempt=attempt + 1, **kwargs)


def workers_expected() -> bool:
    """True when tasks wait in the database for a worker; false when they run as they are
    queued (PORTAL_TASKS=immediate)."""
    return settings.PORTAL_TASKS == "database"


@contextmanager
def queued_again_if_interrupted(task: Task, *args: Any, **kwargs: Any) -> Iterator[None]:
    """Queue `task` again if its worker stops it part way (a second SIGTERM or Ctrl-C:
    db_worker's sys.exit). db_worker records such a task as failed, not running, so the
    search for lost tasks would never find it (tests/test_task_queue.py)."""
    try:
        yield
    except Exception:
        raise
    except BaseException:
        task.enqueue(*args, **kwargs)
        raise


def live_worker_ids(*, now: datetime | None = None) -> set[str]:
    """The workers that have said they are alive within PORTAL_WORKER_LOST_AFTER."""
    since = (now or timezone.now()) - timedelta(seconds=settings.PORTAL_WORKER_LOST_AFTER)
    return set(
        WorkerHeartbeat.objects.filter(seen_at__gte=since).values_list("worker_id", flat=True)
    )


def requeue_lost_tasks(*, now: datetime | None = None) -> int:
    """Mark each running task whose worker is gone as failed, queue it again, and say how
    many. A task younger than PORTAL_WORKER_LOST_AFTER is left alone whoever runs it."""
    now = now or timezone.now()
    alive = live_worker_ids(now=now)
    cutoff = now - timedelta(seconds=settings.PORTAL_WORKER_LOST_AFTER)
    requeued = 0
    for lost in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        worker_id = lost.worker_ids[-1] if lost.worker_ids else ""
        if worker_id in alive:
            continue
        with transaction.atomic():
            # Conditional, so two workers recovering at once queue the task once (and a
            # task that finished meanwhile is left as it finished). The backend's own
            # set_failed would write whatever the row says now.
            taken = DBTaskResult.objects.filter(pk=lost.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=f"WorkerLost: worker {worker_id or 'unknown'} stopped without "
                "finishing this task; it was queued again",
            )
            if taken:
                lost.task.enqueue(*lost.args_kwargs["args"], **lost.args_kwargs["kwargs"])
                requeued += 1
        if taken:
            logger.warning(
                "Task %s (%s) lost with worker %s: queued again", lost.pk, lost.task_path, worker_id
            )
    return requeued


def beat(worker_id: str, *, started_at: datetime) -> None:
    """Say that `worker_id` is alive, now."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "seen_at": now,
            "started_at": started_at,
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEATS_KEPT_FOR).delete()


class Heartbeat(threading.Thread):
    """Beside a worker's task loop: its heartbeat, and the search for other workers'
    lost tasks, every PORTAL_WORKER_HEARTBEAT seconds."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.PORTAL_WORKER_HEARTBEAT):
                # A connection the database dropped (a restart) is replaced, as a request's
                # is: else every beat would fail, and the live worker would look dead.
                close_old_connections()
                try:
                    beat(self.worker_id, started_at=self.started_at)
                    requeue_lost_tasks()
                except Exception:  # noqa: BLE001 - a missed beat must not stop the worker
                    logger.exception("Worker %s could not write its heartbeat", self.worker_id)
        finally:
            connection.close()  # the thread's own connection

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
