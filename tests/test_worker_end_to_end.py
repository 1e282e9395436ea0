"""Real worker processes on PostgreSQL: a clerk's issued report is rendered by the worker,
not the web process; a worker killed mid-render (SIGKILL) leaves its task to the next
worker, and the report ends rendered once, with the checksum an uninterrupted render
gives (core.task_queue, reports.issuing)."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.models import WorkerHeartbeat
from reports.issuing import report_issue
from reports.models import ReportIssue
from reports.render import render_pdf

from .reports import make_report
from .task_queue import QUEUE_IN_DATABASE

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the worker processes share the test database: PostgreSQL only (.ci/run)",
    ),
]

WAIT = 90  # seconds: a render on a busy CI machine


def database_url():
    db = connection.settings_dict
    user = quote(db["USER"] or "")
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def start_worker(log: Path) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PORTAL_TASKS": "database",
        # Quick to declare a silent worker lost, so the test need not wait a minute.
        "PORTAL_WORKER_HEARTBEAT": "1",
        "PORTAL_WORKER_LOST_AFTER": "3",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, what, log):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    pytest.fail(f"Gave up waiting for {what}; the workers said:\n{log.read_text()[-3000:]}")


def state_of(issue):
    return ReportIssue.objects.values_list("state", flat=True).get(pk=issue.pk)


def test_a_render_killed_with_its_worker_ends_rendered_once_by_the_next(world, tmp_path):
    log = tmp_path / "workers.log"
    report = make_report(strategy=world.strategy)
    with QUEUE_IN_DATABASE:
        issue = report_issue(report=report, by=world.clerk)
    assert state_of(issue) == ReportIssue.State.QUEUED  # the web process rendered nothing
    uninterrupted = hashlib.sha256(render_pdf(issue.snapshot)[0]).hexdigest()

    first = start_worker(log)
    try:
        wait_for(lambda: state_of(issue) == ReportIssue.State.RENDERING, "the render", log)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    assert state_of(issue) == ReportIssue.State.RENDERING  # killed mid-render
    assert not ReportIssue.objects.get(pk=issue.pk).pdf

    second = start_worker(log)
    try:
        wait_for(lambda: state_of(issue) == ReportIssue.State.ISSUED, "the second render", log)
        # Ctrl-C (SIGINT) or the service manager (SIGTERM) stops a worker cleanly.
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0
    finally:
        second.kill()

    issue.refresh_from_db()
    renders = DBTaskResult.objects.filter(task_path="reports.issuing.render_report_issue")
    assert issue.verify() and issue.sha256 == uninterrupted
    assert sorted(renders.values_list("status", flat=True)) == [
        TaskResultStatus.FAILED,  # the killed worker's, marked lost
        TaskResultStatus.SUCCESSFUL,
    ]
    lost = renders.get(status=TaskResultStatus.FAILED)
    assert lost.exception_class_path == "core.task_queue.WorkerLost"
    # The stopped worker took its heartbeat with it; the killed one's is left, silent.
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == [
        lost.worker_ids[-1]
    ]
