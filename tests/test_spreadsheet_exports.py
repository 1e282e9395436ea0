"""Exports to .xlsx: the project list with its filters, a programme, the portfolio and the
contract change register; frozen header, auto-filter, real dates, numbers, RAG coloured
and worded, formula-looking text escaped; export → edit → re-import without loss."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from contracts.services import change_raise
from projects.models import Milestone, Project, StatusUpdate, TrackerImport

from .second_factor import log_in

pytestmark = pytest.mark.django_db


def workbook(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment;" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def rows(sheet, header_row=1):
    values = list(sheet.iter_rows(values_only=True))
    headers = values[header_row - 1]
    return [dict(zip(headers, row, strict=False)) for row in values[header_row:]]


def test_the_project_list_exports_with_its_filters(client, world):
    client.force_login(world.member)
    programme = world.programme
    response = client.get(reverse("projects:export"), {"programme": programme.pk})
    book = workbook(response)
    projects = rows(book["Projects"])
    assert {row["Project"] for row in projects} == {
        world.project.name,
        world.red_project.name,
        world.green_project.name,
    }
    sheet = book["Projects"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:S{len(projects) + 1}"
    assert [c.value for c in sheet[1]][:4] == ["Strategy", "Programme", "Ref", "Project"]


@pytest.mark.parametrize("rag", ["red", "flagged", "none"])
def test_the_project_list_exports_with_its_rag_filter(client, world, rag):
    client.force_login(world.member)
    red = world.red_project.current_rag
    value = {"red": red.pk, "flagged": "flagged", "none": "none"}[rag]
    response = client.get(
        reverse("projects:export"), {"programme": world.programme.pk, "rag": value}
    )
    listed = {row["Project"] for row in rows(workbook(response)["Projects"])}
    if rag == "none":
        assert listed == {world.project.name}
    else:
        assert world.red_project.name in listed and world.project.name not in listed


def test_rag_cells_are_coloured_and_worded_and_dates_are_dates(client, world):
    client.force_login(world.member)
    closure = world.red_project
    red = closure.rag_scale.levels.get(code="R")
    StatusUpdate.objects.create(
        project=closure, rag=red, reported_on=date(2026, 11, 1), progress="Late"
    )
    book = workbook(client.get(reverse("programmes:export", args=[closure.programme.pk])))
    sheet = book["Projects"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[3].value == closure.name)
    rag = row[headers.index("RAG")]
    assert rag.value == "Red"
    assert rag.fill.fgColor.rgb == "FFD4351C"
    assert row[headers.index("RAG meaning")].value == "off track"
    last = row[headers.index("Last update")]
    assert last.value.date() == date(2026, 11, 1) and last.number_format == "dd/mm/yyyy"
    first = closure.milestones.first()
    milestone = next(
        r for r in book["Milestones"].iter_rows(min_row=2) if r[4].value == first.title
    )
    assert milestone[5].value.date() == first.baseline_date == date(2018, 9, 30)


def test_the_action_plan_layout_keeps_the_councils_sheet(client, world):
    client.force_login(world.member)
    programme = world.programme
    response = client.get(
        reverse("programmes:export", args=[programme.pk]), {"layout": "action-plan"}
    )
    sheet = workbook(response).active
    assert "action-plan" in response["Content-Disposition"]
    assert sheet["A1"].value == "Red" and sheet["B1"].value == "off track"
    headers = [c.value for c in sheet[4]]
    assert headers[:7] == [
        "Activity Stream",
        "Project",
        "Lead",
        "Resourcing",
        "Funding approach",
        "2018-19 Budget outside contract £000s",
        "2018-19 pressure £000s",
    ]
    assert headers[7] == "Q1 Jul-Sep 2018"
    assert sheet.freeze_panes == "A5"
    plan = {row["Project"]: row for row in rows(sheet, header_row=4)}
    closure = plan[world.red_project.name]
    assert closure["Lead"] == "LB"
    assert (closure[headers[5]], closure[headers[6]]) == (0, 27)  # £000s, as numbers
    assert closure["Q1 Jul-Sep 2018"].startswith(world.red_project.milestones.first().title)


def test_text_that_looks_like_a_formula_is_escaped(client, member, owned_project):
    client.force_login(member)
    owned_project.description = '=HYPERLINK("http://evil")'
    owned_project.resourcing = "@SUM(A1)"
    owned_project.save()
    book = workbook(client.get(reverse("projects:export"), {"q": owned_project.name}))
    row = next(r for r in rows(book["Projects"]) if r["Project"] == owned_project.name)
    assert row["Description"] == '\'=HYPERLINK("http://evil")'
    assert row["Resourcing"] == "'@SUM(A1)"


def test_the_change_register_exports_money_as_numbers(client, officer, member, contract):
    partners = list(contract.partner_councils())
    change_raise(
        contract=contract,
        author=officer,
        fields={
            "title": "Finance system upgrade",
            "reference": "CCRF301",
            "one_off_cost": Decimal("12000"),
            "funding_route": "Contract change budget",
        },
        shares={council: Decimal(100) / len(partners) for council in partners},
    )
    client.force_login(member)
    book = workbook(client.get(reverse("contracts:register_export")))
    row = next(r for r in rows(book.active) if r["Reference"] == "CCRF301")
    assert row["One-off cost"] == 12000
    assert row["Status"] == "Proposed"
    assert book.active.freeze_panes == "A2"


@pytest.mark.parametrize("layout", ["portal", "action-plan"])
def test_export_then_reimport_changes_nothing(client, world, layout):
    log_in(client, world.admin)
    strategy = world.strategy
    programme_ids = strategy.programmes.values_list("pk", flat=True)
    content = client.get(reverse("portfolio_export"), {"layout": layout}).content
    # The portfolio holds every strategy: the strategy's own rows are compared.
    response = client.post(
        reverse("tracker:start"),
        {"strategy": strategy.pk, "workbook": SimpleUploadedFile("export.xlsx", content)},
    )
    assert response.status_code == 302
    plan = TrackerImport.objects.latest("pk").plan
    mine = [
        i
        for i in plan["items"]
        if i["project_id"] and Project.objects.get(pk=i["project_id"]).programme_id in programme_ids
    ]
    assert len(mine) == len(world.projects)
    assert all(item["action"] == "unchanged" for item in mine), [
        i for i in mine if i["action"] != "unchanged"
    ]


def test_export_edit_reimport_round_trips_the_edits(client, world):
    log_in(client, world.admin)
    strategy = world.plan
    programme = world.plan_area
    content = client.get(reverse("programmes:export", args=[programme.pk])).content
    book = load_workbook(io.BytesIO(content))
    projects = book["Projects"]
    headers = [c.value for c in projects[1]]
    edited = projects.cell(2, headers.index("RAG") + 1)
    name = projects.cell(2, headers.index("Project") + 1).value
    edited.value = "Red"
    progress = projects.cell(2, headers.index("Progress") + 1)
    progress.value = (
        progress.value + "\n" if progress.value else ""
    ) + "01/11/2026 - Supplier late"
    milestones = book["Milestones"]
    m_headers = [c.value for c in milestones[1]]
    forecast = milestones.cell(2, m_headers.index("Forecast date") + 1)
    title = milestones.cell(2, m_headers.index("Milestone") + 1).value
    owner = milestones.cell(2, m_headers.index("Project") + 1).value
    forecast.value = date(2026, 12, 31)
    output = io.BytesIO()
    book.save(output)
    client.post(
        reverse("tracker:start"),
        {"strategy": strategy.pk, "workbook": SimpleUploadedFile("edited.xlsx", output.getvalue())},
    )
    tracker_import = TrackerImport.objects.latest("pk")
    assert tracker_import.plan["problems"] == []
    before_milestones = Milestone.objects.count()
    body = b"".join(
        client.post(reverse("tracker:confirm", args=[tracker_import.pk])).streaming_content
    )
    assert b"Import complete" in body

    project = Project.objects.get(programme=programme, name=name)
    assert project.current_rag.label == "Red"
    assert project.latest_update.progress == "Supplier late"
    changed = Milestone.objects.get(project__programme=programme, project__name=owner, title=title)
    assert changed.forecast_date == date(2026, 12, 31)
    assert Milestone.objects.count() == before_milestones
