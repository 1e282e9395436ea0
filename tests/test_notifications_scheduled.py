"""`manage.py run_schedule`, for cron or a systemd timer: officers are reminded of the
updates due before each cut-off, digests go weekly, and finished tasks and abandoned
uploads are pruned. Running it twice does no harm."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.outbox import send_email
from projects.models import TrackerImport

from .factories import make_body, make_meeting, make_previewed_import
from .reports import make_report
from .task_queue import QUEUE_IN_DATABASE
from .tracker_workbooks import annual_plan
from .updates import post_update

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.gov.uk"


def run_schedule():
    out = StringIO()
    call_command("run_schedule", stdout=out)
    return out.getvalue()


def cut_off_in(world, days):
    """A report on the world's strategy to a board meeting, reading the data as at `days`
    from today: the officers' next cut-off."""
    today = timezone.localdate()
    report = make_report(strategy=world.strategy, data_cut_off=today + timedelta(days=days))
    board = make_body(name="Programme Board", strategies=[world.strategy])
    make_meeting(body=board, on=today + timedelta(days=days + 14), reports=[report])
    return today + timedelta(days=days)


def sent_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_officers_are_reminded_of_updates_due_before_the_next_cut_off_once(world):
    cut_off = cut_off_in(world, 5)

    first, second = run_schedule(), run_schedule()

    [reminder] = sent_to(world.owner.email)
    assert reminder.subject == f"Updates due by {cut_off:%-d %B %Y} on 2 projects"
    assert (
        f"- {world.project.name}: {BASE}/projects/{world.project.pk}/update/ "
        "(3 overdue milestones)" in reminder.body
    )
    assert world.amber_project.name not in reminder.body  # the other officer's
    assert len(sent_to(world.other_officer.email)) == 1
    # Lee Brown, Shona Ware and David Wilde; James Carpenter, with no sign-in, is not.
    assert first.startswith("Reminded 3 officers of updates due")
    assert second.startswith("Reminded 0 officers of updates due")


def test_no_reminder_while_the_cut_off_is_more_than_a_week_away(world):
    cut_off_in(world, 20)
    assert run_schedule().startswith("Reminded 0 officers")
    assert not mail.outbox


def test_an_officer_with_every_update_in_gets_no_reminder(client, world):
    cut_off_in(world, 5)
    client.force_login(world.owner)
    for project in [world.project, world.red_project]:
        post_update(client, project, rag="A", issues="Waiting on the supplier")
    mail.outbox.clear()

    output = run_schedule()

    assert not sent_to(world.owner.email)
    assert output.startswith("Reminded 2 officers")  # the other two


def test_the_schedule_needs_the_portal_address_for_its_links(settings, world):
    settings.PORTAL_BASE_URL = ""
    cut_off_in(world, 5)
    with pytest.raises(CommandError, match="PORTAL_BASE_URL"):
        run_schedule()
    assert not mail.outbox


def test_finished_tasks_a_fortnight_old_and_week_old_uploads_are_pruned(world):
    with QUEUE_IN_DATABASE:
        old, recent, waiting = (
            send_email.enqueue(to=["a@example.gov.uk"], subject=s, text="").db_result
            for s in ("old", "recent", "waiting")
        )
        for result, age in ((old, 15), (recent, 13)):
            DBTaskResult.objects.filter(pk=result.pk).update(
                status=TaskResultStatus.SUCCESSFUL,
                finished_at=timezone.now() - timedelta(days=age),
            )
        abandoned, _ = make_previewed_import(
            strategy=world.strategy, user=world.admin, content=annual_plan()
        )
        TrackerImport.objects.filter(pk=abandoned.pk).update(
            uploaded_at=timezone.now() - timedelta(days=8)
        )

        output = run_schedule()

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not TrackerImport.objects.filter(pk=abandoned.pk).exists()
    assert "deleted 1 upload a week old" in output
