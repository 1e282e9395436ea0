"""Milestones whose forecast moved since the last issued report (or, before any report,
away from their baseline), with the reason the officer gave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Self

from django.db.models import QuerySet
from django.utils import timezone

from core.frozen_rows import FrozenRows
from projects.models import Milestone, Project, StatusUpdate

from . import clip, milestones_as_at, project_names


@dataclass(frozen=True)
class MilestoneChange:
    project: str
    milestone: str
    baseline: date | None
    forecast: date | None
    days: int | None
    reason: str


@dataclass(frozen=True)
class MilestoneChanges(FrozenRows):
    since: datetime | None  # None: no report was issued on this scope before
    rows: list[MilestoneChange]

    @property
    def since_day(self) -> date | None:
        return timezone.localdate(self.since) if self.since else None

    @classmethod
    def build(cls, projects: QuerySet[Project], since: datetime | None, as_at: date) -> Self:
        milestones = (
            milestones_as_at(as_at)
            .filter(project__in=projects)
            .exclude(forecast_date=None)
            .order_by("project__name", "order")
        )
        names = project_names(projects)
        if since is not None:
            # The forecast each milestone had then, from the audit trail: one query.
            then = dict(
                Milestone.history.as_of(since)
                .filter(project_id__in=projects.values("pk"))
                .values_list("id", "forecast_date")
            )
            moved = [m for m in milestones if m.pk in then and then[m.pk] != m.forecast_date]
        else:
            moved = [m for m in milestones if m.forecast_date != m.baseline_date]
        updates = StatusUpdate.objects.latest_words_of({m.project_id for m in moved}, as_at)
        rows = []
        for m in moved:
            update = updates.get(m.project_id)
            rows.append(
                MilestoneChange(
                    project=names[m.project_id],
                    milestone=m.title,
                    baseline=m.baseline_date,
                    forecast=m.forecast_date,
                    days=m.slippage_days,
                    reason=clip(update.issues or update.progress) if update else "",
                )
            )
        return cls(since=since, rows=rows)
