import hashlib

from django.db import models

from ..access import ISSUED


class RenderedPdf(models.Model):
    """A PDF the task worker renders once and stores, never changed after, with the
    state of its rendering for the page that waits on it (reports.issuing)."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to render"
        RENDERING = "rendering", "Rendering"
        ISSUED = ISSUED, "Issued"  # reports.access filters by it
        FAILED = "failed", "Failed"

    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True)
    pdf = models.BinaryField(null=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True)
    render_started_at = models.DateTimeField(null=True)
    rendered_at = models.DateTimeField(null=True)
    # The render's latest attempt, and when the next will be after a failure.
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True)

    class Meta:
        abstract = True

    def verify(self):
        """True when the stored PDF is the one issued, byte for byte."""
        return bool(self.pdf) and hashlib.sha256(bytes(self.pdf)).hexdigest() == self.sha256
