"""Headline figures and RAG mixes for a scope."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q

from projects.finance import budget_and_pressure
from projects.models import OPEN_STATUSES, Project, due_day

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
    """Due in the next 90 days, and overdue, as at the scope's day: one query over the
    open milestones due by the window's end. The due day (the forecast, else the
    baseline) is worked out once a row: the OR of date tests that `due_between_q` writes
    for index ranges cost SQLite more than reading the rows (93 ms to 58 at 10,000
    projects, where every project's milestones are read through its index)."""
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


def lifecycle_as_at(scope, live_counts, snapshot):
    """Lifecycle counts as the audit trail had them on the as-at day. A project whose
    trail starts later (entered after the fact, as imported data is) counts as it is now:
    the status history says it existed, even if the portal learned of it later.

    Only projects with a record after that day are looked up: every save writes one,
    so any other project's status then is its status now (10,000 projects: 16 ms to
    read every project's, on PostgreSQL)."""
    moment = end_of(scope.as_at)
    changed_since = Project.history.filter(history_date__gt=moment).values("id")
    then = dict(
        Project.history.as_of(moment)
        .filter(id__in=changed_since)
        .filter(id__in=scope.projects().values("pk"))
        .values_list("id", "lifecycle_status")
    )
    if not then:
        return live_counts
    counts = {}
    for row in snapshot.rows:
        status = then.get(row.pk, row.lifecycle_status)
        counts[status] = counts.get(status, 0) + 1
    return counts


def headlines(scope, levels, snapshot, *, open_changes, money=None):
    """The headline figures. `money`: the scope's MoneyRead, when the page reads it
    anyway (the budget and pressure are then added up from it, not asked for again)."""
    lifecycle = snapshot.lifecycle_counts()
    if scope.is_past:
        lifecycle = lifecycle_as_at(scope, lifecycle, snapshot)
    total = len(snapshot.rows)
    by_rag = {}
    for row in snapshot.rows:
        by_rag[row.rag_id] = by_rag.get(row.rag_id, 0) + 1
    year_start = financial_year_start(scope.as_at)
    completed = snapshot.completed_between(year_start - timedelta(days=1), scope.as_at)
    if money is None:
        budget, pressure = budget_and_pressure(scope.projects())
    else:
        budget, pressure = money.budget_and_pressure()
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
