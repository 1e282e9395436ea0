from datetime import date

import pytest
from django.urls import reverse

from .factories import make_project
from .test_home import text_of
from .updates import post_update

pytestmark = pytest.mark.django_db


def test_officer_sees_updates_due_with_overdue_milestones_first(client, world):
    make_project(programme=world.programme, name="Bookings", lead=world.owner.person)
    client.force_login(world.owner)
    page = text_of(client.get(reverse("my_projects")))
    due = page.split("Update due")[1].split("Up to date")[0]
    # The owner leads two projects with three overdue quarterly milestones each, and now
    # a third with none.
    positions = [due.index(p.name) for p in (world.project, world.red_project)]
    assert max(positions) < due.index("Bookings")
    assert world.amber_project.name not in page  # the other officer's


def test_a_saved_update_moves_the_project_out_of_update_due(client, officer, owned_project):
    client.force_login(officer)
    post_update(client, owned_project)
    page = text_of(client.get(reverse("my_projects")))
    due, up_to_date = page.split("Update due")[1].split("Up to date")
    assert owned_project.name not in due
    assert owned_project.name in up_to_date


def test_complete_projects_are_never_due(client, world):
    client.force_login(world.owner)  # who manages Strategic HR, complete since 2022
    mine = text_of(client.get(reverse("my_projects")))
    due, up_to_date = mine.split("Update due")[1].split("Up to date")
    assert world.complete_project.name not in due
    assert world.complete_project.name in up_to_date


def test_someone_not_linked_to_a_person_is_told_why_the_list_is_empty(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("my_projects")))
    assert "Your sign-in is not linked to a person named on any project" in page


def test_my_projects_is_in_the_officers_navigation_only(client, officer, member):
    client.force_login(officer)
    assert 'href="/my/"' in client.get(reverse("home")).content.decode()
    client.force_login(member)
    assert 'href="/my/"' not in client.get(reverse("home")).content.decode()


def test_reporting_periods():
    from projects.reporting_periods import period_start

    day = date(2022, 8, 17)  # a Wednesday
    assert period_start(day, "weekly") == date(2022, 8, 15)
    assert period_start(day, "monthly") == date(2022, 8, 1)
    assert period_start(day, "quarterly") == date(2022, 7, 1)


def test_an_update_is_due_by_the_cut_off_of_the_next_meeting_that_reads_it(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from core.calendar import last_complete_period

    from .factories import make_body, make_meeting

    today = timezone.localdate()
    board = make_body(name="Programme Board", strategies=[world.strategy])
    make_meeting(body=board, on=today - timedelta(days=30))  # past: not the next
    meeting = make_meeting(body=board, on=today + timedelta(days=100))
    cut_off = last_complete_period(meeting.date, world.strategy.reporting_period)[1]
    client.force_login(world.owner)
    due = text_of(client.get(reverse("my_projects"))).split("Update due")[1]
    assert (
        f"{world.project.name} " in due
        and f"{cut_off:%-d %B %Y} for Programme Board, {meeting.date:%-d %B %Y}" in due
    )


def test_without_a_meeting_planned_an_update_is_due_now(client, world):
    client.force_login(world.owner)
    due = text_of(client.get(reverse("my_projects"))).split("Update due")[1]
    assert "Now no meeting is planned" in due


def test_the_deadline_is_the_clerks_day_and_never_one_already_past(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from .factories import make_body, make_meeting
    from .reports import make_report

    today = timezone.localdate()
    board = make_body(name="Programme Board", strategies=[world.strategy])
    make_meeting(body=board, on=today)  # its cut-off, before this period, has passed
    report = make_report(strategy=world.strategy, data_cut_off=today + timedelta(days=20))
    make_meeting(body=board, on=today + timedelta(days=40), reports=[report])
    client.force_login(world.owner)
    due = text_of(client.get(reverse("my_projects"))).split("Update due")[1]
    assert f"{today + timedelta(days=20):%-d %B %Y} for Programme Board" in due
