"""Headline figures and RAG mixes for a scope."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q

from core.calendar import financial_year_start
from core.rag_mix import rag_counts
from projects.models import OPEN_STATUSES, Project, due_day

from .scope import end_of

DUE_WINDOW = timedelta(days=90)


@dataclass
class Headlines:
    total: int
    by_lifecycle: list
    rag: list
    completed_this_year: int
    year_start: object
    due_soon: int
    overdue: int
    open_changes: int


def milestone_figures(scope):
    """Due in the next 90 days, and overdue, as at the scope's day: one query over the
    open milestones due by the window's end. The due day (the forecast, else the
    baseline) is worked out once a row: the OR of date tests that `due_between_q` writes
    for index ranges cost SQLite more than reading the rows (README, Benchmarks)."""
    window_end = scope.as_at + DUE_WINDOW
    return (
        scope.milestones()
        .filter(delivery_status__in=OPEN_STATUSES)
        .alias(due=due_day())
        .filter(due__lte=window_end)
        .aggregate(
            due_soon=Count("pk", filter=Q(due__gte=scope.as_at)),
            overdue=Count("pk", filter=Q(due__lt=scope.as_at)),
        )
    )


def lifecycle_as_at(scope, live_counts, scope_read):
    """Lifecycle counts as the audit trail had them on the as-at day. A project whose
    trail starts later (entered after the fact, as imported data is) counts as it is now:
    the status history says it existed, even if the portal learned of it later.

    Only projects with a record after that day are looked up: every save writes one,
    so any other project's status then is its status now."""
    moment = end_of(scope.as_at)
    changed_since = Project.history.filter(history_date__gt=moment).values("id")
    # Every project changed since, not only the scope's: only the scope's rows are read
    # from it below, and the scope's subquery cost more than the rows it left out.
    then = dict(
        Project.history.as_of(moment)
        .filter(id__in=changed_since)
        .values_list("id", "lifecycle_status")
    )
    if not then:
        return live_counts
    counts = {}
    for row in scope_read.rows:
        status = then.get(row.pk, row.lifecycle_status)
        counts[status] = counts.get(status, 0) + 1
    return counts


def headlines(scope, levels, scope_read, *, open_changes):
    """The counts every dashboard and programme page opens with. Money leads only where
    the strategy chooses it (panels/lead_figures.py)."""
    lifecycle = scope_read.lifecycle_counts()
    if scope.is_past:
        lifecycle = lifecycle_as_at(scope, lifecycle, scope_read)
    total = len(scope_read.rows)
    by_rag = {}
    for row in scope_read.rows:
        by_rag[row.rag_id] = by_rag.get(row.rag_id, 0) + 1
    year_start = financial_year_start(scope.as_at)
    completed = scope_read.completed_between(year_start - timedelta(days=1), scope.as_at)
    milestones = milestone_figures(scope)
    return Headlines(
        total=total,
        by_lifecycle=[
            (value, label, lifecycle.get(value, 0)) for value, label in Project.Lifecycle.choices
        ],
        rag=rag_counts(levels, by_rag, total),
        completed_this_year=len(completed),
        year_start=year_start,
        due_soon=milestones["due_soon"],
        overdue=milestones["overdue"],
        open_changes=open_changes,
    )
