"""The Annex B table: programme, project, sponsor, project manager, status, RAG."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self

from core.frozen_rows import from_json, to_json
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
class StatusTable:
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

    def to_json(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return from_json(data, cls)
