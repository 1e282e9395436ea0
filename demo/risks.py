"""Risk registers from the papers: Oxfordshire County Council's transformation programme
register, July 2019 (its programme's own, rated in words only), and the 3C ICT shared
service business plan's key financial risks (the strategy's own, unrated, as printed);
and the dependencies the Five Councils' annual plan names."""

from datetime import date

from programmes.models import Programme, Strategy
from projects.models import Dependency, Project, Risk

from .upsert import read_fixture, set_m2m, upsert


def load_risks(organisations, people, scales):
    data = read_fixture("oxfordshire_risks.json")
    strategy = upsert(
        Strategy,
        {"slug": "oxfordshire-transformation-2019"},
        title="Oxfordshire County Council transformation programme",
        period="2018/19 – 2022/23",
        approved_on=None,
        version=f"Risks reviewed by {data['reviewed_by']} "
        f"{date.fromisoformat(data['reviewed_on']):%d/%m/%Y}",
        rag_scale=scales["delivery-confidence"],
        source=data["source"],
        order=4,
    )
    set_m2m(strategy.organisations, [organisations["OCC"]])
    programme = upsert(Programme, {"strategy": strategy, "name": data["programme"]}, order=1)
    for risk in data["risks"]:
        upsert(
            Risk,
            {"programme": programme, "reference": risk["reference"]},
            description=risk["description"],
            initial_likelihood=risk["initial_likelihood"],
            initial_impact=risk["initial_impact"],
            residual_likelihood=risk["residual_likelihood"],
            residual_impact=risk["residual_impact"],
            initial_rating_recorded=risk["initial_rating_text"],
            residual_rating_recorded=risk["residual_rating_text"],
            controls=risk["controls"],
            further_action=risk["further_action"],
            status=Risk.Status.OPEN if risk["status"] == "Open" else Risk.Status.CLOSED,
        )
    return strategy


def load_3c_financial_risks():
    data = read_fixture("3c_financial_risks.json")
    strategy = Strategy.objects.get(slug=data["strategy"])
    for risk in data["risks"]:
        upsert(Risk, {"strategy": strategy, "description": risk["description"]})


def load_dependencies(plan):
    """The annual plan's items waiting on others: on a whole item, or on the milestone
    the paper names (the migration to Azure, a milestone of the horizon-scanning item);
    the waiting side is the whole item, as the paper gives no milestone of it."""
    data = read_fixture("dependencies_2022_23.json")
    items = {p.name: p for p in Project.objects.filter(programme__strategy=plan)}
    for dependency in data["dependencies"]:
        on_project = items[dependency["on_project"]]
        waited = dependency.get("on_milestone")
        upsert(
            Dependency,
            {"project": items[dependency["project"]], "on_project": on_project},
            on_milestone=on_project.milestones.get(title=waited) if waited else None,
            note=dependency["note"],
        )
