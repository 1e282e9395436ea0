"""Who may import what: an officer updates the projects they may edit and adds none; an
upload is its uploader's alone."""

import pytest
from django.urls import reverse

from projects.models import TrackerImport
from tests.tracker_imports import confirm, new_action_plan_strategy, upload
from tests.tracker_workbooks import action_plan, saved

from .test_home import text_of

pytestmark = pytest.mark.django_db


def test_officer_updates_their_own_project_and_another_s_row_is_left_alone(client, world):
    """The owner leads Wifi consolidation; Active Directory is the contract manager's. A
    shared tracker lists both: the import updates the owner's and leaves the other, saying so."""
    from openpyxl import Workbook

    mine, theirs = world.project, world.green_project
    client.force_login(world.owner)
    their_updates = theirs.status_updates.count()
    shared = Workbook()
    sheet = shared.active
    sheet.append(["Activity Stream", "Project", "RAG", "Progress"])
    sheet.append([mine.programme.name, mine.name, "Amber", "01/11/2026 - Kit late"])
    sheet.append([theirs.programme.name, theirs.name, "Red", "01/11/2026 - Not mine"])
    response = upload(client, world.strategy, saved(shared))
    page = text_of(client.get(response["Location"]))
    assert f"{theirs.name} You cannot change it and the sheet differs from the portal" in page

    confirm(client, TrackerImport.objects.latest("pk"))
    assert mine.current_rag.label == "Amber"
    assert mine.latest_update.author == world.owner
    assert theirs.status_updates.count() == their_updates


def test_officer_cannot_add_projects(client, officer):
    client.force_login(officer)
    response = upload(client, new_action_plan_strategy(), action_plan())
    page = client.get(response["Location"]).content.decode()
    assert "‘Active Directory’ is not a project of this strategy yet: only an administrator" in page
    assert "Confirm and import" not in page


def test_another_officer_cannot_see_or_confirm_an_upload(client, world):
    client.force_login(world.owner)
    upload(client, world.strategy, action_plan())
    tracker_import = TrackerImport.objects.latest("pk")
    client.force_login(world.other_officer)
    assert client.get(reverse("tracker:preview", args=[tracker_import.pk])).status_code == 404
    assert client.post(reverse("tracker:confirm", args=[tracker_import.pk])).status_code == 404
    client.force_login(world.member)
    assert client.post(reverse("tracker:confirm", args=[tracker_import.pk])).status_code == 403


def test_the_preview_lists_each_row_it_leaves_alone_and_why(client, world):
    from openpyxl import Workbook

    mine, theirs, unchanged = world.project, world.green_project, world.amber_project
    client.force_login(world.owner)
    shared = Workbook()
    sheet = shared.active
    sheet.append(["Activity Stream", "Project", "RAG", "Progress"])
    sheet.append([mine.programme.name, mine.name, "Amber", "01/11/2026 - Kit late"])
    sheet.append([theirs.programme.name, theirs.name, "Red", "01/11/2026 - Not mine"])
    sheet.append([unchanged.programme.name, unchanged.name, None, None])
    response = upload(client, world.strategy, saved(shared))

    page = text_of(client.get(response["Location"]))

    assert "Projects left alone 2 ( which, and why )" in page
    table = page.split("Left alone (2), and why")[1]
    assert (
        f"Sheet ‘Sheet’, row 3 {theirs.name} You cannot change it and the sheet differs from the "
        "portal: ask its project manager, its lead or an administrator"
    ) in table
    assert (
        f"Sheet ‘Sheet’, row 4 {unchanged.name} You cannot change it; "
        "the sheet says what the portal does"
    ) in table
