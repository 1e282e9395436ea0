"""Writes that span several models, each in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.concurrency import claim_version

from .models import DeliveryStatus, Issue, Project, StatusUpdate

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

    from programmes.models import RagLevel

# What an officer's delivery status says about the project's lifecycle.
LIFECYCLE_FOR_DELIVERY: dict[str, str] = {
    DeliveryStatus.STARTED: Project.Lifecycle.ACTIVE,
    DeliveryStatus.PAUSED: Project.Lifecycle.PAUSED,
    DeliveryStatus.COMPLETE: Project.Lifecycle.COMPLETE,
}


class ConflictError(Exception):
    """Someone saved the project after this form was opened."""

    def __init__(self, *, project: Project, opened_version: int) -> None:
        super().__init__(f"Project {project.pk} changed since version {opened_version}")
        self.project = project
        self.opened_version = opened_version

    @property
    def their_updates(self) -> QuerySet[StatusUpdate]:
        return (
            self.project.status_updates.filter(project_version__gt=self.opened_version)
            .select_related("rag", "author")
            .prefetch_related("raised_issues")
        )


@dataclass
class MilestoneChange:
    milestone_id: int
    forecast_date: date | None
    completed_on: date | None
    delivery_status: str


@transaction.atomic
def status_update_create(
    *,
    project: Project,
    author: User | None,
    version: int,
    rag: RagLevel | None,
    delivery_status: str,
    progress: str,
    next_steps: str = "",
    issues: str = "",
    budget_rag: RagLevel | None = None,
    budget_notes: str = "",
    milestone_changes: Sequence[MilestoneChange] = (),
    raised_issues: Sequence[Issue] = (),
) -> StatusUpdate:
    """Save an officer's update with their milestone changes, or nothing at all.

    A save opened at an older version is refused (see `core.concurrency`).
    """
    if not claim_version(Project.objects, pk=project.pk, version=version):
        raise ConflictError(project=Project.objects.get(pk=project.pk), opened_version=version)
    new_version = version + 1

    # Compare with the stored rows, not the form's instances (a ModelForm has
    # already copied the new values onto those).
    stored = project.milestones.in_bulk([change.milestone_id for change in milestone_changes])
    for change in milestone_changes:
        milestone = stored.get(change.milestone_id)
        if milestone is None:
            raise ValidationError("A milestone in the form does not belong to this project.")
        fields = {
            "forecast_date": change.forecast_date,
            "completed_on": change.completed_on,
            "delivery_status": change.delivery_status,
        }
        changed = [name for name, value in fields.items() if getattr(milestone, name) != value]
        if changed:
            for name in changed:
                setattr(milestone, name, fields[name])
            # Its project and lead are as read: only the dates and status are checked.
            milestone.full_clean(exclude=["project", "lead"])
            milestone.save(update_fields=changed)

    update = StatusUpdate(
        project=project,
        rag=rag,
        delivery_status=delivery_status,
        progress=progress,
        next_steps=next_steps,
        issues=issues,
        budget_rag=budget_rag,
        budget_notes=budget_notes,
        author=author,
        reported_on=timezone.localdate(),
        project_version=new_version,
    )
    # The project, RAG levels and author were read for this request: checking that each
    # still exists would cost a query apiece (clean() still checks the levels' scale).
    # tests/test_query_counts.py holds the save to 15 queries.
    update.full_clean(exclude=["project", "rag", "budget_rag", "author"])
    update.save()
    if raised_issues:
        if any(issue.project_id != project.pk or not issue.is_open for issue in raised_issues):
            raise ValidationError("Raise only this project's open issues.")
        update.raised_issues.set(raised_issues)

    lifecycle = LIFECYCLE_FOR_DELIVERY.get(delivery_status)
    if lifecycle and project.lifecycle_status != lifecycle:
        project.lifecycle_status = lifecycle
        project.save(update_fields=["lifecycle_status"])
    project.version = new_version
    return update
