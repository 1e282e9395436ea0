"""What a report's risk register and issues log both read: the risks or issues of its
scope as the audit trail had them at the end of its day, with the names of who keeps
each and who owns it (a record of the trail keeps ids only), in four queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from programmes.models import Person, Programme, Strategy
from projects.models import Escalation, Issue, Project, Risk

from ..scope import end_of
from . import project_names

ESCALATIONS = dict(Escalation.choices)


@dataclass(frozen=True)
class RaidAsAt:
    entries: list[Any]  # the historical records, as the trail had them
    keepers: dict[tuple[str, int], str]
    owners: dict[int, Person]

    def kept_by(self, entry: Any) -> str:
        if entry.project_id:
            return self.keepers.get(("project", entry.project_id), "")
        if entry.programme_id:
            return self.keepers.get(("programme", entry.programme_id), "")
        return self.keepers.get(("strategy", entry.strategy_id), "")

    def owner(self, entry: Any) -> str:
        person = self.owners.get(entry.owner_id)
        return person.name if person else ""

    @staticmethod
    def escalated(entry: Any) -> str:
        return ESCALATIONS[entry.escalated_to] if entry.escalated_to else ""


def raid_as_at(
    model: type[Risk] | type[Issue],
    projects: QuerySet[Project],
    as_at: date,
    *,
    programmes: QuerySet[Programme] | None = None,
    strategy: Strategy | None = None,
) -> RaidAsAt:
    """`programmes`: programmes whose own entries count beside those of the projects'
    programmes; `strategy`: the strategy whose own entries count. Asked as subqueries."""
    read = Q(pk__in=projects.values("programme_id"))
    if programmes is not None:
        read |= Q(pk__in=programmes.values("pk"))
    programmes_read = Programme.objects.filter(read)
    in_scope = Q(project__in=projects) | Q(programme__in=programmes_read.values("pk"))
    if strategy is not None:
        in_scope |= Q(strategy=strategy)
    entries = list(model.history.as_of(end_of(as_at)).filter(in_scope).order_by("reference", "id"))
    keepers = {
        **{("project", pk): name for pk, name in project_names(projects).items()},
        **{("programme", p.pk): str(p) for p in programmes_read.only("name")},
        **({("strategy", strategy.pk): str(strategy)} if strategy is not None else {}),
    }
    owners = Person.objects.in_bulk({entry.owner_id for entry in entries} - {None})
    return RaidAsAt(entries=entries, keepers=keepers, owners=owners)
