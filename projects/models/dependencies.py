"""One project, or one of its milestones, waiting on another's: across programmes and
strategies, shown at both ends. When what it waits on is late, or forecast past the
day the dependent milestone is due, both projects say so and the dependent project's
schedule-indicated RAG turns Amber (tests/test_dependencies.py)."""

from __future__ import annotations

from datetime import date
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import OPEN_STATUSES
from .milestones import Milestone


class DependencyQuerySet(models.QuerySet["Dependency"]):
    def for_pages(self) -> Self:
        """Both ends of each, with their milestones' dates, in one query."""
        return self.select_related(
            "project__programme", "milestone", "on_project__programme", "on_milestone"
        )

    def touching(self, project_ids: list[int]) -> Self:
        """Dependencies of, or on, any of the projects."""
        return self.filter(
            models.Q(project_id__in=project_ids) | models.Q(on_project_id__in=project_ids)
        )


class Dependency(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="dependencies"
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dependencies",
        help_text="The milestone that waits, if one does; else the whole project.",
    )
    on_project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="dependents"
    )
    on_milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dependents",
        help_text="The milestone waited on, if one is; else the whole project.",
    )
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = DependencyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "dependencies"
        ordering = ["project", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(project=models.F("on_project")),
                name="dependency_on_another_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.waiting} depends on {self.waited_on}"

    @property
    def waiting(self) -> str:
        return (
            f"“{self.milestone}” of {self.project.name}" if self.milestone_id else self.project.name
        )

    @property
    def waited_on(self) -> str:
        if self.on_milestone_id:
            return f"“{self.on_milestone}” of {self.on_project.name}"
        return self.on_project.name

    def clean(self) -> None:
        errors = {}
        if self.project_id and self.project_id == self.on_project_id:
            errors["on_project"] = "Choose another project: a project cannot depend on itself"
        if self.milestone is not None and self.milestone.project_id != self.project_id:
            errors["milestone"] = "Choose one of this project's milestones"
        if self.on_milestone is not None and self.on_milestone.project_id != self.on_project_id:
            errors["on_milestone"] = "Choose a milestone of the project depended on"
        if errors:
            raise ValidationError(errors)

    def problem(self, today: date) -> str | None:
        """Why the dependency threatens the waiting side, in words; None when it does not.
        Late: the milestone waited on is past due and open. Slipping: it is due after the
        day the waiting milestone is due."""
        waited, waiting = self.on_milestone, self.milestone
        if waited is None or waited.is_withdrawn:
            return None
        if waiting is not None and waiting.delivery_status not in OPEN_STATUSES:
            return None  # the waiting milestone is done or withdrawn: nothing waits now
        if waited.is_overdue(today):
            return (
                f"{self.waiting} depends on {self.waited_on}, which was due "
                f"{waited.due_date:%d/%m/%Y} and is not complete"
            )
        if (
            waiting is not None
            and waited.delivery_status in OPEN_STATUSES
            and waited.due_date
            and waiting.due_date
            and waited.due_date > waiting.due_date
        ):
            return (
                f"{self.waiting}, due {waiting.due_date:%d/%m/%Y}, depends on "
                f"{self.waited_on}, forecast {waited.due_date:%d/%m/%Y}"
            )
        return None
