"""The Annex B table: programme, project, sponsor, project manager, status, RAG."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Self

from core.frozen_rows import FrozenRows
from core.rag_ref import RagRef
from projects.models.projects import ProjectQuerySet


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
    def build(cls, projects: ProjectQuerySet, levels: Mapping[int, RagRef]) -> Self:
        listed = (
            projects.select_related("programme", "sponsor", "manager")
            .with_current_rag()
            .order_by("programme__order", "programme__name", "order", "name")
        )
        return cls(
            rows=[
                StatusRow(
                    programme=p.programme.name,
                    project=str(p),
                    sponsor=str(p.sponsor or "–"),
                    manager=str(p.manager or "TBC"),
                    status=p.get_lifecycle_status_display(),
                    rag=levels.get(p.current_rag_id),  # type: ignore[attr-defined]  # annotated: stubs cannot see
                )
                for p in listed
            ]
        )
