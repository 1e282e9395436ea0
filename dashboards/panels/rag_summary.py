"""RAG by programme: how many projects of each programme sit at each level."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Self

from django.db.models import Count

from core.charts import StackedBars, stacked_bars
from core.frozen_rows import from_json, to_json
from core.rag_mix import RagCount
from core.rag_ref import RagRef
from projects.models.projects import ProjectQuerySet


@dataclass(frozen=True)
class ProgrammeRagCounts:
    name: str
    counts: dict[str, int]  # {level id as text, or "None" for no RAG yet: projects}


@dataclass(frozen=True)
class RagSummary:
    programmes: list[ProgrammeRagCounts]

    @classmethod
    def build(cls, projects: ProjectQuerySet) -> Self:
        counts: dict[int, dict[int | None, int]] = {}
        names: dict[int, str] = {}
        for row in (
            projects.with_current_rag()  # type: ignore[misc]  # stubs miss annotations
            .values("programme_id", "programme__name", "programme__order", "current_rag_id")
            .annotate(n=Count("id"))
            .order_by("programme__order", "programme__name")
        ):
            names[row["programme_id"]] = row["programme__name"]
            by_level = counts.setdefault(row["programme_id"], {})
            by_level[row["current_rag_id"]] = row["n"]
        return cls(
            programmes=[
                ProgrammeRagCounts(
                    name=names[pk], counts={str(level): n for level, n in by_level.items()}
                )
                for pk, by_level in counts.items()
            ]
        )

    def table(self, levels: Sequence[RagRef]) -> list[tuple[str, list[RagCount], int]]:
        """[(programme, [RagCount…] in the scale's order then no RAG, total)]."""
        rows = []
        for programme in self.programmes:
            total = sum(programme.counts.values())
            bars = [RagCount(level, programme.counts.get(str(level.pk), 0)) for level in levels]
            bars.append(RagCount(None, programme.counts.get("None", 0)))
            rows.append((programme.name, bars, total))
        return rows

    def chart(self, levels: Sequence[RagRef]) -> StackedBars:
        return stacked_bars(self.table(levels))

    def drawn_with(self, levels: Sequence[RagRef]) -> dict[str, Any]:
        """The chart and the table, in the scale's levels, for a partial to draw."""
        return {"chart": self.chart(levels), "table": self.table(levels)}

    def to_json(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return from_json(data, cls)
