from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from programmes.models import Programme

from ..risk_rating import rating_band


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    score = [MinValueValidator(1), MaxValueValidator(5)]

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
    )
    reference = models.CharField(max_length=30, blank=True)
    description = models.TextField()
    owner = models.CharField(max_length=200, blank=True)
    initial_likelihood = models.PositiveSmallIntegerField(null=True, blank=True, validators=score)
    initial_impact = models.PositiveSmallIntegerField(null=True, blank=True, validators=score)
    residual_likelihood = models.PositiveSmallIntegerField(null=True, blank=True, validators=score)
    residual_impact = models.PositiveSmallIntegerField(null=True, blank=True, validators=score)
    # Some registers print only a word (High, Medium); kept only when there is
    # no likelihood and impact to work the rating out from.
    initial_rating_recorded = models.CharField(max_length=30, blank=True)
    residual_rating_recorded = models.CharField(max_length=30, blank=True)
    controls = models.TextField("controls in place", blank=True)
    further_action = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "project", "reference", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(project__isnull=False, programme__isnull=True)
                    | models.Q(project__isnull=True, programme__isnull=False)
                ),
                name="risk_belongs_to_project_or_programme",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.description[:60]}".strip()

    def clean(self):
        errors = {}
        if bool(self.project_id) == bool(self.programme_id):
            errors["programme"] = "A risk belongs to a project or to a programme, not both."
        for stage in ("initial", "residual"):
            likelihood = getattr(self, f"{stage}_likelihood")
            impact = getattr(self, f"{stage}_impact")
            if (likelihood is None) != (impact is None):
                errors[f"{stage}_impact"] = (
                    f"Give both the {stage} likelihood and impact, or neither."
                )
            if likelihood is not None and getattr(self, f"{stage}_rating_recorded"):
                errors[f"{stage}_rating_recorded"] = (
                    "Leave the recorded rating blank: it is worked out from likelihood and impact."
                )
        if errors:
            raise ValidationError(errors)

    def _rating(self, stage):
        likelihood = getattr(self, f"{stage}_likelihood")
        impact = getattr(self, f"{stage}_impact")
        if likelihood is None or impact is None:
            return None, getattr(self, f"{stage}_rating_recorded")
        score = likelihood * impact
        return score, rating_band(score)

    @property
    def initial_rating(self):
        """(score or None, band words) – e.g. (16, "High")."""
        return self._rating("initial")

    @property
    def residual_rating(self):
        return self._rating("residual")
