"""Benefits: what a project or a programme is meant to achieve beyond its RAG, with how it
will be measured and whether it is being realised. A financial benefit's forecast is the
project's savings by confidence (projects/models/finance.py): it is read from them, not
typed twice (projects/benefit_register.py, tests/test_benefits.py)."""

from __future__ import annotations

from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from programmes.models import Person, Programme, Strategy


class BenefitQuerySet(models.QuerySet["Benefit"]):
    def for_register(self) -> Self:
        """What a register lists of each benefit: its owner and where it is kept."""
        return self.select_related("owner", "project__programme", "programme")

    def in_programme(self, programme: Programme) -> Self:
        return self.filter(Q(programme=programme) | Q(project__programme=programme))

    def in_strategy(self, strategy: Strategy) -> Self:
        return self.filter(
            Q(programme__strategy=strategy) | Q(project__programme__strategy=strategy)
        )


class Benefit(models.Model):
    class Kind(models.TextChoices):
        CASHABLE = "cashable", "Financial: cashable"
        NON_CASHABLE = "non_cashable", "Financial: non-cashable"
        NON_FINANCIAL = "non_financial", "Non-financial"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        REALISING = "realising", "Realising"
        REALISED = "realised", "Realised"

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="benefits"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="benefits"
    )
    reference = models.CharField(max_length=30, blank=True)
    description = models.TextField("benefit")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    measure = models.TextField("how it will be measured", blank=True)
    baseline = models.CharField(max_length=300, blank=True, help_text="Where it starts from.")
    target = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="benefits_owned"
    )
    expected_on = models.DateField("expected by", null=True, blank=True)
    realised_on = models.DateField("realised on", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    evidence = models.TextField(blank=True, help_text="What shows it is being realised.")
    source = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Claimed by every save from a form (core/concurrency.py): two people changing one
    # benefit cannot overwrite each other unseen.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = BenefitQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False, programme__isnull=True)
                | Q(project__isnull=True, programme__isnull=False),
                name="benefit_of_a_project_or_a_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:60]}".strip()

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.REALISED and not self.realised_on:
            errors["realised_on"] = "Enter the date the benefit was realised."
        if self.realised_on and self.status == self.Status.PLANNED:
            errors["status"] = "A benefit with a realised date is realising or realised."
        if errors:
            raise ValidationError(errors)

    @property
    def is_financial(self) -> bool:
        return self.kind != self.Kind.NON_FINANCIAL

    @property
    def kept_at(self) -> str:
        return self.project.name if self.project_id else self.programme.name
