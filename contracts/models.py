from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from programmes.models import Organisation, Person, RagScale
from projects.models import Project


class GovernanceBody(models.Model):
    """A board that receives reports, e.g. Joint Tactical Board (JTB)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "governance bodies"

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Contract(models.Model):
    name = models.CharField(max_length=300, unique=True)
    supplier = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="supplied_contracts"
    )
    partners = models.ManyToManyField(Organisation, related_name="partner_contracts", blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    term = models.CharField(max_length=200, blank=True, help_text="The term in the papers' words.")
    value = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="Pounds, where known."
    )
    governance_bodies = models.ManyToManyField(GovernanceBody, blank=True, related_name="contracts")
    managers = models.ManyToManyField(Person, blank=True, related_name="managed_contracts")
    rag_scale = models.ForeignKey(
        RagScale, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})


class ContractChange(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SCOPING = "scoping", "Scoping"
        IN_NEGOTIATION = "in_negotiation", "In negotiation"
        AGREED = "agreed", "Agreed"
        APPROVED = "approved", "Approved"
        IMPLEMENTED = "implemented", "Implemented"
        WITHDRAWN = "withdrawn", "Withdrawn"
        REJECTED = "rejected", "Rejected"

    class Category(models.TextChoices):
        IN_HOUSE = "in_house", "Service returned in-house"
        UPGRADE = "upgrade", "System upgrade"
        ENVIRONMENT = "environment", "New environment"
        SERVICE_CHANGE = "service_change", "Change to service"
        OTHER = "other", "Other"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="changes")
    reference = models.CharField(
        max_length=30, blank=True, help_text="The change request form's reference, e.g. CCRF298."
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    councils_affected = models.ManyToManyField(
        Organisation, blank=True, related_name="affected_by_changes"
    )
    cost_neutral = models.BooleanField(default=False)
    one_off_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    recurring_cost = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Pounds a year."
    )
    cost_notes = models.TextField(blank=True)
    funding_route = models.CharField(max_length=300, blank=True)
    approval_route = models.CharField(max_length=300, blank=True)
    decision_maker = models.CharField(max_length=200, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    tupe_implications = models.TextField("TUPE implications", blank=True)
    tupe_transfer_date = models.DateField("TUPE transfer date", null=True, blank=True)
    key_dates = models.TextField(blank=True, help_text="Dates in the papers' words.")
    projects = models.ManyToManyField(Project, blank=True, related_name="contract_changes")
    managers = models.ManyToManyField(Person, blank=True, related_name="managed_changes")
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "reference", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "reference"],
                condition=~models.Q(reference=""),
                name="contract_change_reference_unique",
            ),
            models.UniqueConstraint(fields=["contract", "title"], name="contract_change_title"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    def clean(self):
        errors = {}
        has_amounts = self.one_off_cost is not None or self.recurring_cost is not None
        if self.cost_neutral and has_amounts and (self.one_off_cost or self.recurring_cost):
            errors["cost_neutral"] = "A cost-neutral change has no one-off or recurring cost."
        for field in ("one_off_cost", "recurring_cost"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = "Enter an amount of £0 or more; record savings in the notes."
        if errors:
            raise ValidationError(errors)
