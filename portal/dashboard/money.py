"""The dashboard's money panels for a scope: spend against budget by programme with
the financial RAG, savings by confidence (stacked bars), and each partner council's
share. One financial year: the as-at day's, or the nearest year with figures."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from projects.finance import (
    council_shares,
    finance_years,
    financial_levels,
    savings_by_programme,
    spend_by_programme,
)
from projects.models import year_label
from projects.models.finance import financial_year_of

from .charts import stacked_bars
from .figures import RagCount

# Savings bars: confidence as a key of its own, words beside every colour.
CONFIDENCE = [
    SimpleNamespace(label="Delivered", words="delivered", colour="#00703c", text_colour="#ffffff"),
    SimpleNamespace(label="High", words="high confidence", colour="#1d70b8", text_colour="#ffffff"),
    SimpleNamespace(
        label="Medium", words="medium confidence", colour="#ffdd00", text_colour="#0b0c0c"
    ),
    SimpleNamespace(label="Low", words="low confidence", colour="#f47738", text_colour="#0b0c0c"),
]
FIELDS = ["delivered", "forecast_high", "forecast_medium", "forecast_low"]


def in_thousands(pounds):
    value = (Decimal(pounds) / 1000).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"£{value:,}k"


@dataclass
class MoneyPanel:
    year: int
    spend: list
    spend_total: object
    savings: list
    savings_total: object
    savings_chart: object
    shares: object

    @property
    def year_label(self):
        return year_label(self.year)


def savings_chart(rows):
    bars = []
    for row in rows:
        counts = [
            RagCount(level, getattr(row, name) or 0)
            for level, name in zip(CONFIDENCE, FIELDS, strict=True)
        ]
        bars.append((row.name, counts, sum(c.count for c in counts)))
    return stacked_bars(
        bars, count_text=in_thousands, title="Savings by confidence of delivery", label_width=320
    )


def money_panel(scope):
    projects = scope.projects()
    first, last = finance_years(projects)
    if first is None:
        return None
    year = min(max(financial_year_of(scope.as_at), first), last)
    spend, spend_total = spend_by_programme(projects, year, financial_levels())
    savings, savings_total = savings_by_programme(projects, year)
    return MoneyPanel(
        year=year,
        spend=spend,
        spend_total=spend_total,
        savings=savings,
        savings_total=savings_total,
        savings_chart=savings_chart(savings) if savings else None,
        shares=council_shares(
            year=year,
            cost=spend_total.cost,
            savings=savings_total.target,
            strategy=scope.strategy,
        ),
    )
