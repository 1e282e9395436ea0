"""A contract's annual plans: items by service area, by part and by RAG."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from contracts.summaries import plan_summaries
from core.frozen_rows import from_json, to_json
from core.rag_ref import RagRef, ScaleRef
from programmes.models import Strategy


@dataclass(frozen=True)
class AreaRow:
    name: str
    parts: list[int]  # items in part 1, 2 and 3
    counts: list[int]  # items at each level of the plan's scale, then with no RAG yet
    total: int


@dataclass(frozen=True)
class PlanTable:
    title: str
    scale: ScaleRef | None
    areas: list[AreaRow]
    total: int


@dataclass(frozen=True)
class PlanSummary:
    plans: list[PlanTable]

    @classmethod
    def build(cls, contract: Any) -> Self:
        if contract is None:
            return cls(plans=[])
        plans = Strategy.objects.filter(contract=contract).for_dashboard()
        return cls(
            plans=[
                PlanTable(
                    title=summary.plan.title,
                    scale=ScaleRef(
                        pk=summary.plan.rag_scale.pk,
                        name=summary.plan.rag_scale.name,
                        levels=tuple(RagRef.of_level(level) for level in summary.levels),
                    ),
                    areas=[
                        AreaRow(
                            name=area.name,
                            parts=parts,
                            counts=[row.count for row in counts],
                            total=total,
                        )
                        for area, parts, counts, total in summary.part_rows()
                    ],
                    total=summary.total,
                )
                for summary in plan_summaries(plans)
            ]
        )

    def to_json(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return from_json(data, cls)
