"""The South and Vale Joint Technology Strategy: the 2018 action plan and the 2021 Annex B."""

from datetime import date

from programmes.models import Programme, Strategy
from projects.finance import action_plan_finance
from projects.models import (
    DeliveryStatus,
    FundingSource,
    Milestone,
    Project,
    ProjectFinance,
    StatusUpdate,
)

from .upsert import parse_date, read_fixture, set_m2m, thousands, upsert

LIFECYCLE = {
    "Scheduled": Project.Lifecycle.SCHEDULED,
    "Active": Project.Lifecycle.ACTIVE,
    "Complete": Project.Lifecycle.COMPLETE,
}


def load_annex_b(organisations, people, scales):
    data = read_fixture("annex_b_2021.json")
    strategy = upsert(
        Strategy,
        {"slug": "south-vale-jts-2021"},
        title="Joint Technology Strategy – Embracing digital to deliver service excellence",
        period="2021 update",
        approved_on=date(2021, 11, 4),
        version="Annex B, reported to Cabinet: Vale 29/10/2021, South 04/11/2021",
        rag_scale=scales["action-plan"],
        source=data["source"],
        order=1,
    )
    set_m2m(strategy.organisations, [organisations["SODC"], organisations["VOWH"]])
    reported_on = parse_date(data["reported_on"])
    complete = scales["action-plan"].levels.get(code="B")
    for programme_order, programme_data in enumerate(data["programmes"], start=1):
        programme = upsert(
            Programme,
            {"strategy": strategy, "name": programme_data["name"]},
            order=programme_order,
        )
        for order, (name, sponsor, manager, status) in enumerate(programme_data["projects"], 1):
            project = upsert(
                Project,
                {"programme": programme, "name": name},
                sponsor=people.get(sponsor),
                manager=people.get(manager),
                lifecycle_status=LIFECYCLE[status],
                order=order,
            )
            set_m2m(project.councils_impacted, [organisations["SODC"], organisations["VOWH"]])
            # The table gives a status, not a RAG; the key's Blue means complete.
            upsert(
                StatusUpdate,
                {"project": project, "reported_on": reported_on},
                rag=complete if status == "Complete" else None,
                delivery_status=(
                    DeliveryStatus.COMPLETE
                    if status == "Complete"
                    else DeliveryStatus.STARTED
                    if status == "Active"
                    else DeliveryStatus.NOT_STARTED
                ),
                progress=f"Status reported to Cabinet in the Annex B extract: {status}.",
            )
    return strategy


def load_action_plan(organisations, people, scales):
    data = read_fixture("action_plan_2018.json")
    strategy = upsert(
        Strategy,
        {"slug": "south-vale-jts-2018"},
        title=(
            "Joint Technology Strategy 2018/19 – 2023/24: "
            "getting the basics right in a digital world"
        ),
        period="2018/19 – 2023/24",
        approved_on=date(2018, 10, 5),
        version="V2.0",
        rag_scale=scales["action-plan"],
        source=data["source"],
        order=2,
    )
    set_m2m(strategy.organisations, [organisations["SODC"], organisations["VOWH"]])
    quarters = {q["code"]: q for q in data["quarters"]}
    for stream_order, stream in enumerate(data["streams"], start=1):
        programme = upsert(
            Programme,
            {"strategy": strategy, "name": stream["name"]},
            order=stream_order,
            description="Activity stream of the 12-month action plan (Annex B, October 2018).",
        )
        for order, row in enumerate(stream["projects"], start=1):
            project = upsert(
                Project,
                {"programme": programme, "name": row["name"]},
                reference=f"AP{row['row']:02d}",
                lead=people.get(row["lead"]),
                resourcing=row["resourcing"],
                funding_approach=row["funding_approach"],
                lifecycle_status=Project.Lifecycle.ACTIVE,
                start_date=date(2018, 7, 1),
                end_date=date(2019, 9, 30),
                order=order,
            )
            set_m2m(project.councils_impacted, [organisations["SODC"], organisations["VOWH"]])
            _load_money(project, row)
            # A cell holding only "(AP)" names a successor lead, not a milestone.
            milestones = [m for m in row["milestones"] if m["title"]]
            for position, milestone in enumerate(milestones, start=1):
                quarter = quarters[milestone["quarter"]]
                upsert(
                    Milestone,
                    {"project": project, "order": position},
                    title=milestone["title"],
                    baseline_date=parse_date(quarter["end"]),
                    due_text=quarter["label"],
                    lead=people.get(milestone["successor_lead"]) or project.lead,
                )
    return strategy


def _load_money(project, row):
    values = action_plan_finance(
        thousands(row["budget_outside_contract_k"]), thousands(row["pressure_k"])
    )
    if values:
        upsert(
            ProjectFinance,
            {"project": project, "year": 2018, "funding_source": FundingSource.COUNCIL_BUDGET},
            **values,
            notes="12-month action plan: 2018-19 budget outside contract and pressure (£000s)",
        )
