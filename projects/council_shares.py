"""Each partner council's share of a strategy's or contract's cost and savings: the
percentages agreed a year, in pounds, and the rule that a year's shares make a whole."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.calendar import financial_year_label
from programmes.models import Organisation, Strategy
from programmes.shares import shares_problem

from .models import CostShare

# A contracts.Contract: that app is a layer above this one, so it is not named here.
AContract = Any


@dataclass
class CouncilShare:
    council: Organisation
    percentage: Decimal
    cost: Decimal | None
    savings: Decimal | None


@dataclass
class Shares:
    year: int
    rows: list[CouncilShare] = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


def council_shares(
    *,
    year: int,
    cost: Decimal | None,
    savings: Decimal | None,
    strategy: Strategy | None = None,
    contract: AContract | None = None,
) -> Shares:
    """Each council's percentage of the year's cost and savings, in pounds."""
    shares = CostShare.objects.filter(year=year).select_related("council")
    shares = shares.filter(strategy=strategy) if strategy else shares.filter(contract=contract)

    def part(amount: Decimal | None, pct: Decimal) -> Decimal | None:
        return None if amount is None else (amount * pct / 100).quantize(Decimal("0.01"))

    return Shares(
        year=year,
        rows=[
            CouncilShare(
                s.council, s.percentage, part(cost, s.percentage), part(savings, s.percentage)
            )
            for s in shares
        ],
    )


def cost_shares_problem(
    shares: Iterable[tuple[int, Organisation, Decimal]],
    *,
    partners: Collection[Organisation] | None,
) -> str | None:
    """Why a set of (year, council, percentage) cost shares cannot be saved, or None:
    each year's shares are a whole, totalling 100% between partner councils."""
    by_year: dict[int, dict[Organisation, Decimal]] = {}
    for year, council, percentage in shares:
        by_year.setdefault(year, {})[council] = percentage
    for year in sorted(by_year):
        problem = shares_problem(
            by_year[year], partners=partners, has_costs=False, subject="this strategy or contract"
        )
        if problem:
            return f"{financial_year_label(year)}: {problem}"
    return None
