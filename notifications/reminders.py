"""Reminding officers of the updates due before the next cut-off: the day the next
meeting's report reads their strategy's data as at (projects.my_projects), or the end of
the reporting period where no meeting is ahead. One reminder a person a cut-off, however
often the schedule runs (tests/test_notifications_scheduled.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from core.calendar import period_of
from core.roles import OFFICER, has_role
from programmes.models import Person
from projects.models import Project
from projects.my_projects import my_projects

from .models import Kind
from .sending import Message, notify


def named_on_projects() -> list[Person]:
    """People named on a project as its sponsor, manager, lead or an editor, with a sign-in."""
    return list(
        Person.objects.filter(
            Q(sponsored_projects__isnull=False)
            | Q(managed_projects__isnull=False)
            | Q(led_projects__isnull=False)
            | Q(editable_projects__isnull=False),
            user__isnull=False,
        )
        .distinct()
        .select_related("user")
        .order_by("name")
    )


def cut_off_of(project: Project, today: date) -> date:
    deadline = getattr(project, "deadline", None)
    if deadline is not None:
        return deadline.day
    return period_of(today, project.programme.strategy.reporting_period)[1]


def overdue(project: Project) -> str:
    """The words " (3 overdue milestones)", from the count my_projects' query annotates."""
    count = getattr(project, "overdue_milestones", 0)
    return f" ({count} overdue milestone{'s' if count != 1 else ''})" if count else ""


def remind_updates_due(*, today: date) -> int:
    """Notify each officer whose projects' updates are due within
    PORTAL_REMINDER_DAYS_BEFORE days of their cut-off; say how many were told."""
    horizon = today + timedelta(days=settings.PORTAL_REMINDER_DAYS_BEFORE)
    told = 0
    for person in named_on_projects():
        if not has_role(person.user, OFFICER):
            continue  # only officers can act on the links
        by_cut_off: dict[date, list[Project]] = defaultdict(list)
        mine = my_projects(person, today)
        for project in mine.due:
            cut_off = cut_off_of(project, today)
            if today <= cut_off <= horizon:
                by_cut_off[cut_off].append(project)
        for cut_off, projects in sorted(by_cut_off.items()):
            lines = [
                f"- {project.name}: {settings.PORTAL_BASE_URL}"
                f"{reverse('projects:update', args=[project.pk])}{overdue(project)}"
                for project in projects
            ]
            told += bool(
                notify(
                    [person],
                    Message(
                        kind=Kind.UPDATE_DUE,
                        key=f"update_due:{cut_off.isoformat()}",
                        subject=f"Updates due by {cut_off:%-d %B %Y} on {len(projects)} "
                        f"project{'s' if len(projects) != 1 else ''}",
                        body=f"These projects have had no status update since "
                        f"{mine.period_start:%-d %B %Y}, and the next report reads the data "
                        f"as at {cut_off:%-d %B %Y}:\n\n" + "\n".join(lines),
                        link=reverse("my_projects"),
                    ),
                )
            )
    return told
