"""A large confirmed import is written by the task worker: the page follows it, nothing
is written until the whole import is, and a stale preview or a failure writes nothing
and says so."""

import pytest
from django.test import override_settings
from django.urls import reverse

from projects.models import Project, TrackerImport
from projects.tracker import background
from tests.task_queue import QUEUE_IN_DATABASE, run_queued_tasks
from tests.test_home import text_of
from tests.tracker_imports import counts, new_action_plan_strategy, upload
from tests.tracker_workbooks import action_plan

from .second_factor import log_in

pytestmark = pytest.mark.django_db

# The action plan creates more projects than this, so it is "large" here.
LARGE_ABOVE = 2


@pytest.fixture
def queued_import(client, administrator):
    log_in(client, administrator)
    with QUEUE_IN_DATABASE, override_settings(PORTAL_IMPORT_IN_BACKGROUND_ABOVE=LARGE_ABOVE):
        upload(client, new_action_plan_strategy(), action_plan())
        tracker_import = TrackerImport.objects.latest("pk")
        before = counts()
        response = client.post(reverse("tracker:confirm", args=[tracker_import.pk]))
        yield tracker_import, response, before


def test_a_large_import_is_queued_and_its_page_follows_the_worker(client, queued_import):
    tracker_import, response, before = queued_import
    page = client.get(response["Location"])
    tracker_import.refresh_from_db()

    assert response.status_code == 302
    assert tracker_import.state == TrackerImport.State.QUEUED
    assert counts() == before  # nothing written by the request
    assert "Importing in the background" in text_of(page)
    assert '<meta http-equiv="refresh" content="5">' in page.content.decode()
    assert "Confirm and import" not in text_of(page)

    run_queued_tasks()
    tracker_import.refresh_from_db()
    done = text_of(client.get(response["Location"]))

    assert tracker_import.state == TrackerImport.State.IMPORTED
    created = tracker_import.plan["counts"]["create"]
    assert created > LARGE_ABOVE
    assert tracker_import.outcome["created"] == created
    assert counts()[0] == before[0] + created
    assert f"{created} created, 0 updated" in done


def test_an_import_the_portal_changed_under_is_not_written_and_asks_for_a_new_look(
    client, queued_import
):
    tracker_import, response, before = queued_import
    TrackerImport.objects.filter(pk=tracker_import.pk).update(plan_digest="previewed-earlier")

    run_queued_tasks()
    tracker_import.refresh_from_db()
    page = text_of(client.get(response["Location"]))

    assert counts() == before
    assert tracker_import.state == TrackerImport.State.PREVIEWED
    assert "Nothing was imported" in page and "The portal changed after you previewed" in page
    assert "Confirm and import" in page


def test_a_failing_import_is_tried_three_times_then_can_be_confirmed_again(
    client, administrator, monkeypatch
):
    attempts = []

    def broken(*args, **kwargs):
        attempts.append(1)
        raise OSError("disk full")

    log_in(client, administrator)
    monkeypatch.setattr(background, "apply_import", broken)
    with override_settings(PORTAL_IMPORT_IN_BACKGROUND_ABOVE=LARGE_ABOVE):
        upload(client, new_action_plan_strategy(), action_plan())
        tracker_import = TrackerImport.objects.latest("pk")
        before = counts()
        # The tests' tasks run as they are queued: all three attempts run now.
        response = client.post(reverse("tracker:confirm", args=[tracker_import.pk]))
    tracker_import.refresh_from_db()
    page = text_of(client.get(response["Location"]))

    assert counts() == before
    assert len(attempts) == 3
    assert tracker_import.state == TrackerImport.State.FAILED
    assert "Nothing was imported" in page and "OSError: disk full" in page
    assert "Confirm and import" in page
    assert not Project.objects.filter(programme__strategy=tracker_import.strategy).exists()
