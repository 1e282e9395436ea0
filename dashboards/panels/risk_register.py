"""The risks of a report's scope as they stood on its day: its projects', its
programmes' (a programme with no projects included: Oxfordshire's register is kept on
one) and its strategy's own, each with its ratings (in the words the register printed,
where it printed only words) and where it was escalated; with the heat map of the open
ones, worked out from these same rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from django.db.models import Q, QuerySet

from core.frozen_rows import FrozenRows
from programmes.models import Person, Programme, Strategy
from projects.models import Escalation, Project, Risk

from ..scope import end_of
from . import clip, project_names
from .risk_heat_map import HeatMap, Rating


@dataclass(frozen=True)
class RiskRow:
    reference: str
    description: str
    project: str  # who keeps it: the project's name, else the programme's or strategy's
    owner: str
    initial: str
    controls: str
    residual: str
    status: str
    # Added with the heat map and escalation; a report issued before has none of them.
    title: str = ""
    escalated: str = ""
    response: str = ""
    initial_likelihood: int | None = None
    initial_impact: int | None = None
    current_likelihood: int | None = None
    current_impact: int | None = None
    initial_words: str = ""
    current_words: str = ""

    @property
    def rating(self) -> Rating:
        def pair(likelihood: int | None, impact: int | None) -> tuple[int, int] | None:
            return (likelihood, impact) if likelihood and impact else None

        return Rating(
            initial=pair(self.initial_likelihood, self.initial_impact),
            current=pair(self.current_likelihood, self.current_impact),
            initial_words=self.initial_words,
            current_words=self.current_words,
        )


@dataclass(frozen=True)
class RiskRegister(FrozenRows):
    rows: list[RiskRow]

    @property
    def heat_map(self) -> HeatMap:
        return HeatMap.of(row.rating for row in self.rows if row.status == "Open")

    @classmethod
    def build(
        cls,
        projects: QuerySet[Project],
        as_at: date,
        *,
        programmes: QuerySet[Programme] | None = None,
        strategy: Strategy | None = None,
    ) -> Self:
        """`programmes`: programmes whose own risks count beside those of the projects'
        programmes; `strategy`: the strategy whose own risks count. Asked as subqueries:
        the register is one query, its keepers' names two more."""
        read = Q(pk__in=projects.values("programme_id"))
        if programmes is not None:
            read |= Q(pk__in=programmes.values("pk"))
        programmes_read = Programme.objects.filter(read)
        in_scope = Q(project__in=projects) | Q(programme__in=programmes_read.values("pk"))
        if strategy is not None:
            in_scope |= Q(strategy=strategy)
        # As the register stood at the end of the day; read from the trail, a risk keeps
        # no project, programme, strategy or owner, so their names are read once.
        risks = list(Risk.history.as_of(end_of(as_at)).filter(in_scope).order_by("reference", "id"))
        names = {
            **{("project", pk): name for pk, name in project_names(projects).items()},
            **{("programme", p.pk): str(p) for p in programmes_read.only("name")},
            **({("strategy", strategy.pk): str(strategy)} if strategy is not None else {}),
        }
        owners = Person.objects.in_bulk({risk.owner_id for risk in risks} - {None})
        escalations = dict(Escalation.choices)
        responses = dict(Risk.Response.choices)
        rows = []
        for risk in risks:
            initial, residual = risk.initial_rating, risk.residual_rating
            keeper = (
                ("project", risk.project_id)
                if risk.project_id
                else ("programme", risk.programme_id)
                if risk.programme_id
                else ("strategy", risk.strategy_id)
            )
            owner = owners.get(risk.owner_id)
            rows.append(
                RiskRow(
                    reference=risk.reference,
                    description=risk.description,
                    project=names.get(keeper, ""),
                    owner=owner.name if owner else "",
                    initial=" – ".join(str(part) for part in initial if part),
                    controls=clip(risk.controls, 400),
                    residual=" – ".join(str(part) for part in residual if part),
                    status=risk.get_status_display(),
                    title=risk.title,
                    escalated=escalations[risk.escalated_to] if risk.escalated_to else "",
                    response=responses[risk.response] if risk.response else "",
                    initial_likelihood=risk.initial_likelihood,
                    initial_impact=risk.initial_impact,
                    current_likelihood=risk.residual_likelihood,
                    current_impact=risk.residual_impact,
                    initial_words=risk.initial_rating_recorded,
                    current_words=risk.residual_rating_recorded,
                )
            )
        return cls(rows=rows)
