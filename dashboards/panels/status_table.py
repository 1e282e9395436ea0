"""The Annex B table: programme, project, sponsor, project manager, status, RAG."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Self

from core.frozen_rows import FrozenRows
from core.rag_ref import RagRef
from projects.models import Project
from projects.models.projects import ProjectQuerySet

from ..scope import end_of


def lifecycle_as_at(projects: ProjectQuerySet, as_at: date) -> dict[int, str]:
    """{project id: lifecycle status at the end of `as_at`} for the projects changed
    since; any other's status then is its status now. A project whose trail starts
    later counts as it is now, as on the dashboard (dashboards/figures.py)."""
    moment = end_of(as_at)
    changed_since = Project.history.filter(history_date__gt=moment).values("id")
    return dict(
        Project.history.as_of(moment)
        .filter(id__in=changed_since)
        .filter(id__in=projects.values("pk"))
        .values_list("id", "lifecycle_status")
    )


@dataclass(frozen=True)
class StatusRow:
    programme: str
    project: str
    sponsor: str
    manager: str
    status: str
    rag: RagRef | None


@dataclass(frozen=True)
class StatusTable(FrozenRows):
    rows: list[StatusRow]

    @classmethod
    def build(cls, projects: ProjectQuerySet, levels: Mapping[int, RagRef], as_at: date) -> Self:
        listed = (
            projects.select_related("programme", "sponsor", "manager")
            .with_current_rag(as_at)
            .order_by("programme__order", "programme__name", "order", "name")
        )
        status_then = lifecycle_as_at(projects, as_at)
        return cls(
            rows=[
                StatusRow(
                    programme=p.programme.name,
                    project=str(p),
                    sponsor=str(p.sponsor or "–"),
                    manager=str(p.manager or "TBC"),
                    status=Project.Lifecycle(status_then.get(p.pk, p.lifecycle_status)).label,
                    rag=levels.get(p.current_rag_id),  # type: ignore[attr-defined]  # annotated: stubs cannot see
                )
                for p in listed
            ]
        )
