"""A small world for tests of behaviour, as healthchecks' hc/test.py gives its tests:
built by the factories in a tenth of a second, the same for every test, and owing
nothing to the seed papers (only `test_demo_*` modules load those). Names echo the
papers' so pages read as the councils' would; no test relies on the papers for them.

    a strategy on the 12-month action plan key, for South Oxfordshire and the Vale, who
    share its 2018/19 costs half and half (its money is all in 2018/19):
      Core IT turnaround
        AP08 Wifi consolidation     led by the owner; three open milestones, all overdue;
                                    no status update yet; one benefit, B1     (world.project)
        AP10 Legacy datacentre closure  led by the owner; Red; £0 budget, £27k pressure;
                                    a risk and an issue                   (world.red_project)
        AP05 Active Directory       led by the contract manager; Green; £48k budget; waits
                                    on the datacentre closure             (world.green_project)
      Core services reshaped
        AP17 Revenues and Benefits Fraud  led by the other officer; Amber; £100k savings
                                                                        (world.amber_project)
        AP16 Strategic HR           managed by the owner; Complete (Blue)  (world.complete_project)
    the Five Councils contract with Capita, five partner councils, two boards, managed by
      the contract manager; two changes: (a) at Scoping, (b) In negotiation (world.changes)
    the contract's annual plan, approved 17 March 2022, on its own RAG key: one service
      area, IT, with two items:
      Amazon Web Services, Part 2, Green, led by the contract manager (world.plan_item);
      R88 Tom for H&EH, Part 1, Amber, led by no one (world.transition_item)
    the cast, each a sign-in in their role with the password `PASSWORD`:
      world.owner (Lee Brown, LB), world.other_officer (Shona Ware, SW),
      world.contract_manager (David Wilde, DW), world.member, world.clerk, world.admin
      and a sponsor without a sign-in (James Carpenter) on every project of the strategy;
    the strategy's one KPI, KPI-2 Service Availability, 95% quarterly (Amber within 5
      points), owned by the owner, with no actual yet.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User

from contracts.models import Contract, ContractChange
from core.roles import ADMINISTRATOR, CLERK, MEMBER, OFFICER, role_groups
from notifications.receivers import muted
from programmes.models import (
    Kpi,
    Organisation,
    Person,
    Programme,
    RagLevel,
    RagScale,
    Strategy,
)
from programmes.rag_scales import install_default_scales
from projects.models import (
    Benefit,
    CostShare,
    DeliveryStatus,
    Dependency,
    Issue,
    Project,
    ProjectFinance,
    Risk,
    Savings,
)

from .factories import (
    PASSWORD,
    REPORTED,
    make_milestone,
    make_organisation,
    make_person,
    make_programme,
    make_project,
    make_strategy,
    make_user,
    report,
)
from .world_contract import build_annual_plan, build_contract

__all__ = ["PASSWORD", "World"]

COUNCILS = [
    ("SODC", "South Oxfordshire District Council"),
    ("VOWH", "Vale of White Horse District Council"),
    ("HDC", "Hart District Council"),
    ("HBC", "Havant Borough Council"),
    ("MDC", "Mendip District Council"),
]
# The action plan's quarters: each milestone is due at the end of its quarter.
QUARTERS = [
    ("Q1 July-Sept 18", date(2018, 9, 30)),
    ("Q2 Oct-Dec 2018", date(2018, 12, 31)),
    ("Q3 Jan-Mar 2019", date(2019, 3, 31)),
]


@dataclass
class World:
    councils: dict[str, Organisation]  # by code: the five partners of the contract
    supplier: Organisation
    sponsor: Person
    owner: User
    other_officer: User
    contract_manager: User
    member: User
    clerk: User
    admin: User
    strategy: Strategy
    programme: Programme
    other_programme: Programme
    project: Project
    red_project: Project
    green_project: Project
    amber_project: Project
    complete_project: Project
    contract: Contract
    change: ContractChange
    other_change: ContractChange
    plan: Strategy
    plan_area: Programme
    plan_item: Project
    transition_item: Project

    @property
    def projects(self):
        """The strategy's five projects, in the order its programmes list them."""
        return [
            self.project,
            self.red_project,
            self.green_project,
            self.amber_project,
            self.complete_project,
        ]

    @property
    def changes(self):
        return [self.change, self.other_change]

    @classmethod
    def build(cls):
        # Migrations install both; a transactional test's flush removes them.
        install_default_scales(RagScale, RagLevel)
        role_groups()
        # The world as it was last reported: nobody is told of it (tests/test_notifications.py
        # makes its own news).
        with muted():
            parts = _cast()
            parts |= _strategy(parts)
            parts |= build_contract(parts)
            parts |= build_annual_plan(parts)
        return cls(**parts)


def _cast():
    councils = {code: make_organisation(code=code, name=name) for code, name in COUNCILS}
    lee = make_person(name="Lee Brown", initials="LB", organisation=councils["SODC"])
    shona = make_person(name="Shona Ware", initials="SW", organisation=councils["VOWH"])
    david = make_person(
        name="David Wilde",
        initials="DW",
        job_title="Head of Partnership and Insight",
        organisation=councils["SODC"],
    )
    return {
        "councils": councils,
        "supplier": make_organisation(code="Capita", name="Capita", kind="supplier"),
        "sponsor": make_person(
            name="James Carpenter", initials="JC", job_title="Head of Corporate Services"
        ),
        "owner": make_user(
            role=OFFICER, username="officer", first_name="Lee", last_name="Brown", person=lee
        ),
        "other_officer": make_user(
            role=OFFICER, username="shona", first_name="Shona", last_name="Ware", person=shona
        ),
        "contract_manager": make_user(
            role=OFFICER, username="dwilde", first_name="David", last_name="Wilde", person=david
        ),
        "member": make_user(
            role=MEMBER, username="member", first_name="Andrea", last_name="Powell"
        ),
        "clerk": make_user(role=CLERK, username="clerk", first_name="Sam", last_name="Clarke"),
        "admin": make_user(
            role=ADMINISTRATOR, username="admin", first_name="Alex", last_name="Morgan"
        ),
    }


def _strategy(cast):
    south_and_vale = [cast["councils"]["SODC"], cast["councils"]["VOWH"]]
    lee, shona, david = (
        cast[name].person for name in ("owner", "other_officer", "contract_manager")
    )
    strategy = make_strategy(
        slug="joint-technology-strategy",
        title="Joint Technology Strategy 2018/19 – 2023/24",
        period="2018/19 – 2023/24",
        approved_on=date(2018, 10, 5),
        organisations=south_and_vale,
        order=1,
    )
    core_it = make_programme(strategy=strategy, name="Core IT turnaround", order=1)
    services = make_programme(strategy=strategy, name="Core services reshaped", order=2)

    def plan_project(programme, reference, name, *, order, **fields):
        return make_project(
            programme=programme,
            reference=reference,
            name=name,
            order=order,
            sponsor=cast["sponsor"],
            lifecycle_status=fields.pop("lifecycle_status", Project.Lifecycle.ACTIVE),
            start_date=date(2018, 7, 1),
            end_date=date(2019, 9, 30),
            councils=south_and_vale,
            **fields,
        )

    def quarterly(project, *titles, lead=None, **fields):
        for order, (title, (words, end)) in enumerate(zip(titles, QUARTERS, strict=False), 1):
            make_milestone(
                project=project,
                title=title,
                order=order,
                baseline_date=end,
                due_text=words,
                lead=lead or project.lead,
                **fields,
            )

    wifi = plan_project(
        core_it,
        "AP08",
        "Wifi consolidation",
        order=1,
        lead=lee,
        resourcing="Hybrid 5Cs contract and S&V budgets",
        funding_approach="Contract change",
    )
    quarterly(
        wifi, "Consolidated design agreed", "New Wifi solution implemented", "Legacy Wifi retired"
    )

    closure = plan_project(
        core_it,
        "AP10",
        "Legacy datacentre closure",
        order=2,
        lead=lee,
        resourcing="S&V budgets currently £37K pa",
        funding_approach="Cost reduction to remove pressure",
    )
    quarterly(
        closure,
        "Retirement plan agreed",
        "Legacy migrated or retired",
        "Legacy datacentre service retired",
    )
    report(closure, "R", "Migration stalled.", issues="Budget pressure of £27k not yet funded")
    ProjectFinance.objects.create(
        project=closure, year=2018, revenue_budget=Decimal(0), revenue_forecast=Decimal(27000)
    )
    Risk.objects.create(
        project=closure,
        reference="R1",
        description="The hosting contract is let too late to migrate before the lease ends",
        owner=lee,
        initial_likelihood=4,
        initial_impact=4,
        residual_likelihood=3,
        residual_impact=3,
    )
    Kpi.objects.create(
        strategy=strategy,
        code="KPI-2",
        name="Service Availability",
        unit=Kpi.Unit.PERCENT,
        target=Decimal(95),
        amber_tolerance=Decimal(5),
        frequency=Kpi.Frequency.QUARTERLY,
        owner=lee,
    )
    Benefit.objects.create(
        project=wifi,
        reference="B1",
        description="Staff sign in once to every system",
        kind=Benefit.Kind.NON_FINANCIAL,
        measure="Service desk calls about passwords",
        baseline="300 calls a month",
        target="Under 50 calls a month",
        owner=lee,
    )
    Issue.objects.create(
        project=closure,
        reference="I1",
        title="Budget pressure",
        description="The £27k pressure is not yet funded",
        owner=lee,
        priority=Issue.Priority.HIGH,
        raised_on=REPORTED,
    )

    directory = plan_project(
        core_it,
        "AP05",
        "Active Directory",
        order=3,
        lead=david,
        resourcing="Covered by 5Cs contract",
        funding_approach="Contract change",
    )
    quarterly(directory, "Directory designed and approved", "New directory built")
    # The whole of one waits on the whole of the other: no milestone's dates to go on.
    Dependency.objects.create(
        project=directory, on_project=closure, note="Servers move before the directory does"
    )
    report(directory, "G", "New directory built; staff migrating.")
    ProjectFinance.objects.create(
        project=directory, year=2018, revenue_budget=Decimal(48000), revenue_forecast=Decimal(48000)
    )

    fraud = plan_project(services, "AP17", "Revenues and Benefits Fraud", order=1, lead=shona)
    quarterly(fraud, "Revised service design agreed")
    report(fraud, "A", "Design drafted.", issues="Waiting for Capita's costing of the return")
    Savings.objects.create(
        project=fraud,
        year=2018,
        target=Decimal(100000),
        forecast_high=Decimal(50000),
        forecast_medium=Decimal(30000),
        forecast_low=Decimal(10000),
        delivered=Decimal(20000),
    )

    hr = plan_project(
        services,
        "AP16",
        "Strategic HR",
        order=2,
        manager=lee,
        lifecycle_status=Project.Lifecycle.COMPLETE,
    )
    quarterly(
        hr,
        "HR operating model agreed",
        lead=lee,
        delivery_status=DeliveryStatus.COMPLETE,
        completed_on=date(2018, 9, 28),
    )
    report(hr, "B", "HR service back in house.", delivery_status=DeliveryStatus.COMPLETE)

    for council in south_and_vale:
        CostShare.objects.create(
            strategy=strategy, year=2018, council=council, percentage=Decimal(50)
        )
    return {
        "strategy": strategy,
        "programme": core_it,
        "other_programme": services,
        "project": wifi,
        "red_project": closure,
        "green_project": directory,
        "amber_project": fraud,
        "complete_project": hr,
    }
