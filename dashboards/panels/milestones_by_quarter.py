"""Open milestones, overdue then this quarter and the next three: a row a project and a
column a quarter, as the 12-month action plan laid them out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from django.db.models import QuerySet

from core.calendar import quarter_of
from core.frozen_rows import FrozenRows
from projects.models import OPEN_STATUSES, Project

from . import milestones_as_at, project_names

QUARTERS_AHEAD = 4


@dataclass(frozen=True)
class QuarterItem:
    milestone: str
    due: date


@dataclass(frozen=True)
class QuarterRow:
    project: str
    cells: list[list[QuarterItem]]  # overdue, then a list a quarter


@dataclass(frozen=True)
class MilestonesByQuarter(FrozenRows):
    columns: list[str]
    rows: list[QuarterRow]

    @classmethod
    def build(cls, projects: QuerySet[Project], as_at: date) -> Self:
        quarters = [quarter_of(as_at)]
        while len(quarters) < QUARTERS_AHEAD:
            quarters.append(quarters[-1].following())
        last = quarters[-1].end
        milestones = (
            milestones_as_at(as_at)
            .filter(project__in=projects, delivery_status__in=OPEN_STATUSES)
            .order_by("project__programme__order", "project__order", "project__name", "order")
        )
        names = project_names(projects)
        rows: dict[int, tuple[str, list[list[QuarterItem]]]] = {}
        for m in milestones:
            due = m.due_date
            if due is None or due > last:
                continue
            column = (
                0 if due < as_at else 1 + next(i for i, q in enumerate(quarters) if q.contains(due))
            )
            _, cells = rows.setdefault(
                m.project_id, (names[m.project_id], [[] for _ in range(1 + len(quarters))])
            )
            cells[column].append(QuarterItem(milestone=m.title, due=due))
        return cls(
            columns=["Overdue"] + [q.label for q in quarters],
            rows=[
                QuarterRow(
                    project=project,
                    cells=[sorted(cell, key=lambda item: item.due) for cell in cells],
                )
                for project, cells in rows.values()
            ],
        )
