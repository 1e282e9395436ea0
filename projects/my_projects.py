"""An officer's projects: which need an update this period, and by when: the cut-off of
the next meeting that reads the project's strategy (tests/test_my_projects.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from meetings.models import Meeting, data_day
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
    """{strategy id: the first data-as-at day still ahead of a meeting that reads it},
    in one query: an update is due by then (meetings.models.data_day)."""
    periods = {strategy.pk: strategy.reporting_period for strategy in strategies}
    candidates: dict[tuple[int, int], Deadline] = {}
    for row in Meeting.objects.reading(strategies).filter(date__gte=today):
        for strategy_id, reported in ((row["reported"], True), (row["followed"], False)):
            key = (row["pk"], strategy_id)
            if strategy_id not in periods or (key in candidates and not reported):
                continue  # a report on it says the meeting's day, whichever row has it
            day = data_day(
                meeting_date=row["date"],
                period=periods[strategy_id],
                clerks_day=row["clerks_day"] if reported else None,
                first_meeting=row["first_meeting"] if reported else None,
            )
            candidates[key] = Deadline(day, f"{row['body__name']}, {row['date']:%-d %B %Y}")
    deadlines: dict[int, Deadline] = {}
    for (_, strategy_id), deadline in candidates.items():
        soonest = deadlines.get(strategy_id)
        if deadline.day >= today and (soonest is None or deadline.day < soonest.day):
            deadlines[strategy_id] = deadline
    return deadlines


def my_projects(person: Person, today: date) -> MyProjects:
    projects = attach_current_rag(list(Project.objects.for_my_projects(person, today)))
    finished = {Project.Lifecycle.COMPLETE, Project.Lifecycle.CLOSED}
    strategies = {p.programme.strategy.pk: p.programme.strategy for p in projects}
    deadlines = next_deadlines(list(strategies.values()), today)
    due, starts = [], [period_start(today)]
    for project in projects:
        strategy = project.programme.strategy
        # Each strategy's own period: a quarterly strategy wants one update a quarter.
        began = period_start(today, strategy.reporting_period)
        project.deadline = deadlines.get(strategy.pk)  # type: ignore[attr-defined]  # for the table
        if project.lifecycle_status not in finished and (
            not project.last_reported_on or project.last_reported_on < began
        ):
            due.append(project)
            starts.append(began)
    up_to_date = [p for p in projects if p not in due]
    # The reminder says "no update since" this day: the latest period start of the
    # projects due, which none of them has an update after.
    return MyProjects(period_start=max(starts), due=due, up_to_date=up_to_date)
