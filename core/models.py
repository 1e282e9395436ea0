from django.db import models


class WorkerHeartbeat(models.Model):
    """A running task worker, and when it last said it was alive (core.task_queue).

    django-tasks records which worker claimed a task but not whether that worker still
    lives: a worker killed mid-task leaves its task "running" for ever. Heartbeats let
    the other workers, and the next one to start, tell a lost task from a slow one.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()

    class Meta:
        ordering = ["started_at"]

    def __str__(self):
        return f"{self.host}:{self.pid} ({self.worker_id})"
