"""Who and what a technology strategy is made of: councils and suppliers, RAG scales,
strategies, their programmes and the people named in them."""

from __future__ import annotations

from typing import Self

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
