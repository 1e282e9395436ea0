"""An upload shows a preview and writes nothing; confirming writes the preview exactly,
all or nothing: a re-import changes nothing, a stale preview or a problem anywhere writes
nothing, and a failure part-way undoes everything."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from projects.models import Project, StatusUpdate, TrackerImport
from projects.tracker.apply import apply_import
from tests.factories import make_previewed_import
from tests.tracker_imports import (
    confirm,
    counts,
    import_as,
    new_action_plan_strategy,
    new_annual_plan_strategy,
    upload,
)
from tests.tracker_workbooks import action_plan, annual_plan, saved

from .second_factor import log_in

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def annual_plan_strategy(world):
    return new_annual_plan_strategy(world)


def test_the_preview_lists_the_changes_and_writes_nothing(client, administrator):
    log_in(client, administrator)
    before = counts()
    response = upload(client, new_action_plan_strategy(), action_plan())
    preview = client.get(response["Location"])
    page = preview.content.decode()

    assert counts() == before
    assert "Projects to create" in page and "Confirm and import" in page
    assert "Legacy datacentre closure" in page
    assert "Core services reshaped" in page  # a new programme, named
    assert "Sheet ‘12 month action plan’, row 6" in page


def test_reimporting_the_same_workbook_changes_nothing(client, administrator, annual_plan_strategy):
    log_in(client, administrator)
    import_as(client, annual_plan_strategy, annual_plan())
    before = counts()
    response = upload(client, annual_plan_strategy, annual_plan())
    page = client.get(response["Location"]).content.decode()

    assert "there is nothing to import" in page
    assert "Confirm and import" not in page
    assert TrackerImport.objects.latest("pk").plan["counts"] == {
        "create": 0,
        "update": 0,
        "unchanged": 5,
    }
    assert counts() == before


def test_an_edited_workbook_updates_in_place_and_deletes_nothing(
    client, administrator, annual_plan_strategy
):
    log_in(client, administrator)
    strategy = annual_plan_strategy
    import_as(client, strategy, annual_plan())
    book = load_workbook(io.BytesIO(annual_plan()))
    sheet = book["IT"]
    sheet["D7"] = "31/10/2022"  # R88's first milestone moves a month
    sheet["I7"] = "R"
    sheet["J7"] = sheet["J7"].value + " 01/11/2026 - Escalated to the Joint Committee."
    for row in range(13, 17):  # the Horizon Scanning rows leave the sheet
        for column in range(1, 11):
            sheet.cell(row, column).value = None
    before_projects = Project.objects.count()
    _, page = import_as(client, strategy, saved(book))
    assert "0 created, 1 updated" in page

    tom = Project.objects.get(programme__strategy=strategy, reference="R88")
    agree = tom.milestones.get(title="Agree the TOM")
    # The baseline is the date first agreed; the sheet's new date is the forecast.
    assert (agree.baseline_date, agree.forecast_date) == (date(2022, 9, 30), date(2022, 10, 31))
    assert tom.current_rag.label == "Red"
    assert tom.latest_update.progress == "Escalated to the Joint Committee."
    assert tom.status_updates.count() == 5
    assert Project.objects.count() == before_projects
    assert Project.objects.filter(programme__strategy=strategy, name="Horizon Scanning").exists()


def test_confirming_after_the_portal_changed_writes_nothing_and_shows_the_new_preview(
    client, administrator, annual_plan_strategy
):
    log_in(client, administrator)
    strategy = annual_plan_strategy
    import_as(client, strategy, annual_plan())
    book = load_workbook(io.BytesIO(annual_plan()))
    book["IT"]["I7"] = "G"
    upload(client, strategy, saved(book))
    tracker_import = TrackerImport.objects.latest("pk")
    tom = Project.objects.get(programme__strategy=strategy, reference="R88")
    StatusUpdate.objects.create(project=tom, reported_on=TODAY, rag=None, progress="Meanwhile")
    before = counts()

    page = confirm(client, tracker_import)

    assert "Nothing was imported" in page
    assert counts() == before
    tracker_import.refresh_from_db()
    assert tracker_import.state == TrackerImport.State.PREVIEWED


def test_a_problem_anywhere_blocks_the_whole_import(client, administrator, annual_plan_strategy):
    log_in(client, administrator)
    book = load_workbook(io.BytesIO(annual_plan()))
    book["IT"]["I13"] = "Purple"
    book["IT"]["H14"] = "Nearly there"
    response = upload(client, annual_plan_strategy, saved(book))
    page = client.get(response["Location"]).content.decode()

    assert "2 problems to fix before importing" in page
    assert "Sheet ‘IT’, row 13, column I: ‘Purple’ is not on this strategy’s RAG key" in page
    assert "Sheet ‘IT’, row 14, column H: ‘Nearly there’ is not a status" in page
    assert "Confirm and import" not in page
    tracker_import = TrackerImport.objects.latest("pk")
    before = counts()
    confirm(client, tracker_import)
    assert counts() == before


def test_a_failure_while_writing_undoes_everything_and_says_so(
    client, administrator, annual_plan_strategy, monkeypatch
):
    from projects.tracker import apply

    log_in(client, administrator)
    upload(client, annual_plan_strategy, annual_plan())
    tracker_import = TrackerImport.objects.latest("pk")
    before = counts()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(apply, "_write_finance", broken)
    page = confirm(client, tracker_import)

    assert "Nothing was imported" in page
    assert "every change was undone" in page
    assert counts() == before
    tracker_import.refresh_from_db()
    assert tracker_import.state == TrackerImport.State.PREVIEWED


def test_a_negative_budget_is_a_problem_not_a_crash(client, administrator):
    log_in(client, administrator)
    book = load_workbook(io.BytesIO(action_plan()))
    book.active["F5"] = -5
    response = upload(client, new_action_plan_strategy(), saved(book))
    page = client.get(response["Location"]).content.decode()
    assert (
        "Sheet ‘12 month action plan’, row 5, column F: the budget, and the budget plus the "
        "pressure, must be £0 or more" in page
    )
    assert "Confirm and import" not in page


def test_applying_reports_its_progress(administrator, annual_plan_strategy):
    tracker_import, _ = make_previewed_import(
        strategy=annual_plan_strategy, user=administrator, content=annual_plan()
    )
    seen = []
    outcome = apply_import(
        tracker_import, user=administrator, on_progress=lambda done, total: seen.append(done)
    )
    assert seen == [5]
    assert outcome.created == 5


def test_a_confirmed_upload_keeps_its_plan_but_not_its_file(client, administrator):
    log_in(client, administrator)
    upload(client, new_action_plan_strategy(), action_plan())
    tracker_import = TrackerImport.objects.latest("pk")

    confirm(client, tracker_import)

    tracker_import.refresh_from_db()
    assert tracker_import.state == TrackerImport.State.IMPORTED
    assert bytes(tracker_import.content) == b""
    assert tracker_import.plan["counts"]["create"] > 0


def test_cancelling_an_upload_deletes_it_and_writes_nothing(client, administrator):
    log_in(client, administrator)
    before = counts()
    response = upload(client, new_action_plan_strategy(), action_plan())
    assert "Cancel and delete the upload" in client.get(response["Location"]).content.decode()
    tracker_import = TrackerImport.objects.latest("pk")

    cancelled = client.post(reverse("tracker:cancel", args=[tracker_import.pk]), follow=True)

    assert not TrackerImport.objects.filter(pk=tracker_import.pk).exists()
    assert counts() == before
    assert "Import of ‘tracker.xlsx’ cancelled: the upload is deleted." in (
        cancelled.content.decode()
    )


def test_only_its_uploader_cancels_an_upload(client, world):
    client.force_login(world.owner)
    upload(client, world.strategy, action_plan())
    tracker_import = TrackerImport.objects.latest("pk")
    client.force_login(world.other_officer)

    assert client.post(reverse("tracker:cancel", args=[tracker_import.pk])).status_code == 404
    assert client.get(reverse("tracker:cancel", args=[tracker_import.pk])).status_code == 405
    assert TrackerImport.objects.filter(pk=tracker_import.pk).exists()


def test_an_upload_unconfirmed_for_a_week_is_deleted_when_the_import_page_opens(
    client, administrator
):
    log_in(client, administrator)
    strategy = new_action_plan_strategy()
    upload(client, strategy, action_plan())
    old = TrackerImport.objects.latest("pk")
    TrackerImport.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=8))
    upload(client, strategy, action_plan())
    recent = TrackerImport.objects.latest("pk")
    TrackerImport.objects.filter(pk=recent.pk).update(
        uploaded_at=timezone.now() - timedelta(days=6)
    )

    client.get(reverse("tracker:start"))

    assert not TrackerImport.objects.filter(pk=old.pk).exists()
    assert TrackerImport.objects.filter(pk=recent.pk).exists()
