from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from programmes.models import Person

from .test_home import text_of
from .updates import post_update

pytestmark = pytest.mark.django_db


def test_officer_sees_updates_due_with_overdue_milestones_first(client, officer):
    client.force_login(officer)
    page = text_of(client.get(reverse("my_projects")))
    due = page.split("Update due")[1].split("Up to date")[0]
    # Lee Brown leads the action plan's datacentre, print and wifi projects (3 overdue
    # quarterly milestones each) and manages Annex B projects with none.
    first_three = [
        name for name in ("Legacy datacentre closure", "Print services", "Wifi consolidation")
    ]
    positions = [due.index(name) for name in first_three]
    assert max(positions) < due.index("Bookings")
    assert "Follow me print" not in page  # Simon Turner's, not Lee Brown's


def test_a_saved_update_moves_the_project_out_of_update_due(client, officer, owned_project):
    client.force_login(officer)
    post_update(client, owned_project)
    page = text_of(client.get(reverse("my_projects")))
    due, up_to_date = page.split("Update due")[1].split("Up to date")
    assert "Wifi consolidation" not in due
    assert "Wifi consolidation" in up_to_date


def test_complete_projects_are_never_due(client, officer):
    client.force_login(officer)
    due = text_of(client.get(reverse("my_projects"))).split("Update due")[1].split("Up to")[0]
    assert "Revenues" not in due


def test_someone_not_linked_to_a_person_is_told_why_the_list_is_empty(client, member):
    client.force_login(member)
    page = text_of(client.get(reverse("my_projects")))
    assert "Your sign-in is not linked to a person named on any project" in page


def test_my_projects_is_in_the_officers_navigation_only(client, officer, member):
    client.force_login(officer)
    assert 'href="/my/"' in client.get(reverse("home")).content.decode()
    client.force_login(member)
    assert 'href="/my/"' not in client.get(reverse("home")).content.decode()


def test_reminders_email_officers_with_links_and_report_people_without_sign_in(settings):
    settings.PORTAL_BASE_URL = "https://portal.example.gov.uk"
    output = call_command_output("send_update_reminders")

    to_lee = [m for m in mail.outbox if m.to == ["officer@example.org"]]
    assert len(to_lee) == 1
    body = to_lee[0].body
    assert "Dear Lee Brown" in body
    assert (
        "Wifi consolidation – 3 overdue milestone(s): https://portal.example.gov.uk/projects/"
        in body
    )
    assert "Follow me print" not in body
    assert "Skipped Simon Turner (no sign-in)" in output
    assert "Sent 1 reminder." in output


def test_no_reminder_when_every_update_is_in(settings, client, officer):
    settings.PORTAL_BASE_URL = "https://portal.example.gov.uk"
    lee = Person.objects.get(name="Lee Brown")
    client.force_login(officer)
    from projects.models import Project

    for project in Project.objects.owned_by(lee):
        post_update(client, project)
    output = call_command_output("send_update_reminders")
    assert not [m for m in mail.outbox if m.to == ["officer@example.org"]]
    assert "Sent 0 reminders." in output


def call_command_output(name):
    from io import StringIO

    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


def test_reporting_periods():
    from projects.reporting_periods import period_start

    day = date(2022, 8, 17)  # a Wednesday
    assert period_start(day, "weekly") == date(2022, 8, 15)
    assert period_start(day, "monthly") == date(2022, 8, 1)
    assert period_start(day, "quarterly") == date(2022, 7, 1)


def test_reminders_need_the_portal_address_for_their_links(settings):
    from django.core.management.base import CommandError

    settings.PORTAL_BASE_URL = ""
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        call_command_output("send_update_reminders")
    assert not mail.outbox


def test_people_who_are_not_officers_get_no_reminder(settings, member):
    settings.PORTAL_BASE_URL = "https://portal.example.gov.uk"
    carpenter = Person.objects.get(name="James Carpenter")
    carpenter.user = member
    carpenter.save()
    output = call_command_output("send_update_reminders")
    assert "Skipped James Carpenter (not an officer)" in output
    assert not [m for m in mail.outbox if m.to == ["member@example.org"]]
