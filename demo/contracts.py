"""The Five Councils (Capita) contract and the five changes put to Cabinet in October 2018."""

from contracts.models import ChangeTransition, Contract, ContractChange
from meetings.models import Body
from projects.models import Project

from .reference import FIVE_COUNCILS
from .upsert import parse_date, read_fixture, set_m2m, upsert

CATEGORY = {
    "new environment": ContractChange.Category.ENVIRONMENT,
    "service returned in-house": ContractChange.Category.IN_HOUSE,
    "system upgrade": ContractChange.Category.UPGRADE,
}
STATUS = {label: value for value, label in ContractChange.Status.choices}
PAPER_DATE = "Recorded from the cabinet report of {date}: {evidence}"
SHORT_NAMES = {
    "Joint Tactical Board": "JTB",
    "Strategic Management Board": "SMB",
}


def load_contract_changes(organisations, people, scales, action_plan):
    data = read_fixture("contract_changes_2018.json")
    facts = data["contract"]
    contract = upsert(
        Contract,
        {"name": facts["name"]},
        supplier=organisations[facts["supplier"]],
        term=facts["term"] or "",
        rag_scale=scales["annual-plan"],
        source=data["source"],
    )
    set_m2m(contract.partners, [organisations[code] for code in FIVE_COUNCILS])
    bodies = [
        upsert(Body, {"name": name}, short_name=SHORT_NAMES.get(name, ""))
        for name in facts["governance_bodies"]
    ]
    for body in bodies:
        set_m2m(body.organisations, [organisations[code] for code in FIVE_COUNCILS])
    set_m2m(contract.governance_bodies, bodies)
    set_m2m(contract.managers, [people.get("David Wilde")])

    plan_projects = Project.objects.filter(programme__strategy=action_plan)
    report = data["cabinet_report"]
    for change in data["changes"]:
        record = upsert(
            ContractChange,
            {"contract": contract, "title": change["title"]},
            description=change["description"],
            category=CATEGORY[change["category"]],
            cost_neutral=change["cost_neutral"],
            cost_notes=change["cost_text"],
            funding_route=change["funding_route"],
            approval_route=change["approval_route"],
            decision_maker=change["decision_maker"],
            tupe_implications=change["tupe"],
            key_dates=(
                f"{change['intended_date_text']}. Put to Cabinet on "
                f"{parse_date(report['date']):%-d %B %Y} as change "
                f"({change['letter']}) in '{report['title']}'."
            ),
            source=data["source"],
        )
        set_m2m(
            record.councils_affected, [organisations[code] for code in change["councils_affected"]]
        )
        set_m2m(record.projects, list(plan_projects.filter(name__in=change["linked_projects"])))
        set_m2m(record.managers, [people.get("David Wilde")])
        # The paper gives each change's status on its date, not how it got there:
        # one transition records it, with the paper's evidence as the reason.
        upsert(
            ChangeTransition,
            {"change": record, "from_status": ""},
            to_status=STATUS[change["status"]],
            on=parse_date(report["date"]),
            reason=PAPER_DATE.format(
                date=f"{parse_date(report['date']):%-d %B %Y}", evidence=change["status_evidence"]
            ),
        )
    return contract
