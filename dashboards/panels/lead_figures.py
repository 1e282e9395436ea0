"""The figures a strategy chooses to lead its dashboard and its reports with
(programmes.models.StrategyHeadline), each worked out from the records: savings targets
and what is achieved, spend over the programme's life, the action plan's budget outside
contract and in-year pressure, counts of projects. A strategy that chooses none leads
with none: no page shows a figure its strategy does not keep (tests/test_lead_figures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Self

from django.db.models import Count, Q, QuerySet

from core.calendar import financial_year_label, financial_year_of
from core.frozen_rows import FrozenRows
from programmes.models import Strategy
from projects.models import Project
from projects.money_read import MoneyRead

from ..scope import end_of


def _half_up(value: Decimal, places: str) -> Decimal:
    return Decimal(value).quantize(Decimal(places), ROUND_HALF_UP)


def money_figure(value: Decimal) -> str:
    """Pounds as a members' page prints a headline, rounded half up as the papers do:
    £49.7m, £382.8k, £138k, £950."""
    if abs(value) >= 1_000_000:
        return f"£{_half_up(value / 1_000_000, '0.1'):,}m"
    if abs(value) >= 1_000:
        thousands = _half_up(value / 1_000, "0.1")
        return f"£{thousands:,.0f}k" if thousands == int(thousands) else f"£{thousands:,}k"
    return f"£{_half_up(value, '1'):,}"


@dataclass(frozen=True)
class LeadFigure:
    figure: str  # "£49.7m", "15%", "49"
    label: str  # "Total savings target"
    note: str = ""  # what it covers: "2018/19 to 2022/23"


@dataclass(frozen=True)
class LeadFigures(FrozenRows):
    rows: list[LeadFigure]

    @classmethod
    def build(
        cls,
        strategy: Strategy,
        projects: QuerySet[Project],
        as_at: date,
        money: MoneyRead | None = None,
    ) -> Self:
        """The strategy's chosen figures, in its order, as at `as_at`; a figure with
        nothing recorded behind it is left out rather than shown as zero. `money`: the
        projects' MoneyRead where the page has one; read here only if a figure needs it."""
        chosen = [row.figure for row in strategy.headline_figures.all()]
        if not chosen:
            return cls(rows=[])
        reading = _Reading(projects, as_at, money or MoneyRead(projects))
        rows = [reading.figure(key) for key in chosen]
        return cls(rows=[row for row in rows if row is not None])


class _Reading:
    def __init__(self, projects: QuerySet[Project], as_at: date, money: MoneyRead) -> None:
        self.in_scope = projects
        self.as_at = as_at
        self.money = money
        # The year the money panel shows: the as-at day's, or the nearest with figures.
        self.year = money.year_for(as_at) or financial_year_of(as_at)

    def figure(self, key: str) -> LeadFigure | None:
        return getattr(self, key)()

    def savings_target_total(self) -> LeadFigure | None:
        total = self.money.savings_target_total()
        years = sorted(
            year
            for year, rows in self.money.savings.items()
            if any(sums["target"] is not None for _, sums in rows)
        )
        if total is None:
            return None
        span = f"{financial_year_label(years[0])} to {financial_year_label(years[-1])}"
        return LeadFigure(money_figure(total), "Total savings target", f"Savings target {span}")

    def _year_savings(self) -> tuple[Decimal | None, Decimal | None]:
        row = self.money.savings_of_year(self.year)
        return row.year_target, row.delivered

    def savings_target_year(self) -> LeadFigure | None:
        target, _ = self._year_savings()
        if target is None:
            return None
        return LeadFigure(money_figure(target), f"{financial_year_label(self.year)} savings target")

    def savings_achieved(self) -> LeadFigure | None:
        target, delivered = self._year_savings()
        if not target or delivered is None:
            return None
        share = ((delivered or 0) * 100 / target).quantize(Decimal("1"), ROUND_HALF_UP)
        return LeadFigure(
            f"{share}%", f"of the {financial_year_label(self.year)} savings target achieved"
        )

    def _life_total(self, name: str) -> tuple[Decimal | None, str]:
        budgets = [b for b in self.money.life_budgets(self.as_at) if getattr(b, name) is not None]
        if not budgets:
            return None, ""
        first = min(b.first_year for b in budgets)
        last = max(b.last_year for b in budgets)
        span = f"{financial_year_label(first)} to {financial_year_label(last)}"
        return sum((getattr(b, name) for b in budgets), Decimal(0)), span

    def planned_spend(self) -> LeadFigure | None:
        total, span = self._life_total("planned")
        if total is None:
            return None
        return LeadFigure(money_figure(total), "Planned spend", f"Total planned spend {span}")

    def spend_to_date(self) -> LeadFigure | None:
        total, _ = self._life_total("spent")
        if total is None:
            return None
        days = {b.as_at for b in self.money.life_budgets(self.as_at) if b.spent is not None}
        when = f"{max(days):%-d %B %Y}"
        note = f"Spent as at {when}" if len(days) == 1 else f"Spent, figures as at up to {when}"
        return LeadFigure(money_figure(total), "Spend to date", note)

    def budget_outside_contract(self) -> LeadFigure | None:
        budget, _ = self.money.budget_and_pressure(self.year)
        if budget is None:
            return None
        return LeadFigure(
            money_figure(budget), "Budget outside contract", financial_year_label(self.year)
        )

    def in_year_pressure(self) -> LeadFigure | None:
        _, pressure = self.money.budget_and_pressure(self.year)
        if pressure is None:
            return None
        return LeadFigure(
            money_figure(pressure), "In-year pressure", financial_year_label(self.year)
        )

    def _project_counts(self) -> dict[str, int]:
        """The projects and how many were complete, as the audit trail had them."""
        known = Project.history.as_of(end_of(self.as_at)).filter(id__in=self.in_scope.values("pk"))
        return known.aggregate(
            total=Count("id"),
            complete=Count("id", filter=Q(lifecycle_status=Project.Lifecycle.COMPLETE)),
        )

    def projects(self) -> LeadFigure:
        return LeadFigure(str(self._project_counts()["total"]), "Number of projects")

    def projects_completed(self) -> LeadFigure:
        return LeadFigure(str(self._project_counts()["complete"]), "Number of completed projects")
