"""A risk register sheet goes out with the portal's spreadsheet export and comes back in
through the import: unchanged, it plans nothing; changed, the preview lists each risk's
changes and confirming writes them, as the importer, all or nothing."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import Risk
from projects.tracker.apply import plan_workbook

from .second_factor import log_in
from .test_home import text_of
from .tracker_imports import confirm, upload

pytestmark = pytest.mark.django_db


def exported(client, world):
    response = client.get(reverse("programmes:export", args=[world.programme.pk]))
    return load_workbook(BytesIO(response.content))


def as_bytes(book):
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def headed(sheet):
    headings = [cell.value for cell in sheet[1]]
    return [dict(zip(headings, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]


def test_the_export_carries_the_risk_register(client, member, world):
    client.force_login(member)
    rows = headed(exported(client, world)["Risks"])
    (risk,) = rows
    assert risk["Project"] == "Legacy datacentre closure" and risk["Ref"] == "AP10"
    assert risk["Risk ref"] == "R1" and risk["Owner"] == "Lee Brown"
    assert (risk["Initial likelihood"], risk["Initial impact"]) == (4, 4)
    assert (risk["Current likelihood"], risk["Current impact"]) == (3, 3)
    assert risk["Status"] == "Open" and risk["Initial rating"] is None


def test_an_unchanged_export_plans_no_change(client, administrator, world):
    log_in(client, administrator)
    content = as_bytes(exported(client, world))
    plan = plan_workbook(
        strategy=world.strategy, user=administrator, filename="x.xlsx", content=content
    )
    assert plan.risks == [] and not plan.problems


def test_changed_and_new_risks_are_previewed_then_written_as_the_importer(client, officer, world):
    client.force_login(officer)
    book = exported(client, world)
    sheet = book["Risks"]
    headings = [cell.value for cell in sheet[1]]
    sheet.cell(2, headings.index("Current likelihood") + 1, 2)
    sheet.append(
        {
            headings.index("Ref") + 1: "AP10",
            headings.index("Project") + 1: "Legacy datacentre closure",
            headings.index("Programme") + 1: world.programme.name,
            headings.index("Risk ref") + 1: "R2",
            headings.index("Title") + 1: "Lease extension refused",
            headings.index("Event") + 1: "The landlord will not extend the lease",
            headings.index("Initial likelihood") + 1: 2,
            headings.index("Initial impact") + 1: 5,
            headings.index("Response") + 1: "Transfer",
            headings.index("Status") + 1: "Open",
        }
    )
    response = upload(client, world.strategy, as_bytes(book))
    assert response.status_code == 302
    preview = text_of(client.get(response.url))
    assert "Current likelihood: 3 → 2" in preview
    assert "New risk: Lease extension refused" in preview
    assert not Risk.objects.filter(reference="R2").exists()

    from projects.models import TrackerImport

    done = confirm(client, TrackerImport.objects.latest("pk"))
    assert "2 risks added or changed" in done
    r1 = world.red_project.risks.get(reference="R1")
    assert r1.residual_rating == (6, "Medium")
    assert r1.history.latest().history_user == officer
    r2 = world.red_project.risks.get(reference="R2")
    assert (r2.title, r2.response, r2.initial_rating) == (
        "Lease extension refused",
        "transfer",
        (10, "High"),
    )


def test_a_score_out_of_range_is_refused_and_nothing_is_written(client, officer, world):
    client.force_login(officer)
    book = exported(client, world)
    sheet = book["Risks"]
    headings = [cell.value for cell in sheet[1]]
    sheet.cell(2, headings.index("Initial impact") + 1, 7)
    plan = plan_workbook(
        strategy=world.strategy, user=officer, filename="x.xlsx", content=as_bytes(book)
    )
    assert any("Initial impact must be a whole number from 1 to 5" in str(p) for p in plan.problems)
    assert not plan.can_apply
    assert world.red_project.risks.get().initial_impact == 4


def test_an_officer_cannot_import_the_risks_of_anothers_project(client, other_officer, world):
    client.force_login(other_officer)
    book = exported(client, world)
    sheet = book["Risks"]
    headings = [cell.value for cell in sheet[1]]
    sheet.cell(2, headings.index("Title") + 1, "Renamed by someone else")
    plan = plan_workbook(
        strategy=world.strategy, user=other_officer, filename="x.xlsx", content=as_bytes(book)
    )
    assert plan.risks == []
    assert any("you cannot change its risks" in why for _, _, why in plan.left_alone)


def test_a_register_of_titles_only_takes_each_title_for_its_event(client, officer, world):
    client.force_login(officer)
    book = exported(client, world)
    sheet = book["Risks"]
    headings = [cell.value for cell in sheet[1]]
    sheet.append(
        {
            headings.index("Ref") + 1: "AP10",
            headings.index("Project") + 1: "Legacy datacentre closure",
            headings.index("Title") + 1: "Landlord sells the building",
            headings.index("Current rating") + 1: "Medium",
        }
    )
    plan = plan_workbook(
        strategy=world.strategy, user=officer, filename="x.xlsx", content=as_bytes(book)
    )
    (change,) = plan.risks
    assert change.values["description"] == "Landlord sells the building"


def test_a_withdrawn_milestone_survives_the_round_trip_and_no_sheet_withdraws_one(
    client, administrator, world
):
    from projects.models import MilestoneStatus

    milestone = world.project.milestones.order_by("order").first()
    milestone.delivery_status = MilestoneStatus.WITHDRAWN
    milestone.withdrawal_reason = "Merged into the network refresh"
    milestone.save()
    log_in(client, administrator)
    book = exported(client, world)
    plan = plan_workbook(
        strategy=world.strategy, user=administrator, filename="x.xlsx", content=as_bytes(book)
    )
    assert not plan.problems and not plan.can_apply

    rows = book["Milestones"]
    headings = [cell.value for cell in rows[1]]
    status = headings.index("Milestone status") + 1
    for row in rows.iter_rows(2):
        if row[headings.index("Milestone")].value == milestone.title:
            row[status - 1].value = "Started"
        elif row[headings.index("Project")].value == world.project.name:
            row[status - 1].value = "Withdrawn"
    plan = plan_workbook(
        strategy=world.strategy, user=administrator, filename="x.xlsx", content=as_bytes(book)
    )
    problems = [str(problem) for problem in plan.problems]
    assert any("is withdrawn: it can be changed only on its page" in p for p in problems)
    assert any("can be withdrawn only on its page in the portal" in p for p in problems)


def test_an_import_moving_an_agreed_baseline_records_a_rebaseline(client, administrator, world):
    from datetime import datetime

    from projects.models import TrackerImport
    from projects.tracker.apply import IMPORT_NOTE

    milestone = world.project.milestones.order_by("order").first()
    before = milestone.baseline_date
    log_in(client, administrator)
    book = exported(client, world)
    rows = book["Milestones"]
    headings = [cell.value for cell in rows[1]]
    for row in rows.iter_rows(2):
        if row[headings.index("Milestone")].value == milestone.title:
            row[headings.index("Baseline date")].value = datetime(2031, 3, 31)
    upload(client, world.strategy, as_bytes(book))
    confirm(client, TrackerImport.objects.latest("pk"))
    (rebaseline,) = milestone.rebaselines.all()
    assert (rebaseline.from_date, rebaseline.to_date.isoformat()) == (before, "2031-03-31")
    assert (rebaseline.reason, rebaseline.changed_by) == (IMPORT_NOTE, administrator)


def test_a_strategys_own_risks_go_out_and_come_back_for_administrators_only(
    client, administrator, officer, world
):
    Risk.objects.create(
        strategy=world.strategy, description="Exchange rates move against the budget"
    )
    log_in(client, administrator)
    book = exported(client, world)
    (own,) = [row for row in headed(book["Risks"]) if not row["Programme"]]
    assert own["Strategy"] == world.strategy.title and own["Project"] is None
    unchanged = plan_workbook(
        strategy=world.strategy, user=administrator, filename="x.xlsx", content=as_bytes(book)
    )
    assert unchanged.risks == [] and not unchanged.problems

    sheet = book["Risks"]
    headings = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(2):
        if not row[headings.index("Programme")].value:
            row[headings.index("Current rating")].value = "High"
    changed = plan_workbook(
        strategy=world.strategy, user=administrator, filename="x.xlsx", content=as_bytes(book)
    )
    assert [c.values for c in changed.risks] == [{"residual_rating_recorded": "High"}]
    as_officer = plan_workbook(
        strategy=world.strategy, user=officer, filename="x.xlsx", content=as_bytes(book)
    )
    assert as_officer.risks == []
    assert any(why.startswith("you cannot change its risks") for _, _, why in as_officer.left_alone)
