from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Self, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.models import RagLevel

from .base import LATEST_FIRST, DeliveryStatus

if TYPE_CHECKING:
    from .projects import Project


class StatusUpdateQuerySet(models.QuerySet["StatusUpdate"]):
    def latest_of(self, project_ids: Iterable[int], as_at: date) -> Self:
        """The newest update on or before `as_at` of each listed project: a row a
        project (none for a project without one), found through the latest-update index
        rather than by reading every update of the projects."""
        # Asked of the field: Project's module imports this one.
        project = cast("type[Project]", self.model._meta.get_field("project").related_model)
        newest = (
            self.model.objects.filter(project=OuterRef("pk"), reported_on__lte=as_at)
            .order_by(*LATEST_FIRST)
            .values("pk")[:1]
        )
        return self.filter(
            pk__in=project.objects.filter(pk__in=project_ids).values(newest_pk=Subquery(newest))
        )

    def latest_words_of(self, project_ids: Iterable[int], as_at: date) -> dict[int, StatusUpdate]:
        """{project id: its newest update on or before `as_at`} with the words lists show
        of it (progress, issues, next steps): one query."""
        return {
            update.project_id: update
            for update in self.latest_of(project_ids, as_at).only(
                "project_id", "reported_on", "issues", "progress", "next_steps"
            )
        }


class StatusUpdate(models.Model):
    """The dated record an officer writes. The latest one is the project's status."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="status_updates"
    )
    reported_on = models.DateField(default=timezone.localdate)
    rag = models.ForeignKey(
        RagLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_updates",
        verbose_name="RAG",
        help_text="Blank when a paper recorded progress without a RAG.",
    )
    delivery_status = models.CharField(max_length=20, choices=DeliveryStatus.choices, blank=True)
    progress = models.TextField("progress this period", blank=True)
    next_steps = models.TextField(blank=True)
    issues = models.TextField("issues and risks to escalate", blank=True)
    raised_issues = models.ManyToManyField(
        "projects.Issue",
        blank=True,
        related_name="raised_in_updates",
        help_text="The project's issues this update raises with the board.",
    )
    # The officer's judgement of the money, as the highlight reports give it
    # ("Budget issues: Amber", with why); optional, on the project's own scale.
    budget_rag = models.ForeignKey(
        RagLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="budget RAG",
    )
    budget_notes = models.TextField("budget issues", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_updates",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The project version this update created: a conflict page shows the
    # updates saved after the version an officer's form was opened at.
    project_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = LATEST_FIRST
        get_latest_by = ["reported_on", "created_at", "pk"]
        indexes = [
            # The latest update per project is looked up on every list and dashboard.
            models.Index(
                fields=["project", "-reported_on", "-created_at", "-id"], name="status_latest"
            ),
            models.Index(fields=["delivery_status", "reported_on"], name="status_delivery"),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.reported_on:%d/%m/%Y}"

    def clean(self) -> None:
        if (
            self.rag_id
            and self.project_id
            and self.rag is not None
            and self.rag.scale_id != self.project.rag_scale.pk
        ):
            raise ValidationError(
                {"rag": f"Choose a level of the {self.project.rag_scale} scale for this project."}
            )
        budget = self.budget_rag
        if budget and self.project_id and budget.scale_id != self.project.rag_scale.pk:
            raise ValidationError(
                {"budget_rag": f"Choose a level of the {self.project.rag_scale} scale."}
            )
        if self.reported_on and self.reported_on > timezone.localdate():
            raise ValidationError({"reported_on": "An update cannot be dated in the future."})
