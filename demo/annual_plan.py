"""The Five Councils contract's annual plan 2022/23: IT and Revenues & Benefits."""

import re
from datetime import date

from programmes.models import Programme, Strategy
from projects.models import DeliveryStatus, Milestone, Project, StatusUpdate

from .reference import FIVE_COUNCILS
from .upsert import parse_date, read_fixture, set_m2m, upsert

PARTS = {1: Project.PlanPart.TRANSITION, 2: Project.PlanPart.ANNUAL, 3: Project.PlanPart.FORWARD}
# The plan's status words, as officers typed them, onto the portal's two scales.
ITEM_LIFECYCLE = {
    "not started": Project.Lifecycle.SCHEDULED,
    "": Project.Lifecycle.SCHEDULED,
    "started": Project.Lifecycle.ACTIVE,
    "wip": Project.Lifecycle.ACTIVE,
    "design": Project.Lifecycle.ACTIVE,
    "in progress": Project.Lifecycle.ACTIVE,
    "complete": Project.Lifecycle.COMPLETE,
}
MILESTONE_STATUS = {
    "not started": DeliveryStatus.NOT_STARTED,
    "": DeliveryStatus.NOT_STARTED,
    "started": DeliveryStatus.STARTED,
    "wip": DeliveryStatus.STARTED,
    "design": DeliveryStatus.STARTED,
    "in progress": DeliveryStatus.STARTED,
    "complete": DeliveryStatus.COMPLETE,
}
REFERENCE = re.compile(r"^[A-Z]{1,4}\d{1,4}$")


def _words(status):
    return status.strip().rstrip(".").lower()


def item_lifecycle(status):
    words = _words(status)
    if words.startswith("closed"):
        return Project.Lifecycle.CLOSED
    return ITEM_LIFECYCLE[words]


def milestone_status(status):
    words = _words(status)
    if words.startswith("closed"):
        return DeliveryStatus.COMPLETE
    return MILESTONE_STATUS[words]


def load_annual_plan(organisations, people, scales, contract):
    data = read_fixture("annual_plan_2022_23.json")
    scale = scales["annual-plan"]
    strategy = upsert(
        Strategy,
        {"slug": "five-councils-annual-plan-2022-23"},
        title="Five Councils corporate services contract: annual plan 2022/23",
        period="2022/23",
        approved_on=date(2022, 3, 17),
        version="Version 3, final draft to JTB and SMB",
        rag_scale=scale,
        contract=contract,
        source=data["source"],
        order=3,
    )
    set_m2m(strategy.organisations, [organisations[code] for code in FIVE_COUNCILS])
    for area_order, area in enumerate(data["service_areas"], start=1):
        programme = upsert(
            Programme,
            {"strategy": strategy, "name": area["name"]},
            order=area_order,
            description=(
                f"Service area plan, last updated {parse_date(area['last_updated']):%-d %B %Y} "
                f"by {area['last_updated_by']}."
            ),
        )
        plan_date = parse_date(area["last_updated"])
        for order, item in enumerate(area["items"], start=1):
            _load_item(programme, order, item, plan_date, organisations, people, scale)
    return strategy


def _load_item(programme, order, item, plan_date, organisations, people, scale):
    reference = item["ref"] if REFERENCE.match(item["ref"]) else ""
    lead = people.get(item["lead"], role=True)
    project = upsert(
        Project,
        {"programme": programme, "name": item["title"]},
        reference=reference,
        description=item["description"],
        lead=lead,
        driver=item["driver"],
        plan_part=PARTS[item["part"]],
        lifecycle_status=item_lifecycle(item["delivery_status"]),
        order=order,
    )
    set_m2m(project.councils_impacted, [organisations[code] for code in item["councils"]])
    for position, milestone in enumerate(item["milestones"], start=1):
        upsert(
            Milestone,
            {"project": project, "order": position},
            # A row with a date but no words of its own is the item's milestone.
            title=milestone["title"] or milestone["due_text"] or item["title"],
            baseline_date=parse_date(milestone["due_date"]),
            due_text=milestone["due_text"],
            delivery_status=milestone_status(milestone["status"]),
            lead=people.get(milestone["lead"], role=True) or lead,
        )
    _load_progress(project, item, plan_date, scale)


def _load_progress(project, item, plan_date, scale):
    """Each dated entry of the progress cell becomes a status update.

    The plan gives one RAG per item, for the plan's date, so only the newest
    update carries it; older entries are progress without a recorded RAG.
    """
    entries = [
        (parse_date(entry["date"]) or plan_date, entry["text"]) for entry in item["progress"]
    ]
    if item["rag"] and not entries:
        entries = [(plan_date, "")]
    entries.sort(key=lambda entry: entry[0])
    for position, (reported_on, text) in enumerate(entries, start=1):
        newest = position == len(entries)
        upsert(
            StatusUpdate,
            {"project": project, "reported_on": reported_on, "progress": text},
            rag=scale.levels.get(code=item["rag"]) if newest and item["rag"] else None,
            delivery_status=milestone_status(item["delivery_status"]) if newest else "",
        )
