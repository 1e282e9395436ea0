"""What a meeting decided on each of a report's recommendations, and the actions that
came out of it: recorded by the clerk after the meeting, updated by the actions' owners,
and printed at the top of the next report on the subject (tests/test_decisions.py)."""

from __future__ import annotations

from typing import Self

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from meetings.models import Meeting
from programmes.models import Person


class Decision(models.Model):
    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        AMENDED = "amended", "Agreed as amended"
        DEFERRED = "deferred", "Deferred"
        REJECTED = "rejected", "Rejected"

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveSmallIntegerField(help_text="The recommendation's place, from 1.")
    recommendation = models.TextField(help_text="The recommendation as it was put.")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    amended_words = models.TextField(
        blank=True, help_text="The words agreed, when the recommendation was amended."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=300, blank=True, help_text="The minute or paper, if any.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting__date", "meeting__body__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "meeting", "number"], name="one_decision_a_recommendation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation[:60]}: {self.get_outcome_display()}"


class ActionQuerySet(models.QuerySet["Action"]):
    def owned_by(self, person: Person | None) -> Self:
        return self.filter(owner=person) if person else self.none()


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_HAND = "in_hand", "In hand"
        DONE = "done", "Done"

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions")
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    progress = models.TextField(blank=True, help_text="What the owner has done, in their words.")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.description[:80]
