"""Trackers as councils really keep them: the cases a review of the importer found, each
with the answer the portal must give (an update in place, a message, never a 500)."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.workbook_safety import RefusedWorkbook, open_workbook
from programmes.models import Person
from projects.exports import action_plan_workbook, portfolio_workbook
from projects.models import Project, ProjectFinance, StatusUpdate
from projects.tracker.apply import apply_import, plan_workbook
from tests.factories import make_milestone, make_previewed_import, make_project, make_strategy
from tests.tracker_workbooks import saved

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def sheet(*rows):
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    return saved(book)


def plan_for(strategy, content, user=None):
    return plan_workbook(
        strategy=strategy, user=user, filename="t.xlsx", content=content, today=TODAY
    )


def imported(strategy, content, user):
    tracker_import, plan = make_previewed_import(
        strategy=strategy, user=user, content=content, today=TODAY
    )
    assert not plan.problems, [str(p) for p in plan.problems]
    return apply_import(tracker_import, user=user, today=TODAY)


@pytest.fixture
def project():
    project = make_project(name="Print services", lifecycle_status=Project.Lifecycle.ACTIVE)
    project.programme.name = "Core IT turnaround"
    project.programme.save()
    return project


def test_a_new_update_is_not_lost_because_an_older_one_said_more(project, administrator):
    StatusUpdate.objects.create(
        project=project, reported_on=date(2022, 4, 1), progress="No further update this month"
    )
    content = sheet(
        ["Programme", "Project", "Progress"],
        ["Core IT turnaround", "Print services", "31/05/2022 - No further update"],
    )
    imported(project.programme.strategy, content, administrator)
    assert project.status_updates.filter(reported_on=date(2022, 5, 31)).exists()


def test_a_due_date_that_was_tbc_is_updated_in_place(project, administrator):
    header = ["Programme", "Project", "Due Dates"]
    strategy = project.programme.strategy
    imported(
        strategy, sheet(header, ["Core IT turnaround", "Print services", "TBC"]), administrator
    )
    imported(
        strategy,
        sheet(header, ["Core IT turnaround", "Print services", "30 Sept 2022"]),
        administrator,
    )
    milestone = project.milestones.get()
    assert (milestone.title, milestone.baseline_date, milestone.due_text) == (
        "Print services",
        date(2022, 9, 30),
        "30 Sept 2022",
    )


def test_text_the_export_escaped_or_wrapped_comes_back_unchanged(project, administrator):
    project.description = "- first point\r\n- second point"
    project.save()
    make_milestone(project=project, title="=calculated", baseline_date=date(2022, 3, 31))
    StatusUpdate.objects.create(
        project=project, reported_on=date(2022, 3, 1), progress="Line one\r\nline two"
    )
    content = portfolio_workbook(Project.objects.filter(pk=project.pk))
    plan = plan_for(project.programme.strategy, content, administrator)
    assert [change.action for change in plan.changes] == ["unchanged"], [
        change.describe() for change in plan.changes
    ]


def test_brackets_that_name_nobody_stay_in_a_quarter_milestones_title(project, administrator):
    make_milestone(project=project, title="Sign off (DPIA)", baseline_date=date(2018, 9, 30))
    content = action_plan_workbook(Project.objects.filter(pk=project.pk))
    plan = plan_for(project.programme.strategy, content, administrator)
    assert [change.action for change in plan.changes] == ["unchanged"]


def test_odd_cells_are_problems_or_words_never_errors(project, administrator):
    content = sheet(
        ["Programme", "Project", "2018-19 Budget outside contract £000s", "Milestones", "Due"],
        ["Core IT turnaround", "Print services", True, "Q4 Oct-Dec 9999", "1e999999"],
        ["Core IT turnaround", "Print services", "1e999999", "Later", "31/12/9999"],
    )
    plan = plan_for(project.programme.strategy, content, administrator)
    assert any("‘True’ is not an amount in £000s" in str(p) for p in plan.problems)
    assert any("‘1e999999’ is not an amount in £000s" in str(p) for p in plan.problems)


def test_a_milestone_due_in_9999_exports_in_both_layouts(project):
    make_milestone(project=project, title="No end", baseline_date=date(9999, 12, 31))
    make_milestone(project=project, title="Soon", baseline_date=date(2022, 3, 31))
    book = load_workbook(io.BytesIO(action_plan_workbook(Project.objects.filter(pk=project.pk))))
    headers = [cell.value for cell in book.active[4]]
    assert [h for h in headers if h and h.startswith("Q")] == ["Q1 Jan-Mar 2022", "Q2 Oct-Dec 9999"]
    assert portfolio_workbook(Project.objects.filter(pk=project.pk))


def test_pressure_alone_keeps_the_budget_the_line_has(project, administrator):
    ProjectFinance.objects.create(
        project=project, year=2018, revenue_budget=Decimal(48000), revenue_forecast=Decimal(48000)
    )
    content = sheet(
        [
            "Activity Stream",
            "Project",
            "Lead",
            "2018/2019 Budget (£'000)",
            "2018-19 pressure £'000",
        ],
        ["Core IT turnaround", "Print services", None, None, 10],
    )
    imported(project.programme.strategy, content, administrator)
    line = ProjectFinance.objects.get(project=project, year=2018)
    assert (line.revenue_budget, line.revenue_forecast) == (Decimal(48000), Decimal(58000))


def test_thousands_written_with_an_apostrophe_and_years_written_in_full(project, administrator):
    content = sheet(
        ["Activity Stream", "Project", "Lead", "2022/2023 Budget (£'000)"],
        ["Core IT turnaround", "Print services", None, 12],
    )
    imported(project.programme.strategy, content, administrator)
    assert ProjectFinance.objects.get(project=project, year=2022).revenue_budget == 12000


def test_an_officer_updates_status_but_not_who_leads(officer, owned_project):
    strategy = owned_project.programme.strategy
    lead = owned_project.lead
    content = sheet(
        ["Activity Stream", "Project", "Lead", "Status", "Progress"],
        [owned_project.programme.name, owned_project.name, "DW", "Paused", "01/11/2026 - On hold"],
    )
    plan = plan_for(strategy, content, officer)
    assert any(
        f"only an administrator can change the lead of ‘{owned_project.name}’" in str(note)
        for note in plan.notes
    )
    imported(strategy, content, officer)
    owned_project.refresh_from_db()
    assert owned_project.lead == lead
    assert owned_project.lifecycle_status == Project.Lifecycle.PAUSED
    assert owned_project.latest_update.progress == "On hold"


def test_the_whole_portfolio_imports_into_one_strategy_leaving_the_others_alone(world):
    strategy = world.strategy
    content = portfolio_workbook(Project.objects.all())
    plan = plan_for(strategy, content, world.admin)
    assert plan.count("create") == 0
    assert {change.action for change in plan.changes} == {"unchanged"}
    assert any("left alone: import them into that strategy" in str(n) for n in plan.notes)


def test_two_rows_describing_one_project_are_a_problem(project, administrator):
    project.reference = "AP99"
    project.save()
    content = sheet(
        ["Programme", "Ref", "Project", "Progress"],
        ["Core IT turnaround", "AP99", "Print services", "01/11/2026 - One"],
        ["Core IT turnaround", None, "Print services", "02/11/2026 - Two"],
    )
    plan = plan_for(project.programme.strategy, content, administrator)
    assert any("both describe ‘Print services’" in str(p) for p in plan.problems)


def test_initials_two_people_share_name_neither(project, world):
    administrator = world.admin
    Person.objects.create(name="Dana Webb", initials="DW")  # the world has David Wilde
    content = sheet(
        ["Activity Stream", "Project", "Lead"], ["Core IT turnaround", "Print services", "DW"]
    )
    plan = plan_for(project.programme.strategy, content, administrator)
    assert any("‘DW’ is not a person in the portal" in str(n) for n in plan.notes)


def test_a_sheet_merging_millions_of_cells_is_refused_before_it_is_opened():
    content = saved(Workbook())
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>",
                    b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
                    b"</worksheet>",
                )
            target.writestr(member.filename, data)
    with pytest.raises(RefusedWorkbook, match="merges"):
        open_workbook("merged.xlsx", output.getvalue())


def test_an_end_before_the_start_is_a_problem_in_the_preview(administrator):
    content = sheet(
        ["Programme", "Project", "Start date", "End date"],
        ["Platform", "Backwards", "01/04/2023", "01/04/2022"],
    )
    plan = plan_for(make_strategy(), content, administrator)
    assert any("the end date must be on or after the start date" in str(p) for p in plan.problems)
    assert not plan.can_apply
