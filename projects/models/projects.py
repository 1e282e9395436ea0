from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from programmes.models import Organisation, Person, Programme, RagLevel, RagScale

from ..access import editable_projects_filter, owned_by_filter
from .base import LATEST_FIRST, ReadAsOfHistory, overdue_milestone_q
from .updates import StatusUpdate

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet


def latest_update(as_at: date | None = None) -> QuerySet[StatusUpdate]:
    """Each project's status updates, newest first (up to `as_at`), for a subquery."""
    updates = StatusUpdate.objects.filter(project=OuterRef("pk"))
    if as_at is not None:
        updates = updates.filter(reported_on__lte=as_at)
    return updates.order_by(*LATEST_FIRST)


class DashboardRow(Protocol):
    """A row of `for_dashboard()`: a named tuple Django builds of these fields."""

    @property
    def pk(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def order(self) -> int: ...
    @property
    def programme_id(self) -> int: ...
    @property
    def programme__order(self) -> int: ...
    @property
    def lifecycle_status(self) -> str: ...
    @property
    def rag_id(self) -> int | None: ...
    @property
    def rag_then_id(self) -> int | None: ...


class ProjectQuerySet(models.QuerySet["Project"]):
    def editable_by(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        return self.filter(editable_projects_filter(user)).distinct()

    def bump_version(self, pk: int) -> None:
        """Mark a project changed outside the update form, so a form opened before
        the change is refused rather than saved over it."""
        self.filter(pk=pk).update(version=F("version") + 1)

    def with_current_rag(self, as_at: date | None = None) -> Self:
        """Annotate the latest status update's RAG and date: the only source of both.

        With `as_at`, the update that was latest on that day: the dashboard as it stood.
        """
        latest = latest_update(as_at)
        return self.annotate(
            current_rag_id=Subquery(latest.values("rag_id")[:1]),
            last_reported_on=Subquery(latest.values("reported_on")[:1]),
        )

    def with_current_rag_order(self, as_at: date | None = None) -> Self:
        """The current RAG's place on its scale (0 is worst), for sorting worst first."""
        return self.annotate(
            current_rag_order=Subquery(latest_update(as_at).values("rag__order")[:1])
        )

    def with_rag_then(self, day: date) -> Self:
        """The RAG as it stood at the end of `day`, beside the current one."""
        return self.annotate(rag_then_id=Subquery(latest_update(day).values("rag_id")[:1]))

    def for_dashboard(self, *, as_at: date, since: date) -> QuerySet[Project, DashboardRow]:
        """One light row a project: what the dashboard counts, sorts and compares, with
        its RAG on both days. Rows, not models: a dashboard reads every project of a
        portfolio, and a model instance each costs more than all the rest of a row."""
        return self.annotate(
            rag_id=Subquery(latest_update(as_at).values("rag_id")[:1]),
            rag_then_id=Subquery(latest_update(since).values("rag_id")[:1]),
        ).values_list(
            "pk",
            "name",
            "order",
            "programme_id",
            "programme__order",
            "lifecycle_status",
            "rag_id",
            "rag_then_id",
            named=True,
        )

    def for_home(self) -> Self:
        """What the home page lists, in a fixed number of queries whatever the size."""
        return (
            self.select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag()
            .order_by("programme__strategy__order", "programme__order", "order", "name")
        )

    def with_lifecycle_then(self, moment: datetime | None) -> Self:
        """`lifecycle_as_at`: the status at `moment`, from the audit trail (None: now). A
        project whose trail starts later counts as it is now, as on the dashboard
        (dashboards/panels/status_table.py). Guarded by tests/test_api.py."""
        if moment is None:
            return self.annotate(lifecycle_as_at=F("lifecycle_status"))
        then = (
            self.model.history.filter(id=OuterRef("pk"), history_date__lte=moment)
            .order_by("-history_date", "-history_id")
            .values("lifecycle_status")[:1]
        )
        return self.annotate(lifecycle_as_at=Coalesce(Subquery(then), F("lifecycle_status")))

    def for_api(self, *, as_at: date) -> Self:
        """The API's projects (api/views.py): the home page's rows, as at a day."""
        return (
            self.select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag(as_at)
            .order_by("programme__strategy__order", "programme__order", "order", "name", "pk")
        )

    def owned_by(self, person: Person) -> Self:
        return self.filter(owned_by_filter(person)).distinct()

    def for_my_projects(self, person: Person, today: date) -> Self:
        """A person's projects with what /my/ sorts on, in a fixed number of queries."""
        overdue = overdue_milestone_q(today, prefix="milestones__")
        return (
            self.owned_by(person)
            .select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag()
            .annotate(overdue_milestones=models.Count("milestones", filter=overdue, distinct=True))
            .order_by("-overdue_milestones", "name")
        )

    def for_list(self) -> Self:
        """The project list: current RAG and its place on the scale, for sorting."""
        return (
            self.select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag()
            .with_current_rag_order()
        )

    def for_update(self) -> Self:
        """What the status update reads of its project: the RAG key with its levels."""
        return self.select_related("programme__strategy__rag_scale").prefetch_related(
            "programme__strategy__rag_scale__levels"
        )

    def for_detail(self) -> Self:
        return self.select_related(
            "programme__strategy__rag_scale", "sponsor", "manager", "lead", "life_budget"
        ).prefetch_related("councils_impacted", "programme__strategy__rag_scale__levels")


class Project(models.Model):
    class Lifecycle(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETE = "complete", "Complete"
        CLOSED = "closed", "Closed"

    class PlanPart(models.TextChoices):
        # A contract's annual plan keeps its items in three parts.
        NONE = "", "Not part of a contract plan"
        TRANSITION = "transition", "Part 1 – outstanding transition item"
        ANNUAL = "annual", "Part 2 – annual plan item"
        FORWARD = "forward", "Part 3 – forward look"

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="projects")
    reference = models.CharField(max_length=30, blank=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    sponsor = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="sponsored_projects"
    )
    manager = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_projects",
        verbose_name="project manager",
    )
    lead = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="led_projects"
    )
    editors = models.ManyToManyField(
        Person, blank=True, related_name="editable_projects", help_text="Others who may update it."
    )
    lifecycle_status = models.CharField(
        max_length=20, choices=Lifecycle.choices, default=Lifecycle.SCHEDULED
    )
    plan_part = models.CharField(max_length=20, choices=PlanPart.choices, blank=True)
    driver = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why it is on the plan: the source or service outcome.",
    )
    councils_impacted = models.ManyToManyField(
        Organisation, blank=True, related_name="impacted_by_projects"
    )
    resourcing = models.CharField(max_length=300, blank=True)
    funding_approach = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Bumped by every saved status update; lets a save detect that someone
    # else saved since the form was opened.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = ReadAsOfHistory(excluded_fields=["version"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="project_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}".strip()

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})

    @property
    def latest_update(self) -> StatusUpdate | None:
        return self.status_updates.select_related("rag", "author").order_by(*LATEST_FIRST).first()

    @property
    def current_rag(self) -> RagLevel | None:
        update = self.latest_update
        return update.rag if update else None

    @property
    def rag_scale(self) -> RagScale:
        return self.programme.strategy.rag_scale
