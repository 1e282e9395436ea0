"""Money for one financial year (the as-at day's, or the nearest with figures): spend
against budget by programme with the financial RAG, savings by confidence of delivery,
and each partner council's share. One row model for the dashboard, the project page and
the cabinet report, drawn by templates/partials/panels/money.html.

Fields with a default arrived after reports were first issued: a snapshot without them
reads them as the default, and the partial then leaves out what the report did not
print (tests/test_report_snapshots.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, Self

from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from django.conf import settings
from django.db.models import QuerySet

from core.calendar import financial_year_label
from core.charts import StackedBars, stacked_bars
from core.frozen_rows import FrozenRows, converter
from core.rag_mix import RagCount
from core.rag_ref import RagRef
from core.templatetags.money import thousands
from programmes.models import Strategy

from .finance import SAVINGS_FIELDS, Spend
from .finance import SavingsRow as SavingsSums
from .models import LifeBudget, Project, Savings
from .money_read import MoneyRead, YearOfMoney

# The savings bars' key: confidence as a key of its own, words beside every colour.
CONFIDENCE = [
    SimpleNamespace(label="Delivered", words="delivered", colour="#00703c", text_colour="#ffffff"),
    SimpleNamespace(label="High", words="high confidence", colour="#1d70b8", text_colour="#ffffff"),
    SimpleNamespace(
        label="Medium", words="medium confidence", colour="#ffdd00", text_colour="#0b0c0c"
    ),
    SimpleNamespace(label="Low", words="low confidence", colour="#f47738", text_colour="#0b0c0c"),
]


@dataclass(frozen=True)
class SpendRow:
    name: str  # the programme (or, on a project's page, the year)
    budget: Decimal | None
    outturn: Decimal | None
    actual: Decimal | None
    variance: Decimal | None
    rag: RagRef | None  # the financial RAG, worked out from the figures
    capital_budget: Decimal | None = None
    revenue_budget: Decimal | None = None

    @classmethod
    def of(cls, spend: Spend, name: str | None = None) -> Self:
        return cls(
            name=name or spend.name,
            budget=spend.budget,
            outturn=spend.outturn,
            actual=spend.actual,
            variance=spend.variance,
            rag=RagRef.of(spend.rag),
            capital_budget=spend.capital_budget,
            revenue_budget=spend.revenue_budget,
        )


@dataclass(frozen=True)
class SavingsRow:
    name: str
    target: Decimal | None
    delivered: Decimal | None
    high: Decimal | None
    medium: Decimal | None
    low: Decimal | None
    gap: Decimal | None = None  # the target not yet covered by delivery and forecasts
    revised: Decimal | None = None  # the target as revised in year, where it was

    @classmethod
    def of(cls, sums: SavingsSums, name: str | None = None) -> Self:
        revised = sums.year_target
        return cls(
            name=name or sums.name,
            target=sums.target,
            delivered=sums.delivered,
            high=sums.forecast_high,
            medium=sums.forecast_medium,
            low=sums.forecast_low,
            gap=sums.gap,
            revised=revised if sums.revised_target is not None else None,
        )


# Snapshots issued before the rows were shared with the pages wrote the name as
# "programme"; the key stays, so every snapshot reads alike.
for _row in (SpendRow, SavingsRow):
    converter.register_structure_hook(
        _row, make_dict_structure_fn(_row, converter, name=override(rename="programme"))
    )
    converter.register_unstructure_hook(
        _row, make_dict_unstructure_fn(_row, converter, name=override(rename="programme"))
    )


def _splits_budget(rows: Iterable[SpendRow]) -> bool:
    return any(row.capital_budget is not None or row.revenue_budget is not None for row in rows)


def _revises_target(rows: Iterable[SavingsRow]) -> bool:
    return any(row.revised is not None for row in rows)


@dataclass(frozen=True)
class ShareRow:
    council: str
    percentage: str  # as the agreement writes it: "45.1"
    cost: Decimal | None
    savings: Decimal | None
    element: str = ""  # what the percentage is of; "" for the whole cost
    printed: bool = False  # the cost as the paper prints it
    savings_printed: bool = False  # the savings as the paper prints them
    basis: str = ""
    printed_basis: str = ""


@dataclass(frozen=True)
class LifeRow:
    """A budget over a project's life: spend to date against the whole, not a year."""

    name: str
    years: str  # "2018/19 to 2022/23"
    budget: Decimal | None
    planned: Decimal | None
    spent: Decimal | None
    spent_or_committed: Decimal | None
    as_at: date

    @classmethod
    def of(cls, life: LifeBudget) -> Self:
        return cls(
            name=life.project.name,
            years=life.years_label,
            budget=life.budget,
            planned=life.planned,
            spent=life.spent,
            spent_or_committed=life.spent_or_committed,
            as_at=life.as_at,
        )

    @property
    def left(self) -> Decimal | None:
        """The budget not yet spent or committed."""
        used = self.spent_or_committed if self.spent_or_committed is not None else self.spent
        if self.budget is None or used is None:
            return None
        return self.budget - used


@dataclass(frozen=True)
class MoneyTables(FrozenRows):
    year: str | None  # "2018/19"; None when no figures are recorded
    rows: list[SpendRow]  # by programme, then the total
    savings: list[SavingsRow]  # by programme, then the total; empty when none recorded
    shares: list[ShareRow]
    amber_limit: int | None = None  # Amber up to this % over budget
    charted: bool = False  # the savings are drawn as bars above their table
    life: list[LifeRow] = field(default_factory=list)  # budgets over projects' lives
    # Leaves out a savings chart with nothing delivered or forecast to draw; a report
    # issued before drew it, and reads this as False (tests/test_report_snapshots.py).
    hides_empty_chart: bool = False

    @classmethod
    def build(
        cls,
        projects: QuerySet[Project],
        *,
        strategy: Strategy | None,
        contract: Any,
        as_at: date,
    ) -> Self:
        read = MoneyRead(projects)
        return cls.of_year(
            read.for_year(as_at, strategy=strategy, contract=contract), read.life_budgets(as_at)
        )

    @classmethod
    def of_year(cls, money: YearOfMoney | None, life: Iterable[LifeBudget] = ()) -> Self:
        """The tables of a year read by MoneyRead, and the budgets over projects' lives;
        no yearly figures when `money` is None."""
        life_rows = [LifeRow.of(budget) for budget in life]
        if money is None:
            return cls(year=None, rows=[], savings=[], shares=[], life=life_rows)
        savings = [*money.savings, money.savings_total] if money.savings else []
        return cls(
            year=financial_year_label(money.year),
            # No spend in the year, no table (a report issued before kept a lone total).
            rows=[SpendRow.of(row) for row in [*money.spend, money.spend_total]]
            if money.spend
            else [],
            savings=[SavingsRow.of(row) for row in savings],
            shares=[
                ShareRow(
                    council=share.council.name,
                    percentage=format(share.percentage.normalize(), "f"),
                    cost=share.cost,
                    savings=share.savings,
                    element=share.element,
                    printed=share.printed,
                    savings_printed=share.savings_printed,
                    basis=share.basis,
                    printed_basis=share.printed_basis,
                )
                for share in (money.shares.rows if money.shares else [])
            ],
            amber_limit=settings.PORTAL_FINANCE_AMBER_LIMIT,
            charted=True,
            life=life_rows,
            hides_empty_chart=True,
        )

    @property
    def has_figures(self) -> bool:
        return bool(self.year or self.life)

    @property
    def has_spend(self) -> bool:
        return bool(self.rows)

    @property
    def revises_target(self) -> bool:
        return _revises_target(self.savings)

    @property
    def draws_savings(self) -> bool:
        """Whether there is a bar to draw: something delivered or forecast."""
        return self.charted and (
            not self.hides_empty_chart
            or any(row.delivered or row.high or row.medium or row.low for row in self.savings)
        )

    @property
    def prints_costs(self) -> bool:
        return any(row.printed for row in self.shares)

    @property
    def prints_savings(self) -> bool:
        return any(row.savings_printed for row in self.shares)

    @property
    def share_notes(self) -> list[str]:
        """What the shares' percentages are of, and how printed pounds were arrived at,
        each said once under the table."""
        notes: dict[str, None] = {}
        for row in self.shares:
            if row.basis or row.element:
                of = row.element or "the whole cost"
                basis = f" ({row.basis})" if row.basis else ""
                notes[f"The percentages are of {of}{basis}."] = None
            how = f" ({row.printed_basis})" if row.printed_basis else ""
            if row.printed and row.savings_printed:
                notes[f"The pounds are as the paper prints them{how}."] = None
            elif row.printed:
                notes[f"{row.council}'s cost is as the paper prints it{how}."] = None
            elif row.savings_printed:
                notes[f"{row.council}'s savings are as the paper prints them{how}."] = None
        return list(notes)

    @property
    def splits_budget(self) -> bool:
        """Whether any row has its budget split into capital and revenue."""
        return _splits_budget(self.rows)

    @property
    def shows_gap(self) -> bool:
        return any(row.gap is not None for row in self.savings)

    @property
    def savings_chart(self) -> StackedBars:
        """Each programme's savings as one bar (the total row is the table's alone):
        delivered, then the forecast by confidence, each in its own colour with its
        words beside it."""
        bars = []
        for row in self.savings[:-1]:
            counts = [
                RagCount(level, getattr(row, name) or 0)
                for level, name in zip(
                    CONFIDENCE, ("delivered", "high", "medium", "low"), strict=True
                )
            ]
            bars.append((row.name, counts, sum(c.count for c in counts)))
        return stacked_bars(
            bars, count_text=thousands, title="Savings by confidence of delivery", label_width=320
        )


@dataclass(frozen=True)
class ProjectMoney:
    """A project's spend against budget and its savings, a row a year."""

    spend: list[SpendRow]
    savings: list[SavingsRow]
    life: LifeRow | None = None

    @classmethod
    def of(
        cls, spend: Iterable[Spend], savings: Iterable[Savings], life: LifeBudget | None = None
    ) -> Self:
        return cls(
            life=LifeRow.of(life) if life else None,
            spend=[SpendRow.of(row) for row in spend],
            savings=[
                SavingsRow.of(
                    SavingsSums(
                        financial_year_label(row.year),
                        **{name: getattr(row, name) for name in SAVINGS_FIELDS},
                    )
                )
                for row in savings
            ],
        )

    @property
    def splits_budget(self) -> bool:
        return _splits_budget(self.spend)

    @property
    def revises_target(self) -> bool:
        return _revises_target(self.savings)

    @property
    def life_rows(self) -> list[LifeRow]:
        return [self.life] if self.life else []

    @property
    def shows_gap(self) -> bool:
        return any(row.gap is not None for row in self.savings)
