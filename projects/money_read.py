"""A scope's money read once for every panel and figure a page shows: its finance lines
and savings summed by year and programme (two queries), each partner council's share of
a year, and the budgets over its projects' lives. The sums themselves are worked out in
projects/finance.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from core.calendar import financial_year_label, financial_year_of
from programmes.models import Strategy

from .council_shares import AContract, Shares, council_shares
from .finance import (
    SavingsRow,
    Spend,
    add_line,
    financial_levels,
    savings_by_year,
    savings_rows,
    spend_by_year,
    spend_rows,
)
from .models import LifeBudget, Project, ProjectFinance, Savings


@dataclass
class YearOfMoney:
    year: int
    spend: list[Spend]
    spend_total: Spend
    savings: list[SavingsRow]
    savings_total: SavingsRow
    shares: Shares | None = None

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


class MoneyRead:
    """A set of projects' finance lines and savings summed by year and programme: two
    queries, read once for every panel and figure a page shows."""

    def __init__(self, projects: QuerySet[Project]) -> None:
        self.spend = spend_by_year(projects)
        self.savings = savings_by_year(projects)
        self.projects = projects
        self._life: list[LifeBudget] | None = None

    def life_budgets(self, day: date) -> list[LifeBudget]:
        """The budgets over the projects' lives whose figures are as at `day` or before
        (a page looking back shows none from later), with their projects: one query, once."""
        if self._life is None:
            self._life = list(
                LifeBudget.objects.filter(project__in=self.projects)
                .select_related("project")
                .order_by("project__programme__order", "project__order", "project__name")
            )
        return [budget for budget in self._life if budget.as_at <= day]

    def savings_target_total(self) -> Decimal | None:
        """Every year's savings target added up: the target over the strategy's life."""
        return Spend._add(*(sums["target"] for rows in self.savings.values() for _, sums in rows))

    def savings_of_year(self, year: int) -> SavingsRow:
        """The year's savings added up over the programmes."""
        return savings_rows(self.savings.get(year, []))[1]

    def budget_and_pressure(self, year: int | None = None) -> tuple[Decimal | None, Decimal | None]:
        """As `budget_and_pressure(projects, year)`, added up from the sums by year and
        programme."""
        rows = [
            sums
            for each_year, rows in self.spend.items()
            if year is None or each_year == year
            for _, sums in rows
        ]
        return (
            Spend._add(*(sums["outside"] for sums in rows)),
            Spend._add(*(sums["pressure"] for sums in rows)),
        )

    def year_for(self, day: date) -> int | None:
        """The financial year `day` falls in, or the nearest one with figures; None when
        there are none."""
        years = set(self.spend) | set(self.savings)
        if not years:
            return None
        return min(max(financial_year_of(day), min(years)), max(years))

    def for_year(
        self, day: date, *, strategy: Strategy | None = None, contract: AContract | None = None
    ) -> YearOfMoney | None:
        """The financial year `day` falls in (or the nearest one with figures): spend by
        programme with its RAG, savings by programme, and each partner council's share of
        the strategy's (else the contract's) cost and savings target. None if no figures."""
        year = self.year_for(day)
        if year is None:
            return None
        programme_spend, spend_total = spend_rows(self.spend.get(year, []), financial_levels())
        programme_savings, savings_total = savings_rows(self.savings.get(year, []))
        shares = council_shares(
            year=year,
            cost=spend_total.cost,
            savings=savings_total.year_target,
            strategy=strategy,
            contract=None if strategy else contract,
            money_of_elements=lambda ids: element_money(ids, year),
        )
        return YearOfMoney(
            year, programme_spend, spend_total, programme_savings, savings_total, shares
        )


def element_money(project_ids: set[int], year: int) -> dict[int, tuple[Any, Any]]:
    """{project id: (cost, savings target)} of the projects a council's percentage is
    stated for, in one year: two queries, only when a share names an element."""
    projects = Project.objects.filter(pk__in=project_ids)
    spend: dict[int, Spend] = {}
    for line in ProjectFinance.objects.filter(project__in=projects, year=year):
        add_line(spend.setdefault(line.project_id, Spend("")), line)
    targets = {
        row.project_id: SavingsRow("", row.target, row.revised_target).year_target
        for row in Savings.objects.filter(project__in=projects, year=year)
    }
    return {pk: (spend[pk].cost if pk in spend else None, targets.get(pk)) for pk in project_ids}
