"""The risks of a report's projects and of their programmes, with their ratings in the
words the register printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from django.db.models import Q, QuerySet

from core.frozen_rows import FrozenRows
from programmes.models import Programme
from projects.models import Project, Risk

from ..scope import end_of
from . import clip, project_names


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
    def build(cls, projects: QuerySet[Project], as_at: date) -> Self:
        programmes = projects.values("programme_id")
        # As the register stood at the end of the day; read from the trail, a risk keeps
        # no project or programme, so their names are read once.
        risks = (
            Risk.history.as_of(end_of(as_at))
            .filter(Q(project__in=projects) | Q(programme__in=programmes))
            .order_by("reference", "id")
        )
        names = {
            **{("project", pk): name for pk, name in project_names(projects).items()},
            **{("programme", p.pk): str(p) for p in Programme.objects.filter(pk__in=programmes)},
        }
        rows = []
        for risk in risks:
            initial, residual = risk.initial_rating, risk.residual_rating
            rows.append(
                RiskRow(
                    reference=risk.reference,
                    description=risk.description,
                    project=names[("project", risk.project_id)]
                    if risk.project_id
                    else names[("programme", risk.programme_id)],
                    owner=risk.owner,
                    initial=" – ".join(str(part) for part in initial if part),
                    controls=clip(risk.controls, 400),
                    residual=" – ".join(str(part) for part in residual if part),
                    status=risk.get_status_display(),
                )
            )
        return cls(rows=rows)
