"""What dashboards, contract pages and reports say about changes and plans: counts
by status and each plan's RAG mix, one pass each, for screen and print alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Self

from django.db.models import Count, Q

from core.frozen_rows import FrozenRows
from core.rag_mix import rag_by_programme
from core.rag_ref import RagRef, ScaleRef
from programmes.models import Strategy
from projects.models import Project

from .lifecycle import REGISTER_ORDER
from .models import ChangeStatus
from .models.changes import OPEN_CHANGE_STATUSES, ContractChangeQuerySet


@dataclass(frozen=True)
class StatusCount:
    label: str
    count: int
    status: str = ""  # the register's filter, for the page's link; a report prints no link


def changes_by_status(
    changes: ContractChangeQuerySet, *, as_at: date | None = None, open_only: bool = False
) -> list[StatusCount]:
    """[StatusCount] in the lifecycle's order. With `as_at`, as the register stood
    that day (a change raised later is not counted)."""
    if as_at is not None:
        changes = changes.with_status_then(as_at)
        field = "status_then"
    else:
        field = "current_status"
    counts = dict(changes.order_by().values_list(field).annotate(n=Count("pk", distinct=True)))
    statuses = OPEN_CHANGE_STATUSES if open_only else REGISTER_ORDER
    return [
        StatusCount(ChangeStatus(s).label, counts.get(s, 0), status=ChangeStatus(s).value)
        for s in statuses
    ]


PLAN_PARTS = [choice for choice in Project.PlanPart.choices if choice[0]]


@dataclass(frozen=True)
class AreaRow:
    name: str
    parts: list[int]  # items in part 1, 2 and 3
    counts: list[int]  # items at each level of the plan's scale, then with no RAG yet
    total: int
    area_id: int | None = None  # for the page's link to the area; a report prints no link


@dataclass(frozen=True)
class PlanTable:
    title: str
    scale: ScaleRef | None
    areas: list[AreaRow]
    total: int
    # Kept since December 2026; a report issued before prints without them.
    version: str = ""
    approved_on: date | None = None
    slug: str = ""  # for the page's link to the plan's dashboard


@dataclass(frozen=True)
class PlanSummary(FrozenRows):
    """Contract annual plans: items by service area, by part and by RAG. One panel for
    the dashboard, the contract page and the cabinet report, drawn by
    templates/partials/panels/plan_summary.html."""

    plans: list[PlanTable]

    @classmethod
    def build(cls, contract: Any, as_at: date) -> Self:
        """The plans of a report's contract approved by the end of `as_at` (or with no
        approval date), with their items' RAG that day."""
        if contract is None:
            return cls(plans=[])
        plans = Strategy.objects.filter(contract=contract).filter(
            Q(approved_on__lte=as_at) | Q(approved_on=None)
        )
        return cls(plans=plan_summary(plans.for_dashboard(), as_at=as_at).plans)


def plan_summary(plans: Iterable[Strategy], *, as_at: date | None = None) -> PlanSummary:
    """The summary of each plan (strategies with their scale and programmes prefetched),
    from one pass over the plans' items; with `as_at`, each item's RAG that day."""
    plans = list(plans)
    if not plans:
        return PlanSummary(plans=[])
    # {service area id: {RAG level id (None: no RAG yet): items}}, and by plan part.
    counts: dict[int, dict[int | None, int]] = {}
    parts: dict[int, dict[str, int]] = {}
    # The plugin cannot see the annotation a QuerySet method adds (django-stubs#2917).
    rows = (
        Project.objects.filter(programme__strategy__in=plans)
        .with_current_rag(as_at=as_at)
        .values("programme_id", "plan_part", "current_rag_id")  # type: ignore[misc]
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        by_level = counts.setdefault(row["programme_id"], {})
        by_level[row["current_rag_id"]] = by_level.get(row["current_rag_id"], 0) + row["n"]
        by_part = parts.setdefault(row["programme_id"], {})
        by_part[row["plan_part"]] = by_part.get(row["plan_part"], 0) + row["n"]
    tables = []
    for plan in plans:
        levels = list(plan.rag_scale.levels.all())
        by_area = rag_by_programme(levels, list(plan.programmes.all()), counts)
        tables.append(
            PlanTable(
                title=plan.title,
                scale=ScaleRef(
                    pk=plan.rag_scale.pk,
                    name=plan.rag_scale.name,
                    levels=tuple(RagRef.of_level(level) for level in levels),
                ),
                areas=[
                    AreaRow(
                        name=area.name,
                        parts=[parts.get(area.pk, {}).get(part, 0) for part, _ in PLAN_PARTS],
                        counts=[row.count for row in area_counts],
                        total=n,
                        area_id=area.pk,
                    )
                    for area, area_counts, n in by_area
                ],
                total=sum(n for _, _, n in by_area),
                version=plan.version,
                approved_on=plan.approved_on,
                slug=plan.slug,
            )
        )
    return PlanSummary(plans=tables)
