"""The risks of a report's scope as they stood on its day: its projects', its
programmes' (a programme with no projects included: Oxfordshire's register is kept on
one) and its strategy's own, each with its ratings (in the words the register printed,
where it printed only words) and where it was escalated; with the heat map of the open
ones, worked out from these same rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from django.db.models import QuerySet

from core.frozen_rows import FrozenRows
from programmes.models import Programme, Strategy
from projects.models import Project, Risk

from . import clip
from .raid_trail import raid_as_at
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
    # A report issued before issue 22 headed the column as the registers do; it prints so.
    current_heading: str = "Residual rating"

    @property
    def heat_map(self) -> HeatMap:
        return HeatMap.of(row.rating for row in self.rows if row.status == Risk.Status.OPEN.label)

    @classmethod
    def build(
        cls,
        projects: QuerySet[Project],
        as_at: date,
        *,
        programmes: QuerySet[Programme] | None = None,
        strategy: Strategy | None = None,
    ) -> Self:
        read = raid_as_at(Risk, projects, as_at, programmes=programmes, strategy=strategy)
        responses = dict(Risk.Response.choices)
        rows = []
        for risk in read.entries:
            initial, residual = risk.initial_rating, risk.residual_rating
            rows.append(
                RiskRow(
                    reference=risk.reference,
                    description=risk.description,
                    project=read.kept_by(risk),
                    owner=read.owner(risk),
                    initial=" – ".join(str(part) for part in initial if part),
                    controls=clip(risk.controls, 400),
                    residual=" – ".join(str(part) for part in residual if part),
                    status=risk.get_status_display(),
                    title=risk.title,
                    escalated=read.escalated(risk),
                    response=responses[risk.response] if risk.response else "",
                    initial_likelihood=risk.initial_likelihood,
                    initial_impact=risk.initial_impact,
                    current_likelihood=risk.residual_likelihood,
                    current_impact=risk.residual_impact,
                    initial_words=risk.initial_rating_recorded,
                    current_words=risk.residual_rating_recorded,
                )
            )
        return cls(rows=rows, current_heading="Current rating")
