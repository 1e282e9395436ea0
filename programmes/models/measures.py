"""What a strategy measures: its KPIs with their actuals, and the figures that lead
its dashboard and reports."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Self

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .structure import Person, Programme, Strategy


class KpiQuerySet(models.QuerySet["Kpi"]):
    def of_strategy(self, strategy: Strategy) -> Self:
        """A strategy's KPIs and its programmes', each with its actuals newest first."""
        newest_first = KpiActual.objects.order_by("-period_end")
        return (
            self.filter(models.Q(strategy=strategy) | models.Q(programme__strategy=strategy))
            .select_related("programme", "owner")
            .prefetch_related(models.Prefetch("actuals", queryset=newest_first))
        )


def _half_up(value: Decimal, places: str) -> Decimal:
    """Rounded half up, as the papers round (Decimal's own rounding is half to even)."""
    return value.quantize(Decimal(places), ROUND_HALF_UP)


# What a KPI actual's RAG says, whatever the strategy's own key calls its levels.
RAG_NAMES = {"G": "Green", "A": "Amber", "R": "Red"}
KPI_RAG_WORDS = {
    "G": "meets the target",
    "A": "short of the target, within its tolerance",
    "R": "short of the target beyond its tolerance",
}


def trend_in_words(code: str, target: str, points: list[tuple[str, date]]) -> str:
    """A KPI's actuals (as shown, with the end of their periods) oldest first, in words:
    what its sparkline says, for a screen reader and the PDF's text."""
    if not points:
        return f"{code}: no actual yet"
    values = ", ".join(f"{shown} to {day:%-d %b %Y}" for shown, day in points)
    return f"{code} against a target of {target}: {values}"


class Kpi(models.Model):
    """A key performance indicator of a strategy or a programme, with its target. Its RAG
    against the target is worked out from each actual, never stored (`rag_of`)."""

    class Unit(models.TextChoices):
        PERCENT = "percent", "%"
        COUNT = "count", "Count"
        POUNDS = "pounds", "£"
        DAYS = "days", "Days"

    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        ANNUAL = "annual", "Annual"

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, null=True, blank=True, related_name="kpis"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="kpis"
    )
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices, default="higher")
    target = models.DecimalField(max_digits=14, decimal_places=2)
    amber_tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text="How far short of the target an actual is still Amber, in the KPI's unit.",
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="kpis"
    )
    depends_on = models.CharField(max_length=300, blank=True)
    risk = models.TextField("key risk to delivery", blank=True)
    source = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = KpiQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "programme", "order", "code"]
        verbose_name = "KPI"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(strategy__isnull=False, programme__isnull=True)
                | models.Q(strategy__isnull=True, programme__isnull=False),
                name="kpi_of_a_strategy_or_a_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def shown(self, value: Any) -> str:
        """A target or an actual in the KPI's unit, as the papers print them."""
        value = Decimal(value)
        if self.unit == self.Unit.PERCENT:
            return (
                f"{_half_up(value, '1'):,}%"
                if value == int(value)
                else f"{_half_up(value, '0.1'):,}%"
            )
        if self.unit == self.Unit.POUNDS:
            if value >= 1000:
                return f"£{_half_up(value / 1000, '1'):,}k"
            return f"£{_half_up(value, '1'):,}"
        if self.unit == self.Unit.DAYS:
            return f"{_half_up(value, '1'):,} days"
        return f"{_half_up(value, '1'):,}"

    @property
    def unit_prefix(self) -> str:
        return "£" if self.unit == self.Unit.POUNDS else ""

    @property
    def unit_suffix(self) -> str:
        suffixes: dict[str, str] = {self.Unit.PERCENT: "%", self.Unit.DAYS: "days"}
        return suffixes.get(self.unit, "")

    @property
    def target_shown(self) -> str:
        return self.shown(self.target)

    def rag_words(self, value: Any) -> str:
        code = self.rag_of(value)
        return f"{RAG_NAMES[code]}: {KPI_RAG_WORDS[code]}"

    @property
    def tolerance_shown(self) -> str:
        return self.shown(self.amber_tolerance)

    def trend_words(self, actuals: list[Any]) -> str:
        """Actuals, oldest first, in words: what a sparkline of them says."""
        points = [(self.shown(a.value), a.period_end) for a in actuals]
        return trend_in_words(self.code, self.target_shown, points)

    def rag_of(self, value: Any) -> str:
        """G on or past the target, A within the tolerance short of it, R beyond."""
        short = (
            self.target - value if self.direction == self.Direction.HIGHER else value - self.target
        )
        if short <= 0:
            return "G"
        return "A" if short <= self.amber_tolerance else "R"


class KpiActual(models.Model):
    """What a KPI measured for a period, entered by its owner."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_end"], name="kpi_actual_once_a_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.period_end}: {self.value}"

    @property
    def shown(self) -> str:
        return self.kpi.shown(self.value)


class HeadlineFigure(models.TextChoices):
    """The figures a strategy may choose to lead its dashboard and reports with: each
    worked out from the records (dashboards/lead_figures.py), never typed in."""

    SAVINGS_TARGET_TOTAL = "savings_target_total", "Total savings target"
    SAVINGS_TARGET_YEAR = "savings_target_year", "This year's savings target"
    SAVINGS_ACHIEVED = "savings_achieved", "% of this year's savings target achieved"
    PLANNED_SPEND = "planned_spend", "Planned spend"
    SPEND_TO_DATE = "spend_to_date", "Spend to date"
    BUDGET_OUTSIDE_CONTRACT = "budget_outside_contract", "Budget outside contract"
    IN_YEAR_PRESSURE = "in_year_pressure", "In-year pressure"
    PROJECTS = "projects", "Number of projects"
    PROJECTS_COMPLETED = "projects_completed", "Number of completed projects"


class StrategyHeadline(models.Model):
    """One figure a strategy leads its dashboard and reports with, in its place."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="headline_figures"
    )
    figure = models.CharField(max_length=30, choices=HeadlineFigure.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "figure"], name="headline_figure_once")
        ]

    def __str__(self) -> str:
        return self.get_figure_display()
