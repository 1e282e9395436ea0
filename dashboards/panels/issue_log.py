"""The issues of a report's scope as they stood on its day: its projects', its
programmes' and its strategy's own, open ones first, with where each was escalated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from django.db.models import Q, QuerySet

from core.frozen_rows import FrozenRows
from programmes.models import Person, Programme, Strategy
from projects.models import Escalation, Issue, Project

from ..scope import end_of
from . import clip, project_names


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
        read = Q(pk__in=projects.values("programme_id"))
        if programmes is not None:
            read |= Q(pk__in=programmes.values("pk"))
        programmes_read = Programme.objects.filter(read)
        in_scope = Q(project__in=projects) | Q(programme__in=programmes_read.values("pk"))
        if strategy is not None:
            in_scope |= Q(strategy=strategy)
        issues = sorted(
            Issue.history.as_of(end_of(as_at)).filter(in_scope),
            key=lambda issue: (issue.status != Issue.Status.OPEN, issue.reference, issue.pk),
        )
        names = {
            **{("project", pk): name for pk, name in project_names(projects).items()},
            **{("programme", p.pk): str(p) for p in programmes_read.only("name")},
            **({("strategy", strategy.pk): str(strategy)} if strategy is not None else {}),
        }
        owners = Person.objects.in_bulk({issue.owner_id for issue in issues} - {None})
        escalations = dict(Escalation.choices)
        rows = []
        for issue in issues:
            keeper = (
                ("project", issue.project_id)
                if issue.project_id
                else ("programme", issue.programme_id)
                if issue.programme_id
                else ("strategy", issue.strategy_id)
            )
            owner = owners.get(issue.owner_id)
            rows.append(
                IssueRow(
                    reference=issue.reference,
                    title=issue.title,
                    description=clip(issue.description, 400),
                    kept_by=names.get(keeper, ""),
                    owner=owner.name if owner else "",
                    priority=issue.get_priority_display(),
                    raised_on=issue.raised_on,
                    target_on=issue.target_on,
                    status=issue.get_status_display(),
                    escalated=escalations[issue.escalated_to] if issue.escalated_to else "",
                )
            )
        return cls(rows=rows)
