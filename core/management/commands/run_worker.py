"""`manage.py run_worker`: the portal's task worker (README, Background work).

django-tasks-db's `db_worker` runs the tasks; this command runs it with a heartbeat
beside it, so that a task this worker dies during is run again elsewhere, and this
worker runs again the tasks of workers that died before it started (core.task_queue).
Run as many as the work needs, on one machine or several: each claims a task the others
cannot.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from core.task_queue import Heartbeat, beat, requeue_lost_tasks


class Command(BaseCommand):
    help = "Run the portal's background tasks (report PDFs, highlight reports, imports, email)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1,
            help="Seconds to wait between looks at an empty queue (default: 1).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run the tasks waiting now, then stop.",
        )

    def handle(self, *args, interval, batch, verbosity, **options):
        worker_id = get_random_string(32)
        heartbeat = Heartbeat(worker_id)
        beat(worker_id, started_at=heartbeat.started_at)
        requeue_lost_tasks()
        heartbeat.start()
        try:
            call_command(
                "db_worker",
                worker_id=worker_id,
                interval=interval,
                batch=batch,
                # Reloading runs the worker in a child process, away from its heartbeat.
                reload=False,
                startup_delay=False,
                verbosity=verbosity,
            )
        finally:
            heartbeat.stop()
