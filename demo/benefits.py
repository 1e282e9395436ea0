"""Benefits from the papers: the non-financial benefits Oxfordshire's members' dashboard
gives for four live transformation projects (003, Annex 1), and 3C's service development
objectives with how each benefit will be measured (004, section 3A). The papers name
no owners or realised dates, so the demo invents none: each is planned."""

from datetime import date

from programmes.models import Programme
from projects.models import Benefit, Project

from .upsert import read_fixture, upsert


def load_oxfordshire_benefits():
    data = read_fixture("benefits.json")["oxfordshire"]
    programme = Programme.objects.get(strategy__slug=data["strategy"], name=data["programme"])
    for position, row in enumerate(data["projects"], start=1):
        project = upsert(
            Project,
            {"programme": programme, "name": row["name"]},
            lifecycle_status=Project.Lifecycle.ACTIVE,
            order=position,
        )
        for order, benefit in enumerate(row["benefits"], start=1):
            if isinstance(benefit, str):
                benefit = {"description": benefit, "kind": Benefit.Kind.NON_FINANCIAL}
            upsert(
                Benefit,
                {"project": project, "order": order},
                description=benefit["description"],
                kind=benefit["kind"],
                source=f"{data['source']}"[:300],
            )


def load_3c_benefits():
    data = read_fixture("benefits.json")["three_c"]
    programme = Programme.objects.get(strategy__slug=data["strategy"], name=data["programme"])
    order = 0
    for objective in data["objectives"]:
        for number, benefit in enumerate(objective["benefits"], start=1):
            order += 1
            upsert(
                Benefit,
                {"programme": programme, "reference": f"{objective['reference']}/{number}"},
                description=benefit["description"],
                kind=benefit["kind"],
                measure=benefit["measure"],
                baseline=benefit.get("baseline", ""),
                target=benefit.get("target", ""),
                expected_on=date.fromisoformat(objective["target_delivery"]),
                source=f"{data['source']}: {objective['reference']} {objective['objective']}"[:300],
                order=order,
            )
