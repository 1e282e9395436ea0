"""Red and Amber projects, worst first, with their latest commentary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, Self

from core.frozen_rows import FrozenRows
from core.rag_ref import RagRef
from projects.models import StatusUpdate
from projects.models.projects import ProjectQuerySet

from . import clip


@dataclass(frozen=True)
class ExceptionRow:
    project: str
    programme: str
    rag: RagRef | None
    reported_on: date | None
    issues: str
    progress: str
    next_steps: str
    project_id: int | None = None  # the page's link; a report keeps no ids, it outlives them


def _row(
    *,
    project: str,
    programme: str,
    rag: RagRef | None,
    reported_on: date | None,
    update: StatusUpdate | None,
    project_id: int | None = None,
) -> ExceptionRow:
    """A row with the newest update's words as a table cell holds them."""
    return ExceptionRow(
        project=project,
        programme=programme,
        rag=rag,
        reported_on=reported_on,
        issues=clip(update.issues) if update else "",
        progress=clip(update.progress) if update else "",
        next_steps=clip(update.next_steps, 300) if update else "",
        project_id=project_id,
    )


class ListedLine(Protocol):
    """A project as a dashboard lists it (dashboards/scope_read.py, Line)."""

    pk: int
    name: str
    programme: Any
    rag: Any
    latest: Any

    @property
    def last_reported_on(self) -> date | None: ...


@dataclass(frozen=True)
class Exceptions(FrozenRows):
    rows: list[ExceptionRow]
    more: int = 0  # Red and Amber projects beyond those listed (a dashboard lists 15)

    @property
    def total(self) -> int:
        return len(self.rows) + self.more

    @classmethod
    def from_lines(cls, lines: Sequence[ListedLine], *, more: int) -> Self:
        """The dashboard's Red and Amber list, from the lines it has read, each with its
        latest update attached."""
        return cls(
            rows=[
                _row(
                    project=line.name,
                    programme=line.programme.name,
                    rag=RagRef.of(line.rag),
                    reported_on=line.last_reported_on,
                    update=line.latest,
                    project_id=line.pk,
                )
                for line in lines
            ],
            more=more,
        )

    @classmethod
    def build(
        cls,
        projects: ProjectQuerySet,
        flagged_level_ids: Sequence[int],
        as_at: date,
        levels: Mapping[int, RagRef],
    ) -> Self:
        flagged = list(
            projects.with_current_rag(as_at)  # type: ignore[misc]  # stubs miss annotations
            .with_current_rag_order(as_at)
            .filter(current_rag_id__in=flagged_level_ids)
            .select_related("programme")
            .order_by("current_rag_order", "programme__order", "order", "name")
        )
        newest = StatusUpdate.objects.latest_words_of([p.pk for p in flagged], as_at)
        rows = []
        for p in flagged:
            update = newest.get(p.pk)
            rows.append(
                _row(
                    project=str(p),
                    programme=p.programme.name,
                    rag=levels.get(p.current_rag_id),  # type: ignore[attr-defined]  # annotated: stubs cannot see
                    reported_on=p.last_reported_on,  # type: ignore[attr-defined]  # annotated: stubs cannot see
                    update=update,
                )
            )
        return cls(rows=rows)
