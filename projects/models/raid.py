"""RAID: risks (what might happen) and issues (what has), kept at a project, a programme
or a strategy, each with its owner, actions and escalation, and every change in its
audit trail (who and when, from the signed-in person who saved it).

Escalation goes up one level at a time: a project's item to its programme, a
programme's (or an item already escalated to it) to the strategy's board. The receiving
page lists it, and so does the report (tests/test_raid.py)."""

from __future__ import annotations

from datetime import date
from typing import Any, Self, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.models import Person, Programme, Strategy

from ..risk_rating import rating_band

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Escalation(models.TextChoices):
    NONE = "", "Not escalated"
    PROGRAMME = "programme", "Escalated to the programme"
    BOARD = "board", "Escalated to the strategy's board"


_Entry = TypeVar("_Entry", bound=models.Model)


class RaidQuerySet(models.QuerySet[_Entry]):
    def for_register(self) -> Self:
        """What a register lists of each item, in a fixed number of queries."""
        return self.select_related(
            "owner", "project__programme__strategy", "programme__strategy", "strategy"
        )

    def open(self) -> Self:
        return self.filter(status="open")

    def in_strategy(self, strategy: Strategy) -> Self:
        """Every item of a strategy, at every level."""
        return self.filter(
            Q(strategy=strategy)
            | Q(programme__strategy=strategy)
            | Q(project__programme__strategy=strategy)
        )

    def in_programme(self, programme: Programme) -> Self:
        return self.filter(Q(programme=programme) | Q(project__programme=programme))


class RaidEntry(models.Model):
    """What a risk and an issue share: where it is kept, its owner and its escalation."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="%(class)ss"
    )
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, null=True, blank=True, related_name="%(class)ss"
    )
    reference = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="%(class)ss_owned"
    )
    escalated_to = models.CharField(
        "escalation",
        max_length=20,
        choices=Escalation.choices,
        blank=True,
        default=Escalation.NONE,
    )
    escalation_reason = models.TextField(blank=True)
    escalated_on = models.DateField("day escalated", null=True, blank=True)
    status: str  # each kind has its own statuses; "open" is the one both share
    # Bumped by every save through the forms: a form opened before another person's
    # save is refused rather than saved over it (core.concurrency).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.reference} {self.headline}".strip()

    @property
    def headline(self) -> str:
        """The title, or for a register printed without titles its description's start."""
        if self.title:
            return self.title
        text = self.description.strip()
        return text if len(text) <= 80 else text[:79].rstrip() + "…"

    @property
    def level(self) -> str:
        if self.project_id:
            return "project"
        return "programme" if self.programme_id else "strategy"

    @property
    def kept_by(self) -> Any:
        """The project, programme or strategy that keeps it."""
        return self.project or self.programme or self.strategy

    @property
    def owning_strategy(self) -> Strategy:
        if self.project is not None:
            return self.project.programme.strategy
        if self.programme is not None:
            return self.programme.strategy
        assert self.strategy is not None  # one of the three: the check constraint
        return self.strategy

    @property
    def next_escalation(self) -> str | None:
        """Where it would go if escalated now: one level up, or nowhere (a closed or
        resolved one stays where it is)."""
        if self.escalated_to == Escalation.BOARD or self.level == "strategy":
            return None
        if self.status != "open":
            return None
        if self.level == "project" and not self.escalated_to:
            return Escalation.PROGRAMME
        return Escalation.BOARD

    def clean_level(self, errors: dict[str, str]) -> None:
        if sum(1 for key in (self.project_id, self.programme_id, self.strategy_id) if key) != 1:
            errors["programme"] = "It belongs to one project, programme or strategy."
        if self.escalated_to and not self.escalation_reason.strip():
            errors["escalation_reason"] = "Enter why it is escalated"


def one_level(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(
            Q(project__isnull=False, programme__isnull=True, strategy__isnull=True)
            | Q(project__isnull=True, programme__isnull=False, strategy__isnull=True)
            | Q(project__isnull=True, programme__isnull=True, strategy__isnull=False)
        ),
        name=name,
    )


class Risk(RaidEntry):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Response(models.TextChoices):
        NONE = "", "Not decided"
        TREAT = "treat", "Treat"
        TOLERATE = "tolerate", "Tolerate"
        TRANSFER = "transfer", "Transfer"
        TERMINATE = "terminate", "Terminate"

    score = SCORE

    cause = models.TextField(blank=True)
    effect = models.TextField(blank=True)
    initial_likelihood = models.PositiveSmallIntegerField(null=True, blank=True, validators=score)
    initial_impact = models.PositiveSmallIntegerField(null=True, blank=True, validators=score)
    # "Residual" as the registers print it: the rating now, with the controls in place.
    residual_likelihood = models.PositiveSmallIntegerField(
        "current likelihood", null=True, blank=True, validators=score
    )
    residual_impact = models.PositiveSmallIntegerField(
        "current impact", null=True, blank=True, validators=score
    )
    # Some registers print only a word (High, Medium); kept only when there is
    # no likelihood and impact to work the rating out from.
    initial_rating_recorded = models.CharField(max_length=30, blank=True)
    residual_rating_recorded = models.CharField(max_length=30, blank=True)
    proximity = models.DateField(
        null=True, blank=True, help_text="The day by which it could happen, if known."
    )
    response = models.CharField(
        max_length=20, choices=Response.choices, blank=True, default=Response.NONE
    )
    controls = models.TextField("controls in place", blank=True)
    further_action = models.TextField(blank=True)
    review_on = models.DateField("next review", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = RaidQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "programme", "project", "reference", "pk"]
        constraints = [one_level("risk_belongs_to_one_level")]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.clean_level(errors)
        for stage, words in (("initial", "initial"), ("residual", "current")):
            likelihood = getattr(self, f"{stage}_likelihood")
            impact = getattr(self, f"{stage}_impact")
            if (likelihood is None) != (impact is None):
                errors[f"{stage}_impact"] = (
                    f"Give both the {words} likelihood and impact, or neither."
                )
            if likelihood is not None and getattr(self, f"{stage}_rating_recorded"):
                errors[f"{stage}_rating_recorded"] = (
                    "Leave the recorded rating blank: it is worked out from likelihood and impact."
                )
        if errors:
            raise ValidationError(errors)

    def _rating(self, stage: str) -> tuple[int | None, str]:
        likelihood = getattr(self, f"{stage}_likelihood")
        impact = getattr(self, f"{stage}_impact")
        if likelihood is None or impact is None:
            return None, getattr(self, f"{stage}_rating_recorded")
        score = likelihood * impact
        return score, rating_band(score)

    @property
    def initial_rating(self) -> tuple[int | None, str]:
        """(score or None, band words) – e.g. (16, "High")."""
        return self._rating("initial")

    @property
    def residual_rating(self) -> tuple[int | None, str]:
        """The current rating, as `initial_rating`."""
        return self._rating("residual")

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Issue(RaidEntry):
    """A problem now, not a possibility: it has a priority and a day to be resolved by."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    class Priority(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    raised_on = models.DateField(default=timezone.localdate)
    target_on = models.DateField("resolve by", null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = RaidQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "programme", "project", "reference", "pk"]
        constraints = [one_level("issue_belongs_to_one_level")]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.clean_level(errors)
        if self.target_on and self.raised_on and self.target_on < self.raised_on:
            errors["target_on"] = "The resolve-by date must be on or after the day it was raised"
        if self.raised_on and self.raised_on > timezone.localdate():
            errors["raised_on"] = "The day it was raised must be today or in the past"
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.target_on is not None and self.target_on < today


class RaidAction(models.Model):
    """A mitigating action of a risk, or an action to resolve an issue."""

    risk = models.ForeignKey(
        Risk, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="raid_actions"
    )
    due_on = models.DateField("due by", null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(risk__isnull=False, issue__isnull=True)
                | Q(risk__isnull=True, issue__isnull=False),
                name="raid_action_of_a_risk_or_an_issue",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]
