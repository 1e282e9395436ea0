from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from simple_history.models import HistoricalRecords

from programmes.models import Organisation, Person, Strategy
from projects.models import Project

from .contracts import Contract

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .records import ChangeTransition


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    SCOPING = "scoping", "Scoping"
    IN_NEGOTIATION = "in_negotiation", "In negotiation"
    AGREED = "agreed", "Agreed"
    APPROVED = "approved", "Approved"
    IMPLEMENTED = "implemented", "Implemented"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REJECTED = "rejected", "Rejected"


OPEN_CHANGE_STATUSES = (
    ChangeStatus.PROPOSED,
    ChangeStatus.SCOPING,
    ChangeStatus.IN_NEGOTIATION,
    ChangeStatus.AGREED,
    ChangeStatus.APPROVED,
)
# Newest first: the latest transition is the change's status.
TRANSITIONS_LATEST_FIRST = ("-on", "-created_at", "-id")


def latest_transition(as_at: date | None = None) -> QuerySet[ChangeTransition]:
    """Each change's transitions, newest first (up to `as_at`), for a subquery."""
    from .records import ChangeTransition

    transitions = ChangeTransition.objects.filter(change=OuterRef("pk"))
    if as_at is not None:
        transitions = transitions.filter(on__lte=as_at)
    return transitions.order_by(*TRANSITIONS_LATEST_FIRST)


class ContractChangeQuerySet(models.QuerySet["ContractChange"]):
    def open(self) -> Self:
        return self.filter(current_status__in=OPEN_CHANGE_STATUSES)

    def for_strategy(self, strategy: Strategy, projects: QuerySet[Project]) -> Self:
        """Changes a strategy's readers care about: those behind its projects, and those
        to contracts its councils are partners in or whose plan it is."""
        return self.filter(
            models.Q(projects__in=projects.values("pk"))
            | models.Q(contract__partners__in=strategy.organisations.values("pk"))
            | models.Q(contract__plans=strategy)
        ).distinct()

    def open_as_at(self, as_at: date) -> Self:
        return self.with_status_then(as_at).filter(status_then__in=OPEN_CHANGE_STATUSES)

    def with_status_then(self, as_at: date) -> Self:
        """The status as it stood at the end of `as_at`; None if not yet raised."""
        return self.annotate(status_then=Subquery(latest_transition(as_at).values("to_status")[:1]))

    def for_register(self, *, as_at: date | None = None) -> Self:
        """The register's rows, with `status_order` to sort along the lifecycle (with
        `as_at`, of the status then: `with_status_then(as_at)` first)."""
        from ..lifecycle import REGISTER_ORDER

        field = "current_status" if as_at is None else "status_then"
        status_order = models.Case(
            *(models.When(**{field: s}, then=i) for i, s in enumerate(REGISTER_ORDER)),
            output_field=models.IntegerField(),
        )
        return (
            self.select_related("contract")
            .prefetch_related("councils_affected", "projects")
            .annotate(status_order=status_order)
        )

    def for_detail(self) -> Self:
        return self.select_related("contract__supplier").prefetch_related(
            "councils_affected", "managers", "contract__partners", "contract__managers"
        )


# Named before it is subclassed: mypy's Django plugin reads `from_queryset` only here.
ContractChangeManagerBase = models.Manager.from_queryset(ContractChangeQuerySet)


class ContractChangeManager(ContractChangeManagerBase["ContractChange"]):
    def get_queryset(self) -> QuerySet[ContractChange]:
        # The status is never stored on the change: it is its latest transition's,
        # so the register, the dashboard and the history cannot disagree.
        status = Subquery(latest_transition().values("to_status")[:1])
        # The plugin adds the annotation to the model, which declares it already.
        return super().get_queryset().annotate(current_status=status)  # type: ignore[no-redef]


class ContractChange(models.Model):
    Status = ChangeStatus

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
    # Bumped by every saved edit, move or progress entry, so a form opened before
    # someone else's save is refused rather than saved over it.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = ContractChangeManager()
    # Annotated by the manager, never stored: the latest transition's status, None
    # until the change is raised.
    current_status: str | None

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

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def clean(self) -> None:
        errors = {}
        if self.cost_neutral and (self.one_off_cost or self.recurring_cost):
            errors["cost_neutral"] = "A cost-neutral change has no one-off or recurring cost."
        for field in ("one_off_cost", "recurring_cost"):
            value = getattr(self, field)
            if value is not None and value < 0:
                errors[field] = "Enter an amount of £0 or more; record savings in the notes."
        if self.has_costs and not self.funding_route.strip():
            errors["funding_route"] = "Enter how the costs will be funded"
        if errors:
            raise ValidationError(errors)

    @property
    def status(self) -> str | None:
        if "current_status" in self.__dict__:
            return self.current_status
        latest = self.transitions.order_by(*TRANSITIONS_LATEST_FIRST).first()
        return latest.to_status if latest else None

    @property
    def status_label(self) -> str:
        status = self.status
        return ChangeStatus(status).label if status else "Not raised"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CHANGE_STATUSES

    @property
    def financial_impact(self) -> str:
        """In the papers' words: cost neutral, or the amounts; unknown until scoped."""
        if self.cost_neutral:
            return "Cost neutral"
        parts = []
        if self.one_off_cost:
            parts.append(f"£{self.one_off_cost:,.0f} one-off")
        if self.recurring_cost:
            parts.append(f"£{self.recurring_cost:,.0f} a year")
        return ", ".join(parts) or "Not yet known"

    @property
    def has_costs(self) -> bool:
        return bool(self.one_off_cost or self.recurring_cost)
