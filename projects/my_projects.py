"""An officer's projects: which need an update this period, and by when: the cut-off of
the next meeting that reads the project's strategy (tests/test_my_projects.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from core.calendar import last_complete_period
from meetings.models import Meeting
from programmes.models import Person, Strategy
from projects.models import Project
from projects.rag import attach_current_rag
from projects.reporting_periods import period_start


@dataclass(frozen=True)
class Deadline:
    """The day an update must be in by: the cut-off the next meeting's report reads."""

    day: date
    meeting: str  # "Cabinet, 20 January 2027"


@dataclass
class MyProjects:
    period_start: date
    due: list[Project]
    up_to_date: list[Project]


def next_deadlines(strategies: list[Strategy], today: date) -> dict[int, Deadline]:
    """{strategy id: its next meeting's cut-off}, in one query, for strategies a meeting
    still to come reads (a body that reads it at each meeting, or a report on it)."""
    periods = {strategy.pk: strategy.reporting_period for strategy in strategies}
    rows = (
        Meeting.objects.filter(date__gte=today)
        .filter(
            Q(body__strategies__in=list(periods))
            | Q(report_links__report__strategy__in=list(periods))
        )
        .values_list(
            "date",
            "body__name",
            "body__strategies",
            "report_links__report__strategy",
            "report_links__report__data_cut_off",
        )
        .order_by("date", "body__name")
    )
    deadlines: dict[int, Deadline] = {}
    for day, body, followed, reported, clerks_day in rows:
        for strategy_id, chosen in ((followed, None), (reported, clerks_day)):
            if strategy_id in periods and strategy_id not in deadlines:
                cut_off = chosen or last_complete_period(day, periods[strategy_id])[1]
                deadlines[strategy_id] = Deadline(cut_off, f"{body}, {day:%-d %B %Y}")
    return deadlines


def my_projects(person: Person, today: date) -> MyProjects:
    start = period_start(today)
    projects = attach_current_rag(list(Project.objects.for_my_projects(person, today)))
    finished = {Project.Lifecycle.COMPLETE, Project.Lifecycle.CLOSED}
    strategies = {p.programme.strategy.pk: p.programme.strategy for p in projects}
    deadlines = next_deadlines(list(strategies.values()), today)
    due = []
    for project in projects:
        strategy = project.programme.strategy
        # Each strategy's own period: a quarterly strategy wants one update a quarter.
        began = period_start(today, strategy.reporting_period)
        project.deadline = deadlines.get(strategy.pk)  # type: ignore[attr-defined]  # for the table
        if project.lifecycle_status not in finished and (
            not project.last_reported_on or project.last_reported_on < began
        ):
            due.append(project)
    up_to_date = [p for p in projects if p not in due]
    return MyProjects(period_start=start, due=due, up_to_date=up_to_date)
