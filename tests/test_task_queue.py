"""The task queue keeps its two promises: a task whose worker died is queued again once,
and a failing task is tried again later, with a growing wait, three times."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from core.outbox import queue_email, send_email
from core.task_queue import (
    RETRY_ATTEMPTS,
    beat,
    next_attempt_at,
    requeue_lost_tasks,
    retry_delay,
)
from tests.task_queue import QUEUE_IN_DATABASE

pytestmark = pytest.mark.django_db

MESSAGE = {"to": ["sponsor@example.gov.uk"], "subject": "Project turned Red", "text": "See it."}


@pytest.fixture
def database_queue(settings):
    settings.PORTAL_WORKER_LOST_AFTER = 60
    with QUEUE_IN_DATABASE:
        yield


def running_task(*, worker_id, started_ago):
    """A task a worker claimed `started_ago` and has not finished."""
    result = send_email.enqueue(**MESSAGE).db_result
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - started_ago)
    return result


def test_a_task_whose_worker_fell_silent_is_marked_lost_and_queued_again(database_queue):
    lost = running_task(worker_id="killed", started_ago=timedelta(minutes=5))
    beat("killed", started_at=timezone.now() - timedelta(minutes=10))
    WorkerHeartbeat.objects.filter(pk="killed").update(
        seen_at=timezone.now() - timedelta(minutes=2)
    )

    assert requeue_lost_tasks() == 1
    lost.refresh_from_db()
    [again] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)

    assert lost.status == TaskResultStatus.FAILED
    assert lost.exception_class_path == "core.task_queue.WorkerLost"
    assert "worker killed stopped without finishing" in lost.traceback
    assert again.task_path == "core.outbox.send_email"
    assert again.args_kwargs == {"args": [], "kwargs": MESSAGE}


def test_a_lost_task_is_queued_again_once_however_often_workers_look(database_queue):
    running_task(worker_id="never-beat", started_ago=timedelta(minutes=5))

    assert requeue_lost_tasks() == 1
    assert requeue_lost_tasks() == 0
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


def test_a_live_workers_long_task_and_a_young_task_are_left_running(database_queue):
    running_task(worker_id="alive", started_ago=timedelta(minutes=30))
    beat("alive", started_at=timezone.now() - timedelta(hours=1))
    running_task(worker_id="just-started", started_ago=timedelta(seconds=5))

    assert requeue_lost_tasks() == 0
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 2


def test_retries_wait_longer_each_time_and_stop_after_the_third_attempt():
    now = timezone.now()

    assert [retry_delay(attempt) for attempt in (1, 2)] == [
        timedelta(seconds=30),
        timedelta(minutes=2),
    ]
    assert next_attempt_at(1, now=now) == now + timedelta(seconds=30)
    assert next_attempt_at(RETRY_ATTEMPTS, now=now) is None


def test_an_email_is_sent_by_its_task_with_its_html_beside_the_text():
    queue_email(**MESSAGE, html="<p>See it.</p>")

    [sent] = mail.outbox
    assert sent.to == MESSAGE["to"] and sent.subject == "Project turned Red"
    assert sent.body == "See it."
    assert sent.alternatives[0].content == "<p>See it.</p>"


class RelayDown(Exception):
    pass


class RefusingRelay(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise RelayDown("connection refused")


def test_an_email_the_relay_refuses_is_tried_again_later(database_queue, settings):
    settings.EMAIL_BACKEND = "tests.test_task_queue.RefusingRelay"
    queued = send_email.enqueue(**MESSAGE).db_result

    with pytest.raises(RelayDown):
        send_email.call(**MESSAGE)
    [retry] = DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(pk=queued.pk)

    assert retry.args_kwargs["kwargs"] == {**MESSAGE, "html": "", "attempt": 2}
    assert retry.run_after > timezone.now() + timedelta(seconds=25)


class WorkerStopped(BaseEmailBackend):
    """The worker told to stop again mid-send: db_worker's sys.exit in the task."""

    def send_messages(self, email_messages):
        raise SystemExit(1)


def test_an_email_its_worker_stops_part_way_is_queued_again(database_queue, settings):
    settings.EMAIL_BACKEND = "tests.test_task_queue.WorkerStopped"

    with pytest.raises(SystemExit):
        send_email.call(**MESSAGE)
    [again] = DBTaskResult.objects.filter(status=TaskResultStatus.READY)

    assert again.args_kwargs["kwargs"] == {**MESSAGE, "html": "", "attempt": 1}
