"""The world's contract and its annual plan (tests/world.py): the Five Councils contract with
Capita, its boards and two changes, and the contract's annual plan of 2022/23."""

from datetime import date

from contracts.models import ContractChange
from programmes.models import RagScale
from projects.models import (
    Project,
)

from .factories import (
    make_body,
    make_change,
    make_contract,
    make_meeting,
    make_milestone,
    make_programme,
    make_project,
    make_strategy,
    report,
)


def build_contract(parts):
    councils = parts["councils"]
    manager = parts["contract_manager"].person
    contract = make_contract(
        name="Five Councils Capita contract",
        supplier=parts["supplier"],
        partners=list(councils.values()),
        managers=[manager],
        term="10 years from 2017",
        rag_scale=RagScale.objects.get(slug="annual-plan"),
    )
    jtb = make_body(name="Joint Tactical Board", short_name="JTB")
    contract.governance_bodies.set(
        [jtb, make_body(name="Strategic Management Board", short_name="SMB")]
    )
    make_meeting(body=jtb, on=date(2022, 3, 17))
    south_and_vale = [councils["SODC"], councils["VOWH"]]
    return {
        "contract": contract,
        "change": make_change(
            contract=contract,
            title="IT end user computing environment for South and Vale Councils only",
            category=ContractChange.Category.ENVIRONMENT,
            status=ContractChange.Status.SCOPING,
            on=date(2018, 10, 5),
            councils=south_and_vale,
            projects=[parts["green_project"]],
            managers=[manager],
        ),
        "other_change": make_change(
            contract=contract,
            title="Return of the fraud service in the revenues and benefits function",
            category=ContractChange.Category.IN_HOUSE,
            status=ContractChange.Status.IN_NEGOTIATION,
            on=date(2018, 10, 5),
            cost_neutral=True,
            councils=south_and_vale,
            projects=[parts["amber_project"]],
            managers=[manager],
        ),
    }


def build_annual_plan(parts):
    councils = parts["councils"]
    plan = make_strategy(
        scale_slug="annual-plan",
        slug="five-councils-annual-plan",
        title="Five Councils corporate services contract: annual plan 2022/23",
        approved_on=date(2022, 3, 17),
        contract=parts["contract"],
        organisations=list(councils.values()),
        order=2,
    )
    it = make_programme(strategy=plan, name="IT", order=1)
    cloud = make_project(
        programme=it,
        name="Amazon Web Services",
        plan_part=Project.PlanPart.ANNUAL,
        lifecycle_status=Project.Lifecycle.ACTIVE,
        lead=parts["contract_manager"].person,
        order=1,
        councils=list(councils.values()),
    )
    make_milestone(
        project=cloud,
        title="Remaining servers migrated",
        baseline_date=date(2022, 9, 30),
        due_text="By or before 30 Sept 2022",
    )
    report(cloud, "G", "On plan.")
    hart = make_project(
        programme=it,
        reference="R88",
        name="Tom for H&EH",
        plan_part=Project.PlanPart.TRANSITION,
        lifecycle_status=Project.Lifecycle.ACTIVE,
        order=2,
        councils=[councils["HBC"]],
    )
    make_milestone(project=hart, title="Agree the TOM", due_text="TBC")
    report(hart, "A", "Awaiting sign-off.")
    return {"plan": plan, "plan_area": it, "plan_item": cloud, "transition_item": hart}
