"""The councils' own trackers, shaped as the seed papers keep them, imported end to end:
the 2018 action plan and the Five Councils annual plan into new strategies, and the
annual plan onto the service area a contract plan already has."""

from datetime import date
from decimal import Decimal

import pytest

from projects.models import Project, ProjectFinance
from projects.tracker.apply import plan_workbook
from tests.factories import make_strategy
from tests.tracker_imports import import_as, new_action_plan_strategy, new_annual_plan_strategy
from tests.tracker_workbooks import action_plan, annual_plan

from .second_factor import log_in

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def test_administrator_imports_the_action_plan_into_a_new_strategy(client, administrator):
    log_in(client, administrator)
    strategy = new_action_plan_strategy()
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


def test_administrator_imports_the_annual_plan_sheets(client, world):
    log_in(client, world.admin)
    strategy = new_annual_plan_strategy(world)
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


def test_the_annual_plan_matches_the_plans_service_area_by_its_title(client, world):
    """`Annual Plan for: Five Councils IT` is the IT service area; its items are updated,
    not added again beside themselves."""
    log_in(client, world.admin)
    it = world.plan_area
    hart = world.transition_item  # R88 Tom for H&EH, which the workbook lists too
    projects_in_it = it.projects.count()

    _, page = import_as(client, world.plan, annual_plan())

    assert "Import complete" in page
    # Stakeholder Plans, Horizon Scanning and Somerset unitary are new; R88 is updated.
    assert it.projects.count() == projects_in_it + 3
    assert it.projects.filter(name=hart.name).count() == 1
    assert hart.milestones.filter(title="Initial discussion with Client").exists()
    assert hart.current_rag.label == "Amber"
    assert hart.latest_update.progress == "Awaiting sign-off of CCRF298."
