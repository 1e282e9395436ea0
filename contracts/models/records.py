"""What happens to a change over its life: its moves, its progress log and who pays."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.models import Organisation

from .changes import ChangeStatus, ContractChange

PENNY = Decimal("0.01")


class ChangeTransition(models.Model):
    """One move of a change's status, dated, with who made it and why.

    The first transition of a change is its raising (no `from_status`).
    """

    change = models.ForeignKey(ContractChange, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ChangeStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ChangeStatus.choices)
    on = models.DateField("date")
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_transitions",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-on", "-created_at", "-id"]
        indexes = [models.Index(fields=["change", "on", "created_at"], name="transition_latest")]

    def __str__(self):
        return f"{self.change}: {self.get_from_status_display() or 'raised'} → {self.to_status}"


class ChangeProgress(models.Model):
    """A dated entry in a change's progress log, as projects have status updates."""

    change = models.ForeignKey(
        ContractChange, on_delete=models.CASCADE, related_name="progress_log"
    )
    reported_on = models.DateField()
    progress = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_progress",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-created_at", "-id"]
        verbose_name_plural = "change progress"

    def __str__(self):
        return f"{self.change} {self.reported_on:%d/%m/%Y}"


class Apportionment(models.Model):
    """A partner council's share of a change's costs, as a percentage.

    The shares of one change total 100%: `contracts.services` checks the set as a
    whole, since no single row can know the others.
    """

    change = models.ForeignKey(
        ContractChange, on_delete=models.CASCADE, related_name="apportionments"
    )
    council = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    percentage = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["council__name"]
        constraints = [
            models.UniqueConstraint(fields=["change", "council"], name="apportionment_unique"),
            models.CheckConstraint(
                condition=models.Q(percentage__gt=0, percentage__lte=100),
                name="apportionment_percentage_range",
            ),
        ]

    def __str__(self):
        return f"{self.council.code} {self.percentage}%"

    def clean(self):
        if self.council_id and self.council.kind != Organisation.Kind.COUNCIL:
            raise ValidationError({"council": "Only councils share a change's costs."})

    def share_of(self, amount):
        """This council's pounds of `amount`, to the penny."""
        if amount is None:
            return None
        return (amount * self.percentage / 100).quantize(PENNY, rounding=ROUND_HALF_UP)

    @property
    def one_off_share(self):
        return self.share_of(self.change.one_off_cost)

    @property
    def recurring_share(self):
        return self.share_of(self.change.recurring_cost)
