"""Money for one financial year (the as-at day's, or the nearest with figures): spend
against budget by programme with the financial RAG, savings by confidence of delivery,
and each partner council's share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Self

from django.db.models import QuerySet

from core.calendar import financial_year_label
from core.frozen_rows import from_json, to_json
from core.rag_ref import RagRef
from programmes.models import Strategy
from projects.finance import money_for_year
from projects.models import Project


@dataclass(frozen=True)
class SpendRow:
    programme: str
    budget: Decimal | None
    outturn: Decimal | None
    actual: Decimal | None
    variance: Decimal | None
    rag: RagRef | None  # the financial RAG, worked out from the figures


@dataclass(frozen=True)
class SavingsRow:
    programme: str
    target: Decimal | None
    delivered: Decimal | None
    high: Decimal | None
    medium: Decimal | None
    low: Decimal | None


@dataclass(frozen=True)
class ShareRow:
    council: str
    percentage: str  # as the agreement writes it: "45.1"
    cost: Decimal | None
    savings: Decimal | None


@dataclass(frozen=True)
class MoneyTables:
    year: str | None  # "2018/19"; None when no figures are recorded
    rows: list[SpendRow]
    savings: list[SavingsRow]
    shares: list[ShareRow]

    @classmethod
    def build(
        cls,
        projects: QuerySet[Project],
        *,
        strategy: Strategy | None,
        contract: Any,
        as_at: date,
    ) -> Self:
        money = money_for_year(projects, as_at, strategy=strategy, contract=contract)
        if money is None:
            return cls(year=None, rows=[], savings=[], shares=[])
        savings = [*money.savings, money.savings_total] if money.savings else []
        return cls(
            year=financial_year_label(money.year),
            rows=[
                SpendRow(
                    programme=row.name,
                    budget=row.budget,
                    outturn=row.outturn,
                    actual=row.actual,
                    variance=row.variance,
                    rag=RagRef.of(row.rag),
                )
                for row in [*money.spend, money.spend_total]
            ],
            savings=[
                SavingsRow(
                    programme=row.name,
                    target=row.target,
                    delivered=row.delivered,
                    high=row.forecast_high,
                    medium=row.forecast_medium,
                    low=row.forecast_low,
                )
                for row in savings
            ],
            shares=[
                ShareRow(
                    council=share.council.name,
                    percentage=format(share.percentage.normalize(), "f"),
                    cost=share.cost,
                    savings=share.savings,
                )
                for share in (money.shares.rows if money.shares else [])
            ],
        )

    def to_json(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return from_json(data, cls)
