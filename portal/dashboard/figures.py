"""Headline figures and RAG mixes for a scope."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q

from projects.finance import budget_and_pressure
from projects.models import (
    OPEN_STATUSES,
    DeliveryStatus,
    Project,
    StatusUpdate,
    due_between_q,
    overdue_milestone_q,
)

from .scope import end_of, financial_year_start

DUE_WINDOW = timedelta(days=90)


@dataclass
class RagCount:
    level: object  # None for "no update yet"
    count: int
    share: float = 0.0


@dataclass
class Headlines:
    total: int
    by_lifecycle: list
    rag: list
    completed_this_year: int
    year_start: object
    due_soon: int
    overdue: int
    budget: object
    pressure: object
    open_changes: int


def rag_counts(levels, counts_by_level_id, total):
    """Counts in the scale's order, worst first, then projects with no RAG yet."""
    rows = [RagCount(level, counts_by_level_id.get(level.pk, 0)) for level in levels]
    rows.append(RagCount(None, counts_by_level_id.get(None, 0)))
    for row in rows:
        row.share = row.count / total if total else 0
    return rows


def milestone_figures(scope):
    """Due in the next 90 days, and overdue, as at the scope's day: one pass, one query.

    Most milestones of a big portfolio are in one count or the other, so one scan
    with two filtered counts beats two index range scans.
    """
    soon = due_between_q(scope.as_at, scope.as_at + DUE_WINDOW)
    return scope.milestones().aggregate(
        due_soon=Count("pk", filter=Q(delivery_status__in=OPEN_STATUSES) & soon),
        overdue=Count("pk", filter=overdue_milestone_q(scope.as_at)),
    )


def rag_counts_by_programme(scope):
    """{programme id: {RAG level id or None: projects}}: the one pass over every project's
    latest update that both the headline counts and the chart read."""
    counts = {}
    for row in (
        scope.projects()
        .with_current_rag(as_at=scope.as_at)
        .values("programme_id", "current_rag_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(row["programme_id"], {})[row["current_rag_id"]] = row["n"]
    return counts


def lifecycle_as_at(scope, projects, live_counts):
    """Lifecycle counts as the audit trail had them on the as-at day. A project whose
    trail starts later (entered after the fact, as imported data is) counts as it is now:
    the status history says it existed, even if the portal learned of it later."""
    then = dict(
        Project.history.as_of(end_of(scope.as_at))
        .filter(id__in=projects.values("pk"))
        .values_list("id", "lifecycle_status")
    )
    if not then:
        return live_counts
    counts = {}
    for pk, status in projects.values_list("pk", "lifecycle_status"):
        status = then.get(pk, status)
        counts[status] = counts.get(status, 0) + 1
    return counts


def headlines(scope, levels, by_programme, *, open_changes):
    projects = scope.projects()
    by_status = list(projects.values("lifecycle_status").annotate(n=Count("id")).order_by())
    lifecycle = {row["lifecycle_status"]: row["n"] for row in by_status}
    if scope.is_past:
        lifecycle = lifecycle_as_at(scope, projects, lifecycle)
    total = sum(lifecycle.values())
    by_rag = {}
    for programme_counts in by_programme.values():
        for level_id, count in programme_counts.items():
            by_rag[level_id] = by_rag.get(level_id, 0) + count
    year_start = financial_year_start(scope.as_at)
    completed = (
        StatusUpdate.objects.filter(
            project__in=projects.values("pk"),
            delivery_status=DeliveryStatus.COMPLETE,
            reported_on__range=(year_start, scope.as_at),
        )
        .values("project")
        .distinct()
        .count()
    )
    budget, pressure = budget_and_pressure(projects)
    milestones = milestone_figures(scope)
    return Headlines(
        total=total,
        by_lifecycle=[
            (value, label, lifecycle.get(value, 0)) for value, label in Project.Lifecycle.choices
        ],
        rag=rag_counts(levels, by_rag, total),
        completed_this_year=completed,
        year_start=year_start,
        due_soon=milestones["due_soon"],
        overdue=milestones["overdue"],
        budget=budget,
        pressure=pressure,
        open_changes=open_changes,
    )


def rag_by_programme(levels, programmes, counts):
    """[(programme, [RagCount…], total)] for the stacked bar chart."""
    result = []
    for programme in programmes:
        by_level = counts.get(programme.pk, {})
        total = sum(by_level.values())
        result.append((programme, rag_counts(levels, by_level, total), total))
    return result
