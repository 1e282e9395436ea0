"""Oxfordshire County Council's transformation programme risk register, July 2019."""

from datetime import date

from programmes.models import Programme, Strategy
from projects.models import Risk

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
