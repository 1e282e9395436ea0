"""The bodies a strategy reports to (Cabinet, scrutiny, joint committees, programme and
management boards, member steering groups), who sits on them, and their meetings."""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import Max, Prefetch, Q

from core.calendar import last_complete_period
from programmes.models import Organisation, Person, ReportingPeriod, Strategy


class Body(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        CABINET = "cabinet", "Cabinet"
        COMMITTEE = "committee", "Committee"
        SCRUTINY = "scrutiny", "Scrutiny committee"
        JOINT_COMMITTEE = "joint_committee", "Joint committee"
        PORTFOLIO_HOLDER = "portfolio_holder", "Portfolio holder's meeting"
        PROGRAMME_BOARD = "programme_board", "Programme board"
        MANAGEMENT_BOARD = "management_board", "Management board"
        STEERING_GROUP = "steering_group", "Member steering group"

    class Cycle(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        QUARTERLY = "quarterly", "Quarterly"
        SIX_MONTHLY = "six_monthly", "Every six months"
        ANNUAL = "annual", "Annual"
        AS_REQUIRED = "as_required", "As business requires"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=20, blank=True, help_text="e.g. JTB")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.BOARD)
    organisations = models.ManyToManyField(
        Organisation, related_name="bodies", help_text="The councils it serves."
    )
    cycle = models.CharField(max_length=20, choices=Cycle.choices, default=Cycle.QUARTERLY)
    strategies = models.ManyToManyField(
        Strategy,
        blank=True,
        related_name="bodies",
        help_text="The strategies and plans it receives a report on at each meeting.",
    )
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="The paper this comes from.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        PORTFOLIO_HOLDER = "portfolio_holder", "Portfolio holder"
        OFFICER = "officer", "Officer"
        SECRETARY = "secretary", "Secretary"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(
        max_length=200, blank=True, help_text="As the papers name it, e.g. SCDC Director."
    )

    class Meta:
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "person"], name="one_membership_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def for_forward_plan(self) -> Self:
        """Meetings with their body, its councils and the strategies it reads, in
        date order."""
        return self.select_related("body").prefetch_related(
            "body__organisations",
            Prefetch("body__strategies", queryset=Strategy.objects.order_by("order", "title")),
        )

    def reading(self, strategy: Strategy) -> Self:
        """Meetings that read a report on `strategy`: those of the bodies that receive
        one at every meeting, and those a report on it went to (the reports app's
        ReportMeeting, by its related name), each with `clerks_cut_off`, the day the
        clerk set a report on it to read its data as at, if any."""
        return self.filter(
            Q(body__strategies=strategy) | Q(report_links__report__strategy=strategy)
        ).annotate(
            clerks_cut_off=Max(
                "report_links__report__data_cut_off",
                filter=Q(report_links__report__strategy=strategy),
            )
        )

    def upcoming(self, today: datetime.date) -> Self:
        return self.filter(date__gte=today).order_by("date", "body__name")

    def past(self, today: datetime.date) -> Self:
        return self.filter(date__lt=today).order_by("-date", "body__name")


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    venue = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="The paper this comes from.")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "body__name"]
        constraints = [models.UniqueConstraint(fields=["body", "date"], name="one_meeting_a_day")]

    def __str__(self) -> str:
        return f"{self.body}, {self.date:%-d %B %Y}"

    def period_reviewed(
        self, period: str = ReportingPeriod.QUARTERLY
    ) -> tuple[datetime.date, datetime.date]:
        """The last whole month or quarter before the meeting: what a report to it
        reviews, and whose end is the cut-off for officers' updates
        (tests/test_meetings.py)."""
        return last_complete_period(self.date, period)
