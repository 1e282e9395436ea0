from django.conf import settings
from django.db import models


class TrackerImport(models.Model):
    """An uploaded tracker, kept between its preview and the person's confirmation.

    The file itself is kept so that confirming reads exactly what was previewed,
    and `plan_digest` lets confirming notice when the portal changed in between.
    """

    class State(models.TextChoices):
        PREVIEWED = "previewed", "Waiting for confirmation"
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

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.uploaded_at:%d/%m/%Y %H:%M})"
