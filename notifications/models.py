from __future__ import annotations

from django.db import models

from programmes.models import Person


class Kind(models.TextChoices):
    """What a notification is about; each person chooses, per kind, how they hear of it."""

    PROJECT_RED = "project_red", "A project I sponsor or own turns Red"
    MILESTONE_SLIPPED = "milestone_slipped", "A milestone of a project I sponsor or own slips"
    UPDATE_DUE = "update_due", "My projects' updates are due before the next cut-off"
    ACTION_ASSIGNED = "action_assigned", "An action is assigned to me"
    ESCALATED = "escalated", "A risk or issue is escalated to me"
    REPORT_ISSUED = "report_issued", "A report to a body I sit on is issued"
    RENDER_DONE = "render_done", "A report I issued is ready, or could not be made"


class Delivery(models.TextChoices):
    AT_ONCE = "at_once", "By email, at once"
    DIGEST = "digest", "In a weekly email digest"
    NONE = "none", "Not by email"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_attention_page(self, person: Person) -> NotificationQuerySet:
        """`person`'s notifications, newest first."""
        return self.filter(recipient=person).order_by("-created_at", "-pk")

    def waiting_for_digest(self) -> NotificationQuerySet:
        """Those their recipients chose to hear of in the weekly digest, not yet sent."""
        return self.filter(delivery=Delivery.DIGEST, digested_at=None)


class Notification(models.Model):
    """One thing one person should know, said once: `key` names the event (a project's
    update, a milestone's new date, a cut-off), so hearing of it twice (a save repeated, the
    schedule run twice) makes no second notification (tests/test_notifications.py)."""

    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=300)
    body = models.TextField(help_text="Plain text: the email's and the page's words.")
    link = models.CharField(max_length=500, help_text="A path in the portal.")
    created_at = models.DateTimeField(auto_now_add=True)
    # How the recipient chose to hear of it when it was made, and when it went.
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notified_once")]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class Preference(models.Model):
    """How one person hears of one kind of notification; without one, at once."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} – {self.get_delivery_display()}"
