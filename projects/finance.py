"""Money read back: spend against budget with its financial RAG, savings by confidence,
and each partner council's share in pounds (projects/council_shares.py). Every figure
is summed by the database from `ProjectFinance` and `Savings` rows: nothing is stored
twice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case, DecimalField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest

from core.calendar import financial_year_label, financial_year_of
from programmes.models import RagLevel, Strategy

from .council_shares import AContract, Shares, council_shares
from .models import FundingSource, LifeBudget, Project, ProjectFinance, Savings

SPEND_FIELDS = (
    "capital_budget",
    "capital_forecast",
    "capital_actual",
    "revenue_budget",
    "revenue_forecast",
    "revenue_actual",
)
SAVINGS_FIELDS = Savings.AMOUNTS
ZERO = Decimal("0")

# {field: sum} of one programme's lines in one year; a sum is None when no line has a figure.
Sums = dict[str, Decimal | None]
# {year: [(programme name, sums)]} in programme order.
SumsByYear = dict[int, list[tuple[str, Sums]]]


def financial_rag_code(
    budget: Decimal | None, outturn: Decimal | None, *, amber_limit: int | None = None
) -> str | None:
    """G within budget, A up to the amber limit (110% by default), R beyond it or
    spending with no budget; None when there is nothing to compare."""
    amber_limit = settings.PORTAL_FINANCE_AMBER_LIMIT if amber_limit is None else amber_limit
    if outturn is None:
        return None
    if not budget:
        return "R" if outturn > 0 else ("G" if budget is not None else None)
    ratio = outturn * 100 / budget
    if ratio <= 100:
        return "G"
    return "A" if ratio <= amber_limit else "R"


@dataclass
class Spend:
    """Budget, forecast outturn and actual spend, capital and revenue."""

    name: str
    capital_budget: Decimal | None = None
    capital_forecast: Decimal | None = None
    capital_actual: Decimal | None = None
    revenue_budget: Decimal | None = None
    revenue_forecast: Decimal | None = None
    revenue_actual: Decimal | None = None
    # Set when lines are added together: each line's own outturn, summed. Adding the
    # forecasts and the actuals first would let one line's forecast hide another's spend.
    outturn_sum: Decimal | None = None
    rag: RagLevel | None = None

    @staticmethod
    def _add(*values: Decimal | None) -> Decimal | None:
        present = [value for value in values if value is not None]
        return sum(present, ZERO) if present else None

    @property
    def budget(self) -> Decimal | None:
        return self._add(self.capital_budget, self.revenue_budget)

    @property
    def outturn(self) -> Decimal | None:
        """The forecast outturn where there is one, else what is spent so far."""
        if self.outturn_sum is not None:
            return self.outturn_sum
        capital = (
            self.capital_forecast if self.capital_forecast is not None else self.capital_actual
        )
        revenue = (
            self.revenue_forecast if self.revenue_forecast is not None else self.revenue_actual
        )
        return self._add(capital, revenue)

    @property
    def cost(self) -> Decimal | None:
        """What a year costs for sharing between councils: the outturn, else the budget."""
        return self.outturn if self.outturn is not None else self.budget

    @property
    def actual(self) -> Decimal | None:
        return self._add(self.capital_actual, self.revenue_actual)

    @property
    def variance(self) -> Decimal | None:
        if self.budget is None or self.outturn is None:
            return None
        return self.outturn - self.budget

    @property
    def pressure(self) -> Decimal | None:
        """The unfunded cost in year: outturn above budget (what the action plan calls pressure)."""
        return max(self.variance, ZERO) if self.variance is not None else None


def financial_levels() -> dict[str, RagLevel]:
    """{code: level} of the financial RAG scale (installed by a migration)."""
    return {level.code: level for level in RagLevel.objects.filter(scale__slug="financial")}


def with_rag(spend: Spend, levels: Mapping[str, RagLevel]) -> Spend:
    code = financial_rag_code(spend.budget, spend.outturn)
    spend.rag = levels.get(code) if code else None
    return spend


def _by_year_and_programme(
    model: type[ProjectFinance | Savings],
    projects: QuerySet[Project],
    fields: Iterable[str],
    **extra: Sum,
) -> SumsByYear:
    """{year: [(programme name, {field: sum})]} in programme order: one query, all years."""
    sums = extra | {name: Sum(name) for name in fields}  # extra first: it reads the raw fields
    rows = (
        model.objects.filter(project__in=projects)
        .values("year", "project__programme__name", "project__programme__order")
        .annotate(**sums)
        .order_by()
    )
    # A row a year and programme: sorted here, where it costs less than Django's
    # working out of an ORDER BY over the grouped expressions.
    result: SumsByYear = {}
    for row in sorted(
        rows,
        key=lambda row: (
            row["year"],
            row["project__programme__order"],
            row["project__programme__name"],
        ),
    ):
        result.setdefault(row["year"], []).append(
            (row["project__programme__name"], {name: row[name] for name in sums})
        )
    return result


def _pick(sums: Sums, names: Iterable[str]) -> dict[str, Any]:
    """The named sums, as keyword arguments to a Spend."""
    return {name: sums[name] for name in names}


def _line_outturn() -> Sum:
    """Each line's outturn (forecast, else spent so far), summed over the lines."""
    zero = Value(ZERO, output_field=DecimalField(max_digits=14, decimal_places=2))
    has_outturn = Q(capital_forecast__isnull=False) | Q(capital_actual__isnull=False)
    has_outturn |= Q(revenue_forecast__isnull=False) | Q(revenue_actual__isnull=False)
    return Sum(
        Coalesce("capital_forecast", "capital_actual", zero)
        + Coalesce("revenue_forecast", "revenue_actual", zero),
        filter=has_outturn,
    )


def _spend_by_year(projects: QuerySet[Project]) -> SumsByYear:
    """{year: [(programme name, sums)]}: the spend fields, each line's outturn summed,
    and the action plan's two columns (so a dashboard reads all its spend in one query)."""
    return _by_year_and_programme(
        ProjectFinance, projects, SPEND_FIELDS, outturn_sum=_line_outturn(), **_budget_sums()
    )


def spend_by_programme(
    projects: QuerySet[Project], year: int, levels: Mapping[str, RagLevel]
) -> tuple[list[Spend], Spend]:
    """[Spend] a programme, and the total, for one year."""
    return _spend_rows(_spend_by_year(projects).get(year, []), levels)


def _spend_rows(
    rows: list[tuple[str, Sums]], levels: Mapping[str, RagLevel]
) -> tuple[list[Spend], Spend]:
    spends = [
        with_rag(Spend(name, outturn_sum=sums["outturn_sum"], **_pick(sums, SPEND_FIELDS)), levels)
        for name, sums in rows
    ]
    total = Spend("Total")
    for name in SPEND_FIELDS:
        setattr(total, name, Spend._add(*(getattr(s, name) for s in spends)))
    total.outturn_sum = Spend._add(*(s.outturn for s in spends))
    return spends, with_rag(total, levels)


def _add_line(spend: Spend, line: ProjectFinance) -> None:
    """Adds one finance line's figures, and its own outturn, to `spend`."""
    for name in SPEND_FIELDS:
        setattr(spend, name, Spend._add(getattr(spend, name), getattr(line, name)))
    line_outturn = Spend("", **{name: getattr(line, name) for name in SPEND_FIELDS}).outturn
    spend.outturn_sum = Spend._add(spend.outturn_sum, line_outturn)


def project_spend(
    project: Project, levels: Mapping[str, RagLevel]
) -> tuple[list[Spend], list[ProjectFinance]]:
    """[Spend] a year (funding sources added together), and the lines behind them."""
    lines = list(project.finance.all())
    by_year: dict[int, Spend] = {}
    for line in lines:
        _add_line(by_year.setdefault(line.year, Spend(financial_year_label(line.year))), line)
    return [with_rag(by_year[year], levels) for year in sorted(by_year)], lines


def action_plan_finance(budget: Decimal | None, pressure: Decimal | None) -> dict[str, Decimal]:
    """A finance line's figures from the action plan's two columns: the budget outside
    the contract envelope, and the outturn that budget plus the in-year pressure makes.
    Empty when the plan gives neither."""
    if budget is None and pressure is None:
        return {}
    return {
        "revenue_budget": budget if budget is not None else ZERO,
        "revenue_forecast": (budget or ZERO) + (pressure or ZERO),
    }


def action_plan_columns(line: ProjectFinance) -> tuple[Decimal | None, Decimal | None]:
    """The inverse of `action_plan_finance`, for writing the plan's layout: (budget,
    pressure) of one finance line."""
    budget = line.revenue_budget
    forecast = line.revenue_forecast
    if forecast is None:
        return budget, None
    pressure = forecast - (budget or ZERO)
    return budget, pressure if pressure else None


def _budget_sums() -> dict[str, Sum]:
    """The action plan's two columns as sums over finance lines: the budget outside the
    contract envelope, and in-year pressure (each line's outturn above its budget)."""
    zero = Value(ZERO, output_field=DecimalField(max_digits=14, decimal_places=2))
    budget = Coalesce("capital_budget", zero) + Coalesce("revenue_budget", zero)
    outturn = Coalesce("capital_forecast", "capital_actual", zero) + Coalesce(
        "revenue_forecast", "revenue_actual", zero
    )
    has_budget = Q(capital_budget__isnull=False) | Q(revenue_budget__isnull=False)
    return {
        "outside": Sum(
            budget, filter=has_budget & ~Q(funding_source=FundingSource.CONTRACT_ENVELOPE)
        ),
        "pressure": Sum(
            Case(When(has_budget, then=Greatest(outturn - budget, zero)), default=None),
        ),
    }


def budget_and_pressure(
    projects: QuerySet[Project], year: int | None = None
) -> tuple[Decimal | None, Decimal | None]:
    """(budget outside the contract envelope, in-year pressure) in one aggregate."""
    lines = ProjectFinance.objects.filter(project__in=projects)
    if year is not None:
        lines = lines.filter(year=year)
    totals = lines.aggregate(**_budget_sums())
    return totals["outside"], totals["pressure"]


@dataclass
class SavingsRow:
    name: str
    target: Decimal | None = None
    revised_target: Decimal | None = None
    forecast_high: Decimal | None = None
    forecast_medium: Decimal | None = None
    forecast_low: Decimal | None = None
    delivered: Decimal | None = None

    @property
    def forecast(self) -> Decimal | None:
        return Spend._add(self.forecast_high, self.forecast_medium, self.forecast_low)

    # Summed a line at a time: each line's revised target, else its target. Adding the
    # revised targets up first would drop the lines that were never revised.
    current_target: Decimal | None = None

    @property
    def year_target(self) -> Decimal | None:
        """The target the year is judged against: as revised, where a line was."""
        if self.current_target is not None:
            return self.current_target
        return self.revised_target if self.revised_target is not None else self.target

    @property
    def gap(self) -> Decimal | None:
        """Target not yet covered by delivered savings or a forecast of any confidence."""
        if self.year_target is None:
            return None
        covered = Spend._add(self.delivered, self.forecast) or ZERO
        return max(self.year_target - covered, ZERO)


def _savings_by_year(projects: QuerySet[Project]) -> SumsByYear:
    return _by_year_and_programme(
        Savings,
        projects,
        SAVINGS_FIELDS,
        current_target=Sum(Coalesce("revised_target", "target")),
    )


def savings_by_programme(
    projects: QuerySet[Project], year: int
) -> tuple[list[SavingsRow], SavingsRow]:
    return _savings_rows(_savings_by_year(projects).get(year, []))


def _savings_rows(rows: list[tuple[str, Sums]]) -> tuple[list[SavingsRow], SavingsRow]:
    result = [SavingsRow(name, **sums) for name, sums in rows]
    total = SavingsRow("Total")
    for name in (*SAVINGS_FIELDS, "current_target"):
        setattr(total, name, Spend._add(*(getattr(r, name) for r in result)))
    return result, total


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
        self.spend = _spend_by_year(projects)
        self.savings = _savings_by_year(projects)
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
        return _savings_rows(self.savings.get(year, []))[1]

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
        spend_rows, spend_total = _spend_rows(self.spend.get(year, []), financial_levels())
        savings_rows, savings_total = _savings_rows(self.savings.get(year, []))
        shares = council_shares(
            year=year,
            cost=spend_total.cost,
            savings=savings_total.year_target,
            strategy=strategy,
            contract=None if strategy else contract,
            money_of_elements=lambda ids: element_money(ids, year),
        )
        return YearOfMoney(year, spend_rows, spend_total, savings_rows, savings_total, shares)


def element_money(project_ids: set[int], year: int) -> dict[int, tuple[Any, Any]]:
    """{project id: (cost, savings target)} of the projects a council's percentage is
    stated for, in one year: two queries, only when a share names an element."""
    projects = Project.objects.filter(pk__in=project_ids)
    spend: dict[int, Spend] = {}
    for line in ProjectFinance.objects.filter(project__in=projects, year=year):
        _add_line(spend.setdefault(line.project_id, Spend("")), line)
    targets = {
        row.project_id: SavingsRow("", row.target, row.revised_target).year_target
        for row in Savings.objects.filter(project__in=projects, year=year)
    }
    return {pk: (spend[pk].cost if pk in spend else None, targets.get(pk)) for pk in project_ids}
