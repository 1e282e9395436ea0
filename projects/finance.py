"""Money read back: spend against budget with its financial RAG and savings by
confidence, summed by the database from `ProjectFinance` and `Savings` rows: nothing is
stored twice. A page reads them once through projects/money_read.py, which adds each
partner council's share (projects/council_shares.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case, DecimalField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest

from core.calendar import financial_year_label
from programmes.models import RagLevel

from .models import FundingSource, Project, ProjectFinance, Savings

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


def spend_by_year(projects: QuerySet[Project]) -> SumsByYear:
    """{year: [(programme name, sums)]}: the spend fields, each line's outturn summed,
    and the action plan's two columns (so a dashboard reads all its spend in one query)."""
    return _by_year_and_programme(
        ProjectFinance, projects, SPEND_FIELDS, outturn_sum=_line_outturn(), **_budget_sums()
    )


def spend_by_programme(
    projects: QuerySet[Project], year: int, levels: Mapping[str, RagLevel]
) -> tuple[list[Spend], Spend]:
    """[Spend] a programme, and the total, for one year."""
    return spend_rows(spend_by_year(projects).get(year, []), levels)


def spend_rows(
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


def add_line(spend: Spend, line: ProjectFinance) -> None:
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
        add_line(by_year.setdefault(line.year, Spend(financial_year_label(line.year))), line)
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


def savings_by_year(projects: QuerySet[Project]) -> SumsByYear:
    return _by_year_and_programme(
        Savings,
        projects,
        SAVINGS_FIELDS,
        current_target=Sum(Coalesce("revised_target", "target")),
    )


def savings_by_programme(
    projects: QuerySet[Project], year: int
) -> tuple[list[SavingsRow], SavingsRow]:
    return savings_rows(savings_by_year(projects).get(year, []))


def savings_rows(rows: list[tuple[str, Sums]]) -> tuple[list[SavingsRow], SavingsRow]:
    result = [SavingsRow(name, **sums) for name, sums in rows]
    total = SavingsRow("Total")
    for name in (*SAVINGS_FIELDS, "current_target"):
        setattr(total, name, Spend._add(*(getattr(r, name) for r in result)))
    return result, total
