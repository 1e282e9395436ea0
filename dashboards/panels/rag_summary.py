"""RAG by programme: how many projects of each programme sit at each level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Self

from django.db.models import Count

from core.charts import stacked_bars
from core.frozen_rows import FrozenRows
from core.rag_mix import RagCount
from projects.models.projects import ProjectQuerySet


@dataclass(frozen=True)
class ProgrammeRagCounts:
    name: str
    counts: dict[str, int]  # {level id as text, or "None" for no RAG yet: projects}
    programme_id: int | None = None  # for the page's link; reports issued before had none


@dataclass(frozen=True)
class RagRow:
    """A programme's line of the table: its counts in the scale's order, then no RAG."""

    name: str
    programme_id: int | None
    counts: list[RagCount]
    total: int


@dataclass(frozen=True)
class RagSummary(FrozenRows):
    programmes: list[ProgrammeRagCounts]

    @classmethod
    def build(cls, projects: ProjectQuerySet, as_at: date) -> Self:
        counts: dict[int, dict[int | None, int]] = {}
        names: dict[int, str] = {}
        for row in (
            projects.with_current_rag(as_at)  # type: ignore[misc]  # stubs miss annotations
            .values("programme_id", "programme__name", "programme__order", "current_rag_id")
            .annotate(n=Count("id"))
            .order_by("programme__order", "programme__name")
        ):
            names[row["programme_id"]] = row["programme__name"]
            by_level = counts.setdefault(row["programme_id"], {})
            by_level[row["current_rag_id"]] = row["n"]
        return cls.from_counts([(pk, names[pk]) for pk in counts], counts, link_programmes=False)

    @classmethod
    def from_counts(
        cls,
        programmes: Sequence[tuple[int, str]],
        counts: Mapping[int, Mapping[int | None, int]],
        *,
        link_programmes: bool = True,
    ) -> Self:
        """From {programme id: {level id, or None: projects}}, in `programmes`' order
        ((id, name) pairs). A report keeps no programme ids: its copy outlives them."""
        return cls(
            programmes=[
                ProgrammeRagCounts(
                    name=name,
                    counts={str(level): n for level, n in counts.get(pk, {}).items()},
                    programme_id=pk if link_programmes else None,
                )
                for pk, name in programmes
            ]
        )

    def table(self, levels: Sequence[Any]) -> list[RagRow]:
        """A row a programme, its counts in the scale's order then no RAG yet."""
        rows = []
        for programme in self.programmes:
            total = sum(programme.counts.values())
            bars = [RagCount(level, programme.counts.get(str(level.pk), 0)) for level in levels]
            bars.append(RagCount(None, programme.counts.get("None", 0)))
            rows.append(RagRow(programme.name, programme.programme_id, bars, total))
        return rows

    def drawn_with(self, levels: Sequence[Any]) -> dict[str, Any]:
        """The chart and the table, in the scale's levels (RagLevels or RagRefs), for the
        partial to draw."""
        table = self.table(levels)
        chart = stacked_bars([(row.name, row.counts, row.total) for row in table])
        return {"chart": chart, "table": table}
