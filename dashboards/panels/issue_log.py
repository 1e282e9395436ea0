"""The issues of a report's scope as they stood on its day: its projects', its
programmes' and its strategy's own, open ones first, with where each was escalated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from django.db.models import QuerySet

from core.frozen_rows import FrozenRows
from programmes.models import Programme, Strategy
from projects.models import Issue, Project

from . import clip
from .raid_trail import raid_as_at


@dataclass(frozen=True)
class IssueRow:
    reference: str
    title: str
    description: str
    kept_by: str
    owner: str
    priority: str
    raised_on: date
    target_on: date | None
    status: str
    escalated: str


@dataclass(frozen=True)
class IssueLog(FrozenRows):
    rows: list[IssueRow]

    @classmethod
    def build(
        cls,
        projects: QuerySet[Project],
        as_at: date,
        *,
        programmes: QuerySet[Programme] | None = None,
        strategy: Strategy | None = None,
    ) -> Self:
        read = raid_as_at(Issue, projects, as_at, programmes=programmes, strategy=strategy)
        issues = sorted(
            read.entries,
            key=lambda issue: (issue.status != Issue.Status.OPEN, issue.reference, issue.pk),
        )
        rows = []
        for issue in issues:
            rows.append(
                IssueRow(
                    reference=issue.reference,
                    title=issue.title,
                    description=clip(issue.description, 400),
                    kept_by=read.kept_by(issue),
                    owner=read.owner(issue),
                    priority=issue.get_priority_display(),
                    raised_on=issue.raised_on,
                    target_on=issue.target_on,
                    status=issue.get_status_display(),
                    escalated=read.escalated(issue),
                )
            )
        return cls(rows=rows)
