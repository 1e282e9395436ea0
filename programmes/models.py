from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb, for example #00703c.")


class OrganisationManager(models.Manager["Organisation"]):
    def get_by_natural_key(self, code: str) -> Organisation:
        return self.get(code=code)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        SUPPLIER = "supplier", "Supplier"
        OTHER = "other", "Other body"

    code = models.CharField(
        max_length=20, unique=True, help_text="Short code the papers use, e.g. SODC or Capita."
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNCIL)

    objects = OrganisationManager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class RagScale(models.Model):
    """A RAG key: the papers use several, each with its own words."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RagLevel(models.Model):
    scale = models.ForeignKey(RagScale, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(max_length=20, help_text="What a tracker cell holds, e.g. G or A/R.")
    label = models.CharField(max_length=50, help_text="e.g. Green")
    words = models.CharField(max_length=200, help_text="What the level means, e.g. on track.")
    colour = models.CharField(max_length=7, validators=[hex_colour])
    text_colour = models.CharField(max_length=7, validators=[hex_colour], default="#ffffff")
    order = models.PositiveSmallIntegerField(help_text="0 is the worst level; higher is better.")
    needs_reason = models.BooleanField(
        default=False, help_text="An officer choosing this level must say why (Red, Amber…)."
    )

    class Meta:
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "code"], name="rag_level_code_unique"),
            models.UniqueConstraint(fields=["scale", "order"], name="rag_level_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.words})"


class StrategyQuerySet(models.QuerySet["Strategy"]):
    def for_dashboard(self) -> Self:
        """Strategies with the RAG key and programmes a dashboard reads for the chosen one."""
        return self.select_related("rag_scale").prefetch_related("rag_scale__levels", "programmes")

    def for_home(self) -> Self:
        """Strategies with their programmes and RAG key, in a fixed number of queries."""
        return self.select_related("rag_scale").prefetch_related(
            "programmes", "rag_scale__levels", "organisations"
        )


class ReportingPeriod(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


class Strategy(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=300)
    period = models.CharField(max_length=50, blank=True, help_text="e.g. 2018/19 – 2023/24")
    approved_on = models.DateField(null=True, blank=True)
    version = models.CharField(max_length=100, blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="strategies", blank=True)
    rag_scale = models.ForeignKey(RagScale, on_delete=models.PROTECT, related_name="strategies")
    contract = models.ForeignKey(
        "contracts.Contract",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        help_text="Set when this is a contract's annual plan: its programmes are the "
        "service areas and its projects the plan's items.",
    )
    source = models.CharField(max_length=300, blank=True, help_text="The paper this comes from.")
    reporting_period = models.CharField(
        max_length=20,
        choices=ReportingPeriod.choices,
        default=ReportingPeriod.QUARTERLY,
        help_text="A report to a meeting reads the data as at the end of the last whole "
        "period before it.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title


class Programme(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        "Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_programmes",
        help_text="Keeps the programme's risks and issues, with administrators, and "
        "receives its projects' escalations.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["strategy", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "name"], name="programme_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone the papers name: not everyone signs in."""

    name = models.CharField(max_length=200, unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    initials = models.CharField(
        max_length=10, blank=True, help_text="As the trackers write leads, e.g. DW."
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.initials and not self.initials.replace("-", "").isalpha():
            raise ValidationError({"initials": "Initials are letters only, e.g. DW."})
        self.initials = self.initials.upper()


class KpiQuerySet(models.QuerySet["Kpi"]):
    def of_strategy(self, strategy: Strategy) -> Self:
        """A strategy's KPIs and its programmes', each with its actuals newest first."""
        newest_first = KpiActual.objects.order_by("-period_end")
        return (
            self.filter(models.Q(strategy=strategy) | models.Q(programme__strategy=strategy))
            .select_related("programme", "owner")
            .prefetch_related(models.Prefetch("actuals", queryset=newest_first))
        )


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
        if self.unit == self.Unit.PERCENT:
            return f"{value:,.0f}%" if value == int(value) else f"{value:,.1f}%"
        if self.unit == self.Unit.POUNDS:
            return f"£{value / 1000:,.0f}k" if value >= 1000 else f"£{value:,.0f}"
        if self.unit == self.Unit.DAYS:
            return f"{value:,.0f} days"
        return f"{value:,.0f}"

    @property
    def target_shown(self) -> str:
        return self.shown(self.target)

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
