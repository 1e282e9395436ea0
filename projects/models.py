from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from programmes.models import Organisation, Person, Programme, RagLevel

from .access import editable_projects_filter, owned_by_filter
from .risk_rating import rating_band

# Newest first: the date the officer reported, then the moment it was saved,
# then the id so two updates saved in the same instant still have an order.
LATEST_FIRST = ("-reported_on", "-created_at", "-pk")


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    STARTED = "started", "Started"
    PAUSED = "paused", "Paused"
    COMPLETE = "complete", "Complete"


OPEN_STATUSES = [
    DeliveryStatus.NOT_STARTED,
    DeliveryStatus.STARTED,
    DeliveryStatus.PAUSED,
]


def overdue_milestone_q(today, prefix=""):
    """The overdue rule as a filter: open, and past the forecast (or the baseline when
    there is no forecast). Milestone.is_overdue() is the same rule for one row."""
    return models.Q(**{f"{prefix}delivery_status__in": OPEN_STATUSES}) & (
        models.Q(**{f"{prefix}forecast_date__lt": today})
        | models.Q(**{f"{prefix}forecast_date__isnull": True, f"{prefix}baseline_date__lt": today})
    )


def due_between_q(first, last, prefix=""):
    """Due (the forecast, else the baseline) between two days, written so the
    database can use its date indexes rather than compute a due date per row."""
    return models.Q(**{f"{prefix}forecast_date__range": (first, last)}) | models.Q(
        **{f"{prefix}forecast_date__isnull": True, f"{prefix}baseline_date__range": (first, last)}
    )


class ProjectQuerySet(models.QuerySet):
    def editable_by(self, user):
        return self.filter(editable_projects_filter(user)).distinct()

    def bump_version(self, pk):
        """Mark a project changed outside the update form, so a form opened before
        the change is refused rather than saved over it."""
        self.filter(pk=pk).update(version=F("version") + 1)

    def with_current_rag(self, as_at=None):
        """Annotate the latest status update's RAG and date: the only source of both.

        With `as_at`, the update that was latest on that day: the dashboard as it stood.
        """
        latest = StatusUpdate.objects.filter(project=OuterRef("pk"))
        if as_at is not None:
            latest = latest.filter(reported_on__lte=as_at)
        latest = latest.order_by(*LATEST_FIRST)
        return self.annotate(
            current_rag_id=Subquery(latest.values("rag_id")[:1]),
            last_reported_on=Subquery(latest.values("reported_on")[:1]),
        )

    def with_rag_then(self, day):
        """The RAG as it stood at the end of `day`, beside the current one."""
        then = (
            StatusUpdate.objects.filter(project=OuterRef("pk"), reported_on__lte=day)
            .order_by(*LATEST_FIRST)
            .values("rag_id")[:1]
        )
        return self.annotate(rag_then_id=Subquery(then))

    def for_home(self):
        """What the home page lists, in a fixed number of queries whatever the size."""
        return (
            self.select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag()
            .order_by("programme__strategy__order", "programme__order", "order", "name")
        )

    def owned_by(self, person):
        return self.filter(owned_by_filter(person)).distinct()

    def for_my_projects(self, person, today):
        """A person's projects with what /my/ sorts on, in a fixed number of queries."""
        overdue = overdue_milestone_q(today, prefix="milestones__")
        return (
            self.owned_by(person)
            .select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag()
            .annotate(overdue_milestones=models.Count("milestones", filter=overdue, distinct=True))
            .order_by("-overdue_milestones", "name")
        )

    def for_list(self):
        """The project list: current RAG and its place on the scale, for sorting."""
        latest = StatusUpdate.objects.filter(project=OuterRef("pk")).order_by(*LATEST_FIRST)
        return (
            self.select_related("programme__strategy", "sponsor", "manager", "lead")
            .with_current_rag()
            .annotate(current_rag_order=Subquery(latest.values("rag__order")[:1]))
        )

    def for_detail(self):
        return self.select_related(
            "programme__strategy__rag_scale", "sponsor", "manager", "lead"
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
    # Pounds, as entered; pages show £000s where the papers do.
    budget_outside_contract = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    in_year_pressure = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # Bumped by every saved status update; lets a save detect that someone
    # else saved since the form was opened.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="project_name_unique"),
        ]

    def __str__(self):
        return f"{self.reference} {self.name}".strip()

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})
        for field in ("budget_outside_contract", "in_year_pressure"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValidationError({field: "Enter an amount of £0 or more."})

    @property
    def latest_update(self):
        return self.status_updates.select_related("rag", "author").order_by(*LATEST_FIRST).first()

    @property
    def current_rag(self):
        update = self.latest_update
        return update.rag if update else None

    @property
    def rag_scale(self):
        return self.programme.strategy.rag_scale


class MilestoneQuerySet(models.QuerySet):
    def overdue(self, today=None):
        return self.filter(overdue_milestone_q(today or timezone.localdate()))


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=500)
    baseline_date = models.DateField(
        null=True, blank=True, help_text="The date first agreed (the end of a quarter for Q2…)."
    )
    forecast_date = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    due_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="The due date in the words the plan used, e.g. TBC, ongoing, Annual, Q3.",
    )
    delivery_status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.NOT_STARTED
    )
    lead = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="milestones"
    )
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["project", "order", "baseline_date", "pk"]
        indexes = [
            models.Index(fields=["delivery_status", "forecast_date"], name="milestone_forecast"),
            models.Index(fields=["delivery_status", "baseline_date"], name="milestone_baseline"),
            # Covers the dashboard's due and overdue counts: read from the index alone.
            models.Index(
                fields=["project", "delivery_status", "forecast_date", "baseline_date"],
                name="milestone_due_cover",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.completed_on and self.completed_on > timezone.localdate():
            errors["completed_on"] = "Completed date must be today or in the past"
        if self.completed_on and self.delivery_status != DeliveryStatus.COMPLETE:
            errors["delivery_status"] = "Select Complete for a milestone with a completed date"
        if errors:
            raise ValidationError(errors)

    @property
    def due_date(self):
        """The date it is now expected: the forecast when there is one, else the baseline."""
        return self.forecast_date or self.baseline_date

    @property
    def slippage_days(self):
        """Days the forecast (or the completion) is later than the baseline; None if unknown.

        Finishing early is legal and shows as a negative number, not as slippage.
        """
        actual = self.completed_on or self.forecast_date
        if not (actual and self.baseline_date):
            return None
        return (actual - self.baseline_date).days

    @property
    def is_slipped(self):
        return bool(self.slippage_days and self.slippage_days > 0)

    def is_overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        if self.delivery_status == DeliveryStatus.COMPLETE or self.due_date is None:
            return False
        return self.due_date < today


class StatusUpdate(models.Model):
    """The dated record an officer writes. The latest one is the project's status."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_updates")
    reported_on = models.DateField(default=timezone.localdate)
    rag = models.ForeignKey(
        RagLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_updates",
        verbose_name="RAG",
        help_text="Blank when a paper recorded progress without a RAG.",
    )
    delivery_status = models.CharField(max_length=20, choices=DeliveryStatus.choices, blank=True)
    progress = models.TextField("progress this period", blank=True)
    next_steps = models.TextField(blank=True)
    issues = models.TextField("issues and risks to escalate", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_updates",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The project version this update created: a conflict page shows the
    # updates saved after the version an officer's form was opened at.
    project_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = LATEST_FIRST
        get_latest_by = ["reported_on", "created_at", "pk"]
        indexes = [
            # The latest update per project is looked up on every list and dashboard.
            models.Index(
                fields=["project", "-reported_on", "-created_at", "-id"], name="status_latest"
            ),
            models.Index(fields=["delivery_status", "reported_on"], name="status_delivery"),
        ]

    def __str__(self):
        return f"{self.project} – {self.reported_on:%d/%m/%Y}"

    def clean(self):
        if self.rag_id and self.project_id and self.rag.scale_id != self.project.rag_scale.pk:
            raise ValidationError(
                {"rag": f"Choose a level of the {self.project.rag_scale} scale for this project."}
            )
        if self.reported_on and self.reported_on > timezone.localdate():
            raise ValidationError({"reported_on": "An update cannot be dated in the future."})


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    score = [MinValueValidator(1), MaxValueValidator(5)]

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="risks"
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
