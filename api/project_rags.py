"""A page of projects' three RAGs as at a day, read for the whole page at once: the
officer's own (annotated by `with_current_rag`), the one the milestones indicate
(projects/schedule.py, the project page's rule) and the financial one
(projects/finance.py, the project page's latest year). For a past day, milestones and
money are read from the audit trail, as the dashboard's as-at view reads them. A fixed
number of queries a page, whatever its size (tests/test_api_query_counts.py pins them at
two sizes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from core.calendar import financial_year_label
from dashboards.scope import end_of
from programmes.models import RagLevel
from projects.dependency_plan import dependencies_at_risk
from projects.finance import Spend, add_line, with_rag
from projects.models import Milestone, MilestoneStatus, Project, ProjectFinance
from projects.schedule import assess_schedule


@dataclass(frozen=True, slots=True)
class MilestoneDates:
    """A milestone's dates and status as values, with the Milestone model's own rules
    for them (borrowed, not written again): what projects/schedule.py assesses."""

    id: int
    project_id: int
    title: str
    baseline_date: date | None
    forecast_date: date | None
    completed_on: date | None
    delivery_status: str

    is_withdrawn = Milestone.is_withdrawn
    due_date = Milestone.due_date
    slippage_days = Milestone.slippage_days
    is_slipped = Milestone.is_slipped
    is_overdue = Milestone.is_overdue


def milestones_as_at(as_at: date, today: date) -> QuerySet[Milestone]:
    """Milestones as they stood at the end of `as_at`: from the audit trail for a past
    day, as the dashboard's as-at view reads them (dashboards/scope.py)."""
    if as_at < today:
        return Milestone.history.as_of(end_of(as_at))
    return Milestone.objects.all()


def attach_rags(projects: Sequence[Any], *, as_at: date, today: date) -> None:
    """Sets `api_current_rag`, `api_schedule_rag` (with `api_schedule_reasons`),
    `api_financial_rag` and `api_financial_year` on each project of the page (rows of
    `Project.objects.for_api()`)."""
    ids = [project.pk for project in projects]
    levels = RagLevel.objects.select_related("scale").in_bulk()
    # Read as values: a page of 100 projects has some 2,000 milestones, and a model
    # instance made of each history record (and a milestone of that) costs more than all
    # the rest of the page (README, Benchmarks).
    milestones = defaultdict(list)
    rows = (
        milestones_as_at(as_at, today)
        .filter(project_id__in=ids)
        .exclude(delivery_status=MilestoneStatus.WITHDRAWN)
        .values(*MilestoneDates.__dataclass_fields__)
    )
    for row in rows:
        milestones[row["project_id"]].append(MilestoneDates(**row))
    # What a project waits on is kept as it is now, without a history: it counts only
    # for today's view.
    problems = defaultdict(list)
    if as_at >= today:
        for line in dependencies_at_risk(Project.objects.filter(pk__in=ids), today):
            problems[line.dependency.project_id].append(line.problem)
    spends = _latest_spend(ids, as_at, today)
    # The financial key's levels, as projects.finance.financial_levels() reads them.
    financial = {level.code: level for level in levels.values() if level.scale.slug == "financial"}
    for project in projects:
        project.api_current_rag = levels.get(project.current_rag_id)
        scale_levels = [level for level in levels.values() if level.scale_id == _scale(project)]
        schedule = assess_schedule(milestones[project.pk], as_at, problems[project.pk])
        project.api_schedule_rag = (
            next((level for level in scale_levels if level.code == schedule.code), None)
            if schedule
            else None
        )
        project.api_schedule_reasons = schedule.reasons if schedule else []
        year, spend = spends.get(project.pk, (None, None))
        project.api_financial_rag = with_rag(spend, financial).rag if spend else None
        project.api_financial_year = financial_year_label(year) if year is not None else None


def _scale(project: Project) -> int:
    return project.programme.strategy.rag_scale_id


def _latest_spend(ids: list[int], as_at: date, today: date) -> dict[int, tuple[int, Spend]]:
    """Each project's spend in its latest financial year (funding sources added
    together), as the project page shows it: of the lines held at the end of `as_at`."""
    if as_at < today:
        lines = ProjectFinance.history.as_of(end_of(as_at))
    else:
        lines = ProjectFinance.objects.all()
    by_project: dict[int, tuple[int, Spend]] = {}
    for line in lines.filter(project_id__in=ids).order_by("project_id", "year"):
        # By year: a later year's line starts the project's spend again.
        latest = by_project.get(line.project_id)
        if latest is None or latest[0] != line.year:
            latest = by_project[line.project_id] = (
                line.year,
                Spend(financial_year_label(line.year)),
            )
        add_line(latest[1], line)
    return by_project
