"""Running what waits in the database task queue, for tests that queue work there."""

from django.conf import settings
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

# The queue production has: tasks wait in the database for a worker.
QUEUE_IN_DATABASE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, PORTAL_TASKS="database"
)


def run_queued_tasks(worker_id: str = "test-worker") -> int:
    """Run each task ready now, as a worker would, and say how many ran. In the test's own
    transaction: a real worker (`db_worker`) would close a connection inside one
    (tests/test_worker_end_to_end.py runs real ones)."""
    assert settings.PORTAL_TASKS == "database"
    ran = 0
    for result in DBTaskResult.objects.ready():
        result.claim(worker_id)
        arguments = result.args_kwargs
        try:
            returned = result.task.call(*arguments["args"], **arguments["kwargs"])
        except Exception as error:  # noqa: BLE001 - recorded, as the worker records it
            result.set_failed(error)
        else:
            result.set_successful(returned)
        ran += 1
    return ran
