"""Money per project and financial year (April to March): spend against budget, and
savings by confidence of delivery. Councils' shares of a strategy's or a contract's
figures are percentages per year (`CostShare`). Pounds are Decimals to the penny."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from core.calendar import financial_year_label
from programmes.models import Organisation

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class FundingSource(models.TextChoices):
    CONTRACT_ENVELOPE = "contract_envelope", "Contract envelope"
    COUNCIL_BUDGET = "council_budget", "Council budget"
    CONTINGENCY = "contingency", "Contingency virement"
    INVEST_TO_SAVE = "invest_to_save", "Invest to save"
    CAPITAL_PROGRAMME = "capital_programme", "Capital programme"
    GRANT = "grant", "Grant"
    OTHER = "other", "Other"


class ProjectFinance(models.Model):
    """A project's money in one financial year from one funding source."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="finance"
    )
    year = models.PositiveSmallIntegerField(
        help_text="The year the financial year starts: 2018 for 2018/19."
    )
    funding_source = models.CharField(
        max_length=30, choices=FundingSource.choices, default=FundingSource.COUNCIL_BUDGET
    )
    capital_budget = models.DecimalField(**MONEY)
    capital_forecast = models.DecimalField(**MONEY, help_text="Forecast outturn for the year.")
    capital_actual = models.DecimalField(**MONEY, help_text="Spent so far.")
    revenue_budget = models.DecimalField(**MONEY)
    revenue_forecast = models.DecimalField(**MONEY, help_text="Forecast outturn for the year.")
    revenue_actual = models.DecimalField(**MONEY, help_text="Spent so far.")
    notes = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "year", "funding_source"]
        verbose_name = "project finance line"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "funding_source"], name="project_finance_unique"
            )
        ]

    def __str__(self):
        return (
            f"{self.project} {financial_year_label(self.year)} {self.get_funding_source_display()}"
        )

    def clean(self):
        errors = {}
        for field in self._meta.fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.DecimalField) and value is not None and value < 0:
                errors[field.name] = "Enter an amount of £0 or more."
        if errors:
            raise ValidationError(errors)

    @property
    def year_label(self):
        return financial_year_label(self.year)


class Savings(models.Model):
    """A project's savings in one financial year: the target, the forecast by
    confidence of delivery (as the Oxfordshire dashboard splits it) and what was delivered."""

    # Every amount a year's savings line holds, in the order tables print them.
    AMOUNTS = (
        "target",
        "revised_target",
        "forecast_high",
        "forecast_medium",
        "forecast_low",
        "delivered",
    )

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="savings"
    )
    year = models.PositiveSmallIntegerField()
    target = models.DecimalField(**MONEY)
    revised_target = models.DecimalField(
        **MONEY,
        help_text="The year's target as revised in year (slipped savings added, reprofiles "
        "taken out); the year is judged against it where given.",
    )
    forecast_high = models.DecimalField("forecast, high confidence", **MONEY)
    forecast_medium = models.DecimalField("forecast, medium confidence", **MONEY)
    forecast_low = models.DecimalField("forecast, low confidence", **MONEY)
    delivered = models.DecimalField(**MONEY)
    notes = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "year"]
        verbose_name_plural = "savings"
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="savings_unique"),
            models.CheckConstraint(
                condition=models.Q(target__gte=0) | models.Q(target__isnull=True),
                name="savings_target_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.project} savings {financial_year_label(self.year)}"

    def clean(self):
        negative = [
            name
            for name in self.AMOUNTS
            if getattr(self, name) is not None and getattr(self, name) < 0
        ]
        if negative:
            raise ValidationError(
                dict.fromkeys(negative, "Enter savings as £0 or more (a saving is positive).")
            )

    @property
    def year_label(self):
        return financial_year_label(self.year)


class CostShare(models.Model):
    """A partner council's percentage of a strategy's or a contract's costs and
    savings in one year. A year's shares total 100%: checked over the set in
    `projects.finance`, since no one row can see the others."""

    strategy = models.ForeignKey(
        "programmes.Strategy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cost_shares",
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cost_shares",
    )
    year = models.PositiveSmallIntegerField()
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    percentage = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    basis = models.CharField(max_length=300, blank=True, help_text="How the paper arrives at it.")
    element = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The cost the percentage is stated for (a shared service's staff costs, "
        "say): blank for the whole strategy's or contract's.",
    )
    cost = models.DecimalField(
        "cost as printed",
        **MONEY,
        help_text="The council's cost as the paper prints it: shown instead of the "
        "percentage's pounds.",
    )
    savings = models.DecimalField(
        "savings as printed",
        **MONEY,
        help_text="The council's savings as the paper prints them.",
    )
    printed_basis = models.CharField(
        max_length=300, blank=True, help_text="How the paper arrives at the printed pounds."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "council__name"]
        constraints = [
            # Two constraints, not one: NULLs never count as equal in a unique constraint.
            models.UniqueConstraint(
                fields=["strategy", "year", "council"],
                condition=models.Q(strategy__isnull=False),
                name="cost_share_strategy_unique",
            ),
            models.UniqueConstraint(
                fields=["contract", "year", "council"],
                condition=models.Q(contract__isnull=False),
                name="cost_share_contract_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(strategy__isnull=False, contract__isnull=True)
                | models.Q(strategy__isnull=True, contract__isnull=False),
                name="cost_share_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.council.code} {self.percentage}% {financial_year_label(self.year)}"

    @property
    def year_label(self):
        return financial_year_label(self.year)


class LifeBudget(models.Model):
    """A project's budget over its whole life, several financial years, with what is
    planned, spent and committed against it to a day. Spend to date against a life budget
    is not an annual variance: it is shown as spent of the whole, never given a
    financial RAG for the year (tests/test_life_budgets.py)."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="life_budget"
    )
    first_year = models.PositiveSmallIntegerField(help_text="2018 for 2018/19.")
    last_year = models.PositiveSmallIntegerField(help_text="2022 for 2022/23.")
    budget = models.DecimalField("budget over its life", **MONEY)
    planned = models.DecimalField(
        "planned spend", **MONEY, help_text="What is planned to be spent over its life."
    )
    spent = models.DecimalField("spent to date", **MONEY)
    spent_or_committed = models.DecimalField(
        "spent or committed", **MONEY, help_text="Spent, or committed by contract, to date."
    )
    as_at = models.DateField("figures as at")
    notes = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="life_budget_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.years_label}"

    @property
    def years_label(self) -> str:
        return f"{financial_year_label(self.first_year)} to {financial_year_label(self.last_year)}"

    def clean(self) -> None:
        errors = {}
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = "The last year must be the first year or later."
        for name in ("budget", "planned", "spent", "spent_or_committed"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = "Enter an amount of £0 or more."
        if errors:
            raise ValidationError(errors)
