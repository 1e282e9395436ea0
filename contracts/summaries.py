"""What dashboards, contract pages and reports say about changes and plans: counts
by status and each plan's RAG mix, one pass each, for screen and print alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from core.charts import StackedBars, stacked_bars
from core.rag_mix import RagCount, rag_by_programme, rag_counts
from programmes.models import Programme, RagLevel, Strategy
from projects.models import Project

from .lifecycle import REGISTER_ORDER
from .models import ChangeStatus
from .models.changes import OPEN_CHANGE_STATUSES, ContractChangeQuerySet


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


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
    return [StatusCount(s, ChangeStatus(s).label, counts.get(s, 0)) for s in statuses]


@dataclass
class PlanSummary:
    plan: Strategy
    levels: list[RagLevel]
    rows: list[tuple[Programme, list[RagCount], int]]  # service areas, as the RAG chart takes them
    parts: dict[int, dict[str, int]]  # {service area id: {plan part: items}}
    totals: list[RagCount]  # over the whole plan
    total: int

    @property
    def chart(self) -> StackedBars:
        return stacked_bars(self.rows)

    def part_rows(self) -> list[tuple[Programme, list[int], list[RagCount], int]]:
        """[(service area, [items in part 1, 2, 3], [RagCount], total)] for the summary table."""
        return [
            (area, [self.parts.get(area.pk, {}).get(part, 0) for part, _ in PLAN_PARTS], counts, n)
            for area, counts, n in self.rows
        ]


PLAN_PARTS = [choice for choice in Project.PlanPart.choices if choice[0]]


def plan_summaries(plans: Iterable[Strategy], *, as_at: date | None = None) -> list[PlanSummary]:
    """A PlanSummary per plan (strategies with their scale and programmes prefetched),
    from one pass over the plans' items."""
    plans = list(plans)
    if not plans:
        return []
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
    summaries = []
    for plan in plans:
        levels = list(plan.rag_scale.levels.all())
        areas = list(plan.programmes.all())
        by_area = rag_by_programme(levels, areas, counts)
        overall: dict[int | None, int] = {}
        for area in areas:
            for level_id, n in counts.get(area.pk, {}).items():
                overall[level_id] = overall.get(level_id, 0) + n
        total = sum(overall.values())
        summaries.append(
            PlanSummary(
                plan=plan,
                levels=levels,
                rows=by_area,
                parts=parts,
                totals=rag_counts(levels, overall, total),
                total=total,
            )
        )
    return summaries
