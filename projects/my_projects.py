"""An officer's projects: which need an update this period, overdue milestones first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from programmes.models import Person
from projects.models import Project
from projects.rag import attach_current_rag
from projects.reporting_periods import period_start


@dataclass
class MyProjects:
    period_start: date
    due: list[Project]
    up_to_date: list[Project]


def my_projects(person: Person, today: date) -> MyProjects:
    start = period_start(today)
    projects = attach_current_rag(list(Project.objects.for_my_projects(person, today)))
    finished = {Project.Lifecycle.COMPLETE, Project.Lifecycle.CLOSED}
    due = [
        p
        for p in projects
        if p.lifecycle_status not in finished
        and (not p.last_reported_on or p.last_reported_on < start)
    ]
    up_to_date = [p for p in projects if p not in due]
    return MyProjects(period_start=start, due=due, up_to_date=up_to_date)
