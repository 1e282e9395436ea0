"""The dashboard's money panels for a scope: spend against budget by programme with
the financial RAG, savings by confidence (stacked bars), and each partner council's
share. One financial year: the as-at day's, or the nearest year with figures."""

from types import SimpleNamespace

from core.charts import stacked_bars
from core.rag_mix import RagCount
from core.templatetags.money import thousands

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


def savings_chart(rows):
    bars = []
    for row in rows:
        counts = [
            RagCount(level, getattr(row, name) or 0)
            for level, name in zip(CONFIDENCE, FIELDS, strict=True)
        ]
        bars.append((row.name, counts, sum(c.count for c in counts)))
    return stacked_bars(
        bars, count_text=thousands, title="Savings by confidence of delivery", label_width=320
    )


def money_panel(scope, money_read):
    """The year's money with the savings chart and each council's share; None if no
    figures. `money_read`: the scope's MoneyRead."""
    money = money_read.for_year(scope.as_at, strategy=scope.strategy)
    if money is not None:
        money.savings_chart = savings_chart(money.savings) if money.savings else None
    return money
