"""The bodies a strategy reports to (Cabinet, scrutiny, joint committees, programme and
management boards, member steering groups), who sits on them, and their meetings."""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.db import models
from django.db.models import F, Max, Min, Prefetch, Q

from core.calendar import last_complete_period
from programmes.models import Organisation, Person, ReportingPeriod, Strategy


def cut_off_before(meeting_date: datetime.date, period: str) -> datetime.date:
    """The default data-as-at day of a report to a meeting: the end of the last whole
    reporting period before it (5 October 2018, quarterly: 30 September 2018)."""
    return last_complete_period(meeting_date, period)[1]


def data_day(
    *,
    meeting_date: datetime.date,
    period: str,
    clerks_day: datetime.date | None = None,
    first_meeting: datetime.date | None = None,
) -> datetime.date:
    """The day a report to a meeting reads its data as at: the clerk's day, else the
    default before the report's first meeting (a joint report reads one day for all its
    meetings). The one rule for reports, the forward plan, the dashboard's "as reported
    to" days and /my/ (tests/test_report_meetings.py)."""
    return clerks_day or cut_off_before(first_meeting or meeting_date, period)


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

    def reading(self, strategies: list[Strategy]) -> models.QuerySet[Meeting, dict[str, Any]]:
        """Meetings that read a report on one of `strategies`, once for each: those of
        bodies that receive one at every meeting (`followed`), and those a report on it
        went to (`reported`, through the reports app's ReportMeeting by its related
        name, with that report's `clerks_day` and `first_meeting`), for `data_day`."""
        ids = [strategy.pk for strategy in strategies]
        return (
            self.filter(Q(body__strategies__in=ids) | Q(report_links__report__strategy__in=ids))
            .values("pk", "date", "body__name")
            .annotate(
                followed=F("body__strategies"),
                reported=F("report_links__report__strategy"),
                clerks_day=Max("report_links__report__data_cut_off"),
                first_meeting=Min("report_links__report__meetings__date"),
            )
            .order_by("date", "body__name")
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
