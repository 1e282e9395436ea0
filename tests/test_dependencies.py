"""Dependencies between projects and milestones, across programmes and strategies: shown
at both ends, and when what is waited on is late or slipping past the day it is needed,
both pages, the dashboard and the schedule-indicated RAG say so."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from projects.models import Dependency
from projects.schedule import assess_schedule

from .factories import make_milestone
from .test_home import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def waits_on_late(world):
    """The owner's Wifi project's go-live waits on the other programme's fraud design,
    which was due yesterday and is not done."""
    today = timezone.localdate()
    late = make_milestone(
        project=world.amber_project, title="Design signed off", baseline_date=today - timedelta(1)
    )
    waiting = make_milestone(
        project=world.project, title="Go live", baseline_date=today + timedelta(days=200)
    )
    return Dependency.objects.create(
        project=world.project, milestone=waiting, on_project=world.amber_project, on_milestone=late
    )


def test_a_dependency_on_a_late_milestone_says_why_and_turns_the_schedule_amber(waits_on_late):
    today = timezone.localdate()
    problem = waits_on_late.problem(today)
    assert problem.startswith("“Go live” of Wifi consolidation depends on “Design signed off”")
    assert "is not complete" in problem
    # Alone, the go-live is on track; with what it waits on late, it is at risk.
    go_live = waits_on_late.milestone
    assert assess_schedule([go_live], today).code == "G"
    schedule = assess_schedule([go_live], today, [problem])
    assert schedule.code == "A" and problem in schedule.reasons


def test_a_dependency_forecast_past_the_day_it_is_needed_is_slipping(world):
    needed = make_milestone(project=world.project, title="Go live", baseline_date=date(2031, 1, 31))
    slips = make_milestone(
        project=world.green_project,
        title="Directory ready",
        baseline_date=date(2030, 12, 31),
        forecast_date=date(2031, 3, 31),
    )
    dependency = Dependency.objects.create(
        project=world.project, milestone=needed, on_project=world.green_project, on_milestone=slips
    )
    assert dependency.problem(date(2030, 1, 1)) == (
        "“Go live” of Wifi consolidation, due 31/01/2031, depends on “Directory ready” of "
        "Active Directory, forecast 31/03/2031"
    )
    slips.forecast_date = date(2031, 1, 15)
    assert dependency.problem(date(2030, 1, 1)) is None


def test_both_projects_pages_and_the_dashboard_say_so(client, member, world, waits_on_late):
    client.force_login(member)
    waiting = text_of(client.get(reverse("projects:detail", args=[world.project.pk])))
    assert "depends on “Design signed off” of Revenues and Benefits Fraud" in waiting
    assert "At risk" in waiting
    assert "The milestone dates indicate" in waiting
    waited_on = text_of(client.get(reverse("projects:detail", args=[world.amber_project.pk])))
    assert "“Go live” of Wifi consolidation depends on" in waited_on and "At risk" in waited_on
    dashboard = text_of(client.get(reverse("home"), {"strategy": world.strategy.slug}))
    assert "Wifi consolidation waits on Revenues and Benefits Fraud" in dashboard


def test_an_officer_adds_a_dependency_in_two_steps_and_removes_it(client, officer, world):
    client.force_login(officer)
    url = reverse("projects:dependency_new", args=[world.project.pk])
    first = client.get(url)
    assert "Active Directory" in text_of(first) and "Continue" in text_of(first)
    second = client.get(url, {"on_project": world.green_project.pk})
    assert "New directory built" in text_of(second)
    target = world.green_project.milestones.get(title="New directory built")
    saved = client.post(
        url,
        {
            "version": world.project.version,
            "on_project": world.green_project.pk,
            "on_milestone": target.pk,
            "note": "Wifi sign-in needs the new directory",
        },
    )
    assert saved.status_code == 302
    dependency = world.project.dependencies.get()
    assert (dependency.on_project, dependency.on_milestone) == (world.green_project, target)
    assert dependency.created_by == officer
    world.project.refresh_from_db()
    removed = client.post(
        reverse("projects:dependency_delete", args=[world.project.pk, dependency.pk]),
        {"version": world.project.version},
    )
    assert removed.status_code == 302
    assert not world.project.dependencies.exists()


def test_a_milestone_of_another_project_is_refused_and_nothing_is_written(client, officer, world):
    client.force_login(officer)
    url = reverse("projects:dependency_new", args=[world.project.pk])
    elsewhere = world.red_project.milestones.first()
    response = client.post(
        url,
        {
            "version": world.project.version,
            "on_project": world.green_project.pk,
            "on_milestone": elsewhere.pk,
        },
    )
    assert response.status_code == 400
    assert "Choose a milestone of the project depended on" in text_of(response)
    assert not world.project.dependencies.exists()


def test_another_officer_cannot_add_or_remove_a_projects_dependencies(world, other_officer):
    client = Client()
    client.force_login(other_officer)
    url = reverse("projects:dependency_new", args=[world.green_project.pk])
    assert client.get(url).status_code == 403
    dependency = world.green_project.dependencies.get()
    delete = reverse("projects:dependency_delete", args=[world.green_project.pk, dependency.pk])
    assert client.post(delete, {"version": world.green_project.version}).status_code == 403
    assert Dependency.objects.filter(pk=dependency.pk).exists()


def test_once_the_waiting_milestone_is_done_nothing_waits(waits_on_late):
    waiting = waits_on_late.milestone
    waiting.delivery_status = "complete"
    waiting.completed_on = timezone.localdate()
    assert waits_on_late.problem(timezone.localdate()) is None
