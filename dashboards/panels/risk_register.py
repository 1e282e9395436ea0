"""The risks of a report's projects and of their programmes, with their ratings in the
words the register printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from django.db.models import Q, QuerySet

from core.frozen_rows import FrozenRows
from projects.models import Project, Risk

from . import clip


@dataclass(frozen=True)
class RiskRow:
    reference: str
    description: str
    project: str  # the project's name, else the programme's
    owner: str
    initial: str
    controls: str
    residual: str
    status: str


@dataclass(frozen=True)
class RiskRegister(FrozenRows):
    rows: list[RiskRow]

    @classmethod
    def build(cls, projects: QuerySet[Project]) -> Self:
        programmes = projects.values("programme_id")
        risks = Risk.objects.filter(
            Q(project__in=projects) | Q(programme__in=programmes)
        ).select_related("project", "programme")
        rows = []
        for risk in risks.order_by("reference", "pk"):
            initial, residual = risk.initial_rating, risk.residual_rating
            rows.append(
                RiskRow(
                    reference=risk.reference,
                    description=risk.description,
                    project=str(risk.project) if risk.project_id else str(risk.programme),
                    owner=risk.owner,
                    initial=" – ".join(str(part) for part in initial if part),
                    controls=clip(risk.controls, 400),
                    residual=" – ".join(str(part) for part in residual if part),
                    status=risk.get_status_display(),
                )
            )
        return cls(rows=rows)
