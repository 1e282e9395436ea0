from __future__ import annotations

from datetime import date
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from programmes.models import Person

from .base import (
    OPEN_STATUSES,
    DeliveryStatus,
    MilestoneStatus,
    ReadAsOfHistory,
    due_day,
    overdue_milestone_q,
)


class MilestoneQuerySet(models.QuerySet["Milestone"]):
    def overdue(self, today: date | None = None) -> Self:
        return self.filter(overdue_milestone_q(today or timezone.localdate()))

    def planned(self) -> Self:
        """Every milestone but the withdrawn: what the plan still holds, done or not."""
        return self.exclude(delivery_status=MilestoneStatus.WITHDRAWN)

    def for_plan(self) -> Self:
        """A project's milestones as its plan page lists them, with their re-baselines."""
        return self.select_related("lead").prefetch_related("rebaselines__changed_by")


def overdue(delivery_status: str, due: date | None, today: date) -> bool:
    """Past its due day and still open (neither complete nor withdrawn): the one rule,
    for a milestone and for a row read as values (the roadmap's)."""
    return delivery_status in OPEN_STATUSES and due is not None and due < today


class Milestone(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=500)
    baseline_date = models.DateField(
        null=True, blank=True, help_text="The date first agreed (the end of a quarter for Q2…)."
    )
    forecast_date = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    due_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="The due date in the words the plan used, e.g. TBC, ongoing, Annual, Q3.",
    )
    delivery_status = models.CharField(
        max_length=20, choices=MilestoneStatus.choices, default=MilestoneStatus.NOT_STARTED
    )
    withdrawal_reason = models.TextField(blank=True)
    lead = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones"
    )
    order = models.PositiveSmallIntegerField(default=0)
    # The as-at view's upcoming list walks the records by due day, as the live list
    # walks milestone_open_due (README, Benchmarks).
    history = ReadAsOfHistory(
        indexes=[models.Index(due_day(), "delivery_status", name="hist_milestone_due")]
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "baseline_date", "pk"]
        indexes = [
            # Due in a window: by the forecast, or by the baseline where there is no
            # forecast (most milestones), so both halves of the test are index ranges.
            models.Index(
                fields=["delivery_status", "forecast_date", "baseline_date"],
                name="milestone_due",
            ),
            models.Index(fields=["delivery_status", "baseline_date"], name="milestone_baseline"),
            # Covers the dashboard's due and overdue counts on SQLite: read from the
            # index alone.
            models.Index(
                fields=["project", "delivery_status", "forecast_date", "baseline_date"],
                name="milestone_due_cover",
            ),
            # The open milestones by the day they fall due: PostgreSQL reads the counts'
            # range and walks the upcoming list from it, rather than every milestone.
            models.Index(
                due_day(),
                "project",
                name="milestone_open_due",
                condition=Q(delivery_status__in=OPEN_STATUSES),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.completed_on and self.completed_on > timezone.localdate():
            errors["completed_on"] = "Completed date must be today or in the past"
        if self.completed_on and self.delivery_status != DeliveryStatus.COMPLETE:
            errors["delivery_status"] = "Select Complete for a milestone with a completed date"
        if self.is_withdrawn and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = "Enter why the milestone is withdrawn"
        if errors:
            raise ValidationError(errors)

    @property
    def is_withdrawn(self) -> bool:
        return self.delivery_status == MilestoneStatus.WITHDRAWN

    @property
    def original_baseline(self) -> date | None:
        """The baseline first agreed: before its first re-baseline, else the baseline."""
        rebaselines = sorted(self.rebaselines.all(), key=lambda r: (r.changed_at, r.pk))
        return rebaselines[0].from_date if rebaselines else self.baseline_date

    @property
    def due_date(self) -> date | None:
        """The date it is now expected: the forecast when there is one, else the baseline."""
        return self.forecast_date or self.baseline_date

    @property
    def slippage_days(self) -> int | None:
        """Days the forecast (or the completion) is later than the baseline; None if unknown.

        Finishing early is legal and shows as a negative number, not as slippage.
        """
        actual = self.completed_on or self.forecast_date
        if not (actual and self.baseline_date):
            return None
        return (actual - self.baseline_date).days

    @property
    def is_slipped(self) -> bool:
        return bool(self.slippage_days and self.slippage_days > 0)

    def is_overdue(self, today: date | None = None) -> bool:
        return overdue(self.delivery_status, self.due_date, today or timezone.localdate())


class Rebaseline(models.Model):
    """A milestone's baseline moved after it was agreed, with the reason: slippage then
    counts from the new baseline, and the milestone shows it was re-baselined
    (tests/test_milestone_planning.py)."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="rebaselines")
    from_date = models.DateField(null=True, blank=True)
    to_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["milestone", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.from_date} to {self.to_date}"
