from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# An upload is kept for its preview and confirmation, and no longer.
UPLOAD_KEPT_FOR = timedelta(days=7)


class TrackerImportQuerySet(models.QuerySet):
    def expired(self, now: datetime | None = None) -> TrackerImportQuerySet:
        """Uploads a week old and never imported (previewed, or failed): deleted, file and
        all."""
        cutoff = (now or timezone.now()) - UPLOAD_KEPT_FOR
        waiting = [TrackerImport.State.PREVIEWED, TrackerImport.State.FAILED]
        return self.filter(state__in=waiting, uploaded_at__lt=cutoff)


class TrackerImport(models.Model):
    """An uploaded tracker, kept between its preview and the person's confirmation.

    The file itself is kept so that confirming reads exactly what was previewed,
    and `plan_digest` lets confirming notice when the portal changed in between. Once
    confirmed the file is emptied (the plan stays, as the record of what was imported);
    cancelled, or unconfirmed a week on, the upload is deleted
    (tests/test_a_tracker_preview_writes_nothing_until_confirmed.py).
    """

    class State(models.TextChoices):
        PREVIEWED = "previewed", "Waiting for confirmation"
        # A large import, confirmed and waiting for the worker (projects.tracker.background).
        QUEUED = "queued", "Importing"
        FAILED = "failed", "Failed: nothing imported"
        IMPORTED = "imported", "Imported"

    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    strategy = models.ForeignKey(
        "programmes.Strategy", on_delete=models.CASCADE, related_name="tracker_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_imports"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PREVIEWED)
    plan = models.JSONField(default=dict)
    plan_digest = models.CharField(max_length=64)
    imported_at = models.DateTimeField(null=True, blank=True)
    # A large import written by the worker: who confirmed it, what it wrote (its
    # Outcome), and why its last attempt failed, with when the next one is.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)

    objects = TrackerImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.uploaded_at:%d/%m/%Y %H:%M})"
