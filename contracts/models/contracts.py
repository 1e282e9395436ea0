from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from meetings.models import Body
from programmes.models import Organisation, Person, RagScale


class ContractQuerySet(models.QuerySet):
    def for_list(self):
        open_changes = models.Count(
            "changes",
            filter=models.Q(changes__in=_open_changes()),
            distinct=True,
        )
        return (
            self.select_related("supplier")
            .prefetch_related("partners")
            .annotate(open_changes=open_changes)
        )

    def for_detail(self):
        return self.select_related("supplier", "rag_scale").prefetch_related(
            "partners", "governance_bodies", "managers"
        )


def _open_changes():
    from .changes import ContractChange

    return ContractChange.objects.open().values("pk")


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
    governance_bodies = models.ManyToManyField(Body, blank=True, related_name="contracts")
    managers = models.ManyToManyField(
        Person,
        blank=True,
        related_name="managed_contracts",
        help_text="Officers who may raise and progress its changes and update its plan items.",
    )
    rag_scale = models.ForeignKey(
        RagScale, on_delete=models.PROTECT, null=True, blank=True, related_name="contracts"
    )
    source = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    def partner_councils(self):
        return self.partners.filter(kind=Organisation.Kind.COUNCIL)
