"""Importing the councils' trackers: the two seed-shaped workbooks end to end, the preview
that writes nothing, re-import that changes nothing, and who may import what."""

import io
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from demo.reference import FIVE_COUNCILS
from programmes.models import Organisation, Programme, Strategy
from projects.models import Milestone, Project, ProjectFinance, StatusUpdate, TrackerImport
from projects.tracker.apply import apply_import, plan_workbook
from tests.factories import make_previewed_import, make_strategy
from tests.tracker_workbooks import action_plan, annual_plan, saved

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def counts():
    return (
        Project.objects.count(),
        Milestone.objects.count(),
        StatusUpdate.objects.count(),
        ProjectFinance.objects.count(),
        Programme.objects.count(),
    )


def upload(client, strategy, content, name="tracker.xlsx"):
    return client.post(
        reverse("tracker:start"),
        {"strategy": strategy.pk, "workbook": SimpleUploadedFile(name, content)},
    )


def confirm(client, tracker_import):
    response = client.post(reverse("tracker:confirm", args=[tracker_import.pk]))
    return b"".join(response.streaming_content).decode()


def import_as(client, strategy, content):
    response = upload(client, strategy, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    tracker_import = TrackerImport.objects.latest("pk")
    return tracker_import, confirm(client, tracker_import)


@pytest.fixture
def fresh_action_plan_strategy():
    return make_strategy(scale_slug="action-plan", title="Imported action plan")


@pytest.fixture
def fresh_annual_plan_strategy():
    strategy = make_strategy(scale_slug="annual-plan", title="Imported annual plan")
    strategy.organisations.set(Organisation.objects.filter(code__in=FIVE_COUNCILS))
    return strategy


def test_administrator_imports_the_action_plan_into_a_new_strategy(
    client, administrator, fresh_action_plan_strategy
):
    client.force_login(administrator)
    strategy = fresh_action_plan_strategy
    _, page = import_as(client, strategy, action_plan())

    assert "Import complete" in page
    assert "5 created, 0 updated" in page
    programmes = list(strategy.programmes.values_list("name", flat=True))
    assert programmes == ["Core IT turnaround", "Core services reshaped", "Technology strategy"]
    # The merged activity-stream cell carries down to the rows below it.
    closure = Project.objects.get(programme__strategy=strategy, name="Legacy datacentre closure")
    assert closure.programme.name == "Core IT turnaround"
    assert closure.lead.initials == "LB"
    assert closure.resourcing == "S&V budgets currently £37K pa"
    # RAG from the project cell's fill, read against the sheet's own colour key.
    assert closure.current_rag.label == "Red"
    milestones = {m.title: m for m in closure.milestones.all()}
    retirement = milestones["Retirement plan agreed"]
    assert retirement.baseline_date == date(2018, 9, 30)  # the end of Q1 July-Sept 18
    assert retirement.due_text == "Q1 July-Sept 18"
    assert retirement.delivery_status == "complete"  # Blue in the key
    assert milestones["Legacy migrated or retired"].delivery_status == "started"  # Red
    assert milestones["Legacy datacentre service retired"].baseline_date == date(2019, 3, 31)
    # £000s: 27 of pressure on a budget of 0 is an outturn of £27,000.
    line = ProjectFinance.objects.get(project=closure, year=2018)
    assert (line.revenue_budget, line.revenue_forecast) == (Decimal("0"), Decimal("27000"))
    directory = Project.objects.get(programme__strategy=strategy, name="Active Directory")
    operational = directory.milestones.get(title="Operational")
    assert operational.lead.initials == "LB"  # "(LB)": the successor lead
    document = Project.objects.get(
        programme__strategy=strategy, name="Technology Strategy document"
    )
    # A cell holding only "(AP)" names a lead, not a milestone.
    assert [m.title for m in document.milestones.all()] == [
        "Technology strategy drafted and agreed with Senior Leadership"
    ]
    print_services = Project.objects.get(programme__strategy=strategy, name="Print services")
    assert ProjectFinance.objects.get(project=print_services).revenue_budget == Decimal("48000")


def test_administrator_imports_the_annual_plan_sheets(
    client, administrator, fresh_annual_plan_strategy
):
    client.force_login(administrator)
    strategy = fresh_annual_plan_strategy
    _, page = import_as(client, strategy, annual_plan())
    assert "Import complete" in page

    assert set(strategy.programmes.values_list("name", flat=True)) == {
        "Five Councils IT",
        "Five Councils Customer Services",
    }
    tom = Project.objects.get(programme__strategy=strategy, reference="R88")
    assert tom.name == "Tom for H&EH"
    assert tom.plan_part == Project.PlanPart.TRANSITION
    assert tom.lifecycle_status == Project.Lifecycle.ACTIVE
    assert tom.current_rag.label == "Amber"
    assert list(tom.councils_impacted.values_list("code", flat=True)) == ["HBC"]
    milestones = list(tom.milestones.order_by("order"))
    assert [m.title for m in milestones] == [
        "Agree the TOM",
        "Initial discussion with Client",
        "Completion of acceptance review",
    ]
    assert milestones[0].baseline_date == date(2022, 9, 30)
    assert milestones[0].due_text == "By or before 30 Sept 2022"
    assert (milestones[1].baseline_date, milestones[1].due_text) == (None, "TBC")
    assert milestones[1].delivery_status == "complete"
    assert milestones[2].baseline_date == date(2022, 3, 31)  # an Excel date
    # The progress cell: dated entries, verbatim, oldest first; the newest carries the RAG.
    updates = list(tom.status_updates.order_by("reported_on"))
    assert [u.reported_on for u in updates] == [
        date(2020, 10, 4),
        date(2021, 2, 12),
        date(2021, 9, 6),
        date(2022, 3, 7),
    ]
    assert updates[2].progress == (
        "Reopened and progressing. Meeting scheduled to review collectively for 14/09/2021 "
        "with JL, GM, PM & PP"
    )
    assert updates[-1].progress == "Awaiting sign-off of CCRF298."
    assert updates[-1].rag.label == "Amber" and updates[0].rag is None

    stakeholder = Project.objects.get(programme__strategy=strategy, name="Stakeholder Plans")
    assert stakeholder.plan_part == Project.PlanPart.ANNUAL
    assert stakeholder.description.startswith("Stakeholder Plans - Develop a stakeholder map")
    assert stakeholder.councils_impacted.count() == 5  # "All": every Five Councils partner…
    horizon = Project.objects.get(programme__strategy=strategy, name="Horizon Scanning")
    assert [m.due_text for m in horizon.milestones.order_by("order")] == [
        "31/12/19",
        "31/03/2020",
        "Annual, Q3",
    ]
    assert horizon.milestones.get(due_text="Annual, Q3").baseline_date is None
    somerset = Project.objects.get(programme__strategy=strategy, name="Somerset unitary")
    assert somerset.plan_part == Project.PlanPart.FORWARD
    quality = Project.objects.get(programme__strategy=strategy, name="Quality Assurance")
    assert quality.milestones.count() == 3
    assert quality.milestones.get(title="Hart District Council, Go Live").baseline_date == date(
        2022, 2, 28
    )


def test_all_councils_is_every_council_when_the_strategy_names_no_partners(administrator):
    plan = plan_workbook(
        strategy=make_strategy(scale_slug="annual-plan"),
        user=administrator,
        filename="plan.xlsx",
        content=annual_plan(),
        today=TODAY,
    )
    stakeholder = next(c for c in plan.changes if c.item.name == "Stakeholder Plans")
    assert (
        len(stakeholder.councils)
        == Project.councils_impacted.field.related_model.objects.filter(kind="council").count()
    )


def test_the_preview_lists_the_changes_and_writes_nothing(
    client, administrator, fresh_action_plan_strategy
):
    client.force_login(administrator)
    before = counts()
    response = upload(client, fresh_action_plan_strategy, action_plan())
    preview = client.get(response["Location"])
    page = preview.content.decode()

    assert counts() == before
    assert "Projects to create" in page and "Confirm and import" in page
    assert "Legacy datacentre closure" in page
    assert "Core services reshaped" in page  # a new programme, named
    assert "Sheet ‘12 month action plan’, row 6" in page


def test_reimporting_the_same_workbook_changes_nothing(
    client, administrator, fresh_annual_plan_strategy
):
    client.force_login(administrator)
    import_as(client, fresh_annual_plan_strategy, annual_plan())
    before = counts()
    response = upload(client, fresh_annual_plan_strategy, annual_plan())
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
    client, administrator, fresh_annual_plan_strategy
):
    client.force_login(administrator)
    strategy = fresh_annual_plan_strategy
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
    client, administrator, fresh_annual_plan_strategy
):
    client.force_login(administrator)
    strategy = fresh_annual_plan_strategy
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


def test_a_problem_anywhere_blocks_the_whole_import(
    client, administrator, fresh_annual_plan_strategy
):
    client.force_login(administrator)
    book = load_workbook(io.BytesIO(annual_plan()))
    book["IT"]["I13"] = "Purple"
    book["IT"]["H14"] = "Nearly there"
    response = upload(client, fresh_annual_plan_strategy, saved(book))
    page = client.get(response["Location"]).content.decode()

    assert "2 problems to fix before importing" in page
    assert "Sheet ‘IT’, row 13, column I: ‘Purple’ is not on this strategy’s RAG key" in page
    assert "Sheet ‘IT’, row 14, column H: ‘Nearly there’ is not a status" in page
    assert "Confirm and import" not in page
    tracker_import = TrackerImport.objects.latest("pk")
    before = counts()
    confirm(client, tracker_import)
    assert counts() == before


def test_officer_updates_their_own_project_and_another_s_row_is_left_alone(
    client, officer, owned_project
):
    """Lee Brown leads Wifi consolidation; Active Directory is David Wilde's. A shared
    tracker lists both: the import updates his and leaves the other, saying so."""
    from openpyxl import Workbook

    client.force_login(officer)
    strategy = owned_project.programme.strategy
    directory = Project.objects.get(programme__strategy=strategy, name="Active Directory")
    directory_updates = directory.status_updates.count()
    shared = Workbook()
    sheet = shared.active
    sheet.append(["Activity Stream", "Project", "RAG", "Progress"])
    sheet.append(["Core IT turnaround", "Wifi consolidation", "Amber", "01/11/2026 - Kit late"])
    sheet.append(["Core IT turnaround", "Active Directory", "Red", "01/11/2026 - Not mine"])
    response = upload(client, strategy, saved(shared))
    page = client.get(response["Location"]).content.decode()
    assert "you cannot change ‘Active Directory’, so its row is left as it is" in page

    confirm(client, TrackerImport.objects.latest("pk"))
    owned_project.refresh_from_db()
    assert owned_project.current_rag.label == "Amber"
    assert owned_project.latest_update.author == officer
    assert directory.status_updates.count() == directory_updates


def test_officer_cannot_add_projects(client, officer, fresh_action_plan_strategy):
    client.force_login(officer)
    response = upload(client, fresh_action_plan_strategy, action_plan())
    page = client.get(response["Location"]).content.decode()
    assert "‘Active Directory’ is not a project of this strategy yet: only an administrator" in page
    assert "Confirm and import" not in page


def test_another_officer_cannot_see_or_confirm_an_upload(client, officer, other_officer, member):
    strategy = Strategy.objects.get(slug="south-vale-jts-2018")
    client.force_login(officer)
    upload(client, strategy, action_plan())
    tracker_import = TrackerImport.objects.latest("pk")
    client.force_login(other_officer)
    assert client.get(reverse("tracker:preview", args=[tracker_import.pk])).status_code == 404
    assert client.post(reverse("tracker:confirm", args=[tracker_import.pk])).status_code == 404
    client.force_login(member)
    assert client.post(reverse("tracker:confirm", args=[tracker_import.pk])).status_code == 403


def test_the_command_previews_then_imports(tmp_path, fresh_annual_plan_strategy):
    path = tmp_path / "annual-plan.xlsx"
    path.write_bytes(annual_plan())
    before = counts()
    out = StringIO()
    call_command("import_tracker", path, strategy=fresh_annual_plan_strategy.slug, stdout=out)
    assert "5 to create" in out.getvalue()
    assert "Nothing written" in out.getvalue()
    assert counts() == before

    out = StringIO()
    call_command(
        "import_tracker", path, strategy=fresh_annual_plan_strategy.slug, confirm=True, stdout=out
    )
    assert "Imported: 5 created" in out.getvalue()
    assert Project.objects.filter(programme__strategy=fresh_annual_plan_strategy).count() == 5


def test_the_command_refuses_a_file_that_is_not_a_workbook(tmp_path, fresh_annual_plan_strategy):
    path = tmp_path / "tracker.csv"
    path.write_text("Ref,Description\n")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_tracker", path, strategy=fresh_annual_plan_strategy.slug)


def test_applying_reports_its_progress(administrator, fresh_annual_plan_strategy):
    tracker_import, _ = make_previewed_import(
        strategy=fresh_annual_plan_strategy, user=administrator, content=annual_plan()
    )
    seen = []
    outcome = apply_import(
        tracker_import, user=administrator, on_progress=lambda done, total: seen.append(done)
    )
    assert seen == [5]
    assert outcome.created == 5


def test_the_annual_plan_matches_the_demo_plans_service_area_by_its_title(client, administrator):
    """`Annual Plan for: Five Councils IT` is the IT service area; its items are updated,
    not added again beside themselves."""
    client.force_login(administrator)
    strategy = Strategy.objects.get(slug="five-councils-annual-plan-2022-23")
    it = strategy.programmes.get(name="IT")
    stakeholder_plans = it.projects.get(name="Stakeholder Plans")
    projects_in_it = it.projects.count()

    _, page = import_as(client, strategy, annual_plan())

    assert "Import complete" in page
    assert it.projects.count() == projects_in_it + 2  # Horizon Scanning and Somerset unitary
    assert it.projects.filter(name="Stakeholder Plans").count() == 1
    assert stakeholder_plans.milestones.filter(due_text="ongoing").exists()


def test_a_failure_while_writing_undoes_everything_and_says_so(
    client, administrator, fresh_annual_plan_strategy, monkeypatch
):
    from projects.tracker import apply

    client.force_login(administrator)
    upload(client, fresh_annual_plan_strategy, annual_plan())
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


def test_a_negative_budget_is_a_problem_not_a_crash(
    client, administrator, fresh_action_plan_strategy
):
    client.force_login(administrator)
    book = load_workbook(io.BytesIO(action_plan()))
    book.active["F5"] = -5
    response = upload(client, fresh_action_plan_strategy, saved(book))
    page = client.get(response["Location"]).content.decode()
    assert (
        "Sheet ‘12 month action plan’, row 5, column F: the budget, and the budget plus the "
        "pressure, must be £0 or more" in page
    )
    assert "Confirm and import" not in page
