"""Each partner council's share of a strategy's or contract's cost and savings: the
percentages agreed a year, in pounds, and the rule that a year's shares make a whole."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
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
    element: str = ""  # the cost the percentage is stated for; "" for the whole
    printed: bool = False  # the cost is the paper's own, not the percentage's
    savings_printed: bool = False  # the savings are the paper's own
    basis: str = ""
    printed_basis: str = ""


# {element project id: (its cost, its savings target)} in one year.
ElementMoney = Mapping[int, tuple[Decimal | None, Decimal | None]]


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
    money_of_elements: Callable[[set[int]], ElementMoney] | None = None,
) -> Shares:
    """Each council's share of the year's cost and savings, in pounds: as the paper
    prints them where it does, else its percentage of the element the percentage is
    stated for (`money_of_elements` reads those), else of the whole cost and savings
    target (tests/test_money_as_kept.py)."""
    of_year = CostShare.objects.filter(year=year).select_related("council", "element")
    shares = list(
        of_year.filter(strategy=strategy) if strategy else of_year.filter(contract=contract)
    )
    unprinted = [s for s in shares if s.cost is None or s.savings is None]
    wanted = {s.element_id for s in unprinted if s.element_id is not None}
    elements = money_of_elements(wanted) if wanted and money_of_elements else {}

    def part(amount: Decimal | None, pct: Decimal) -> Decimal | None:
        return None if amount is None else (amount * pct / 100).quantize(Decimal("0.01"))

    rows = []
    for share in shares:
        whole = (cost, savings)
        if share.element_id:
            whole = elements.get(share.element_id, (None, None))
        rows.append(
            CouncilShare(
                share.council,
                share.percentage,
                share.cost if share.cost is not None else part(whole[0], share.percentage),
                share.savings if share.savings is not None else part(whole[1], share.percentage),
                element=share.element.name if share.element else "",
                printed=share.cost is not None,
                savings_printed=share.savings is not None,
                basis=share.basis,
                printed_basis=share.printed_basis,
            )
        )
    return Shares(year=year, rows=rows)


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
