from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from contracts.models import Contract
from meetings.models import Meeting, data_day
from programmes.models import Person, Programme, ReportingPeriod, Strategy

from ..access import visible_issues_filter, visible_reports_filter
from .rendered import RenderedPdf

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Local Government Act 1972, Schedule 12A, Part 1: the categories of exempt information.
EXEMPT_PARAGRAPHS = [
    (1, "1 – information relating to any individual"),
    (2, "2 – information likely to reveal the identity of an individual"),
    (3, "3 – the financial or business affairs of any particular person"),
    (4, "4 – consultations or negotiations on labour relations"),
    (5, "5 – legal professional privilege"),
    (6, "6 – notices, orders or directions the authority proposes to give"),
    (7, "7 – the prevention, investigation or prosecution of crime"),
]

# (field, heading) in the order councils' report templates print them.
SECTIONS = [
    ("recommendations", "Recommendations"),
    ("purpose", "Purpose of report"),
    ("corporate_objectives", "Corporate objectives"),
    ("background", "Background"),
    ("financial_implications", "Financial implications"),
    ("legal_implications", "Legal implications"),
    ("climate_implications", "Climate and ecological implications"),
    ("other_implications", "Other implications"),
    ("risks", "Risks"),
    ("conclusion", "Conclusion"),
]


def default_appendices():
    """A new report's appendices: those the registry marks as chosen by default."""
    from ..appendix_registry import chosen_by_default

    return chosen_by_default()


class ReportQuerySet(models.QuerySet["Report"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """The reports `user` may open and find in the register (reports.access)."""
        return self.filter(visible_reports_filter(user))


class ReportIssueQuerySet(models.QuerySet["ReportIssue"]):
    def visible_to(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """The issued versions `user` may open (reports.access)."""
        return self.filter(visible_issues_filter(user))


class Report(models.Model):
    title = models.CharField(max_length=300)
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    programmes = models.ManyToManyField(
        Programme,
        blank=True,
        related_name="reports",
        help_text="Leave empty for the whole strategy.",
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    meetings = models.ManyToManyField(
        Meeting,
        through="ReportMeeting",
        blank=True,
        related_name="reports",
        help_text="The meetings it goes to: a joint report goes to several.",
    )
    data_cut_off = models.DateField(
        "data as at",
        null=True,
        blank=True,
        help_text="Leave empty for the end of the last whole reporting period before the "
        "first meeting.",
    )
    committee = models.CharField(max_length=200, default="Cabinet")
    meeting_date = models.DateField()
    report_of = models.CharField("report of", max_length=200)
    authors = models.ManyToManyField(
        Person,
        blank=True,
        related_name="reports_written",
        help_text="People who may read its drafts before the Final is issued.",
    )
    author_name = models.CharField("report author", max_length=200)
    contact = models.CharField("author's contact details", max_length=300, blank=True)
    cabinet_members = models.CharField("cabinet member(s) responsible", max_length=300, blank=True)
    wards_affected = models.CharField(max_length=300, default="All")
    exempt_paragraph = models.PositiveSmallIntegerField(
        "exempt information",
        choices=EXEMPT_PARAGRAPHS,
        null=True,
        blank=True,
        help_text="Local Government Act 1972, Schedule 12A paragraph, if any part is exempt.",
    )
    recommendations = models.TextField(blank=True)
    purpose = models.TextField("purpose of report", blank=True)
    corporate_objectives = models.TextField(blank=True)
    background = models.TextField(blank=True)
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    climate_implications = models.TextField("climate and ecological implications", blank=True)
    other_implications = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    conclusion = models.TextField(blank=True)
    other_appendices = models.TextField(
        blank=True, help_text="Appendices not generated by the portal, one a line."
    )
    background_papers = models.TextField(blank=True)
    appendices = models.JSONField(
        default=default_appendices,
        blank=True,
        help_text="The keys of the generated appendices it carries (reports/appendix_registry.py).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,  # the demo's reports were written before the portal
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "-created_at"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.strategy_id is None and self.contract_id is None:
            raise ValidationError(
                {"strategy": "Choose the strategy or the contract the report is about"}
            )

    @property
    def scope_name(self):
        parts = [str(self.strategy)] if self.strategy_id else []
        if self.contract_id:
            parts.append(str(self.contract))
        return "; ".join(parts)

    def same_scope(self):
        """Reports on the same strategy and contract: a new one starts from the latest's text."""
        return Report.objects.filter(
            strategy_id=self.strategy_id, contract_id=self.contract_id
        ).exclude(pk=self.pk)

    def previous_cut_off(self, before: date) -> date | None:
        """The day the data of the last report issued on the same subject was as at,
        before `before`: milestone changes count from then, whichever is issued later
        (tests/test_report_cut_off.py)."""
        days = (
            ReportIssue.objects.filter(
                report__strategy_id=self.strategy_id,
                report__contract_id=self.contract_id,
                state=ReportIssue.State.ISSUED,
            )
            .exclude(report=self)
            .values_list("snapshot__as_at", flat=True)
        )
        earlier = [day for day in map(date.fromisoformat, filter(None, days)) if day < before]
        return max(earlier, default=None)

    def cut_off(self) -> date:
        """The day the report's data is read as at: the clerk's, else the end of the
        last whole reporting period before its first meeting (tests/test_report_meetings.py)."""
        return data_day(
            meeting_date=self.first_meeting_date(),
            period=self.reporting_period(),
            clerks_day=self.data_cut_off,
        )

    def first_meeting_date(self) -> date:
        dates = [meeting.date for meeting in self.meetings.all()]
        return min(dates) if dates else self.meeting_date

    def reporting_period(self) -> str:
        if self.strategy_id:
            return self.strategy.reporting_period
        plan = self.contract.plans.first() if self.contract_id else None
        return plan.reporting_period if plan else ReportingPeriod.QUARTERLY

    @property
    def is_final(self):
        return self.issues.filter(is_final=True).exists()


class ReportMeeting(models.Model):
    """A report going to one meeting, with who presents it there: the 2021 joint report
    went to Vale's Cabinet on 29 October and South's on 4 November, each with its own
    portfolio holder."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="meeting_links")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="report_links")
    portfolio_holders = models.CharField(
        "cabinet member(s) responsible", max_length=300, blank=True
    )

    class Meta:
        ordering = ["meeting__date", "meeting__body__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "meeting"], name="report_meeting_once")
        ]

    def __str__(self) -> str:
        return f"{self.report} to {self.meeting}"


class ReportIssue(RenderedPdf):
    """One issued version: the data it was built from and the PDF, never changed after."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="issues")
    label = models.CharField(max_length=30)
    is_final = models.BooleanField(default=False)
    snapshot = models.JSONField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField()

    objects = ReportIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "label"], name="report_issue_label"),
            models.UniqueConstraint(
                fields=["report"], condition=models.Q(is_final=True), name="report_one_final"
            ),
        ]

    def __str__(self):
        return f"{self.report} – {self.label}"


class HighlightPack(RenderedPdf):
    """The highlight reports of the projects an issued report covers, one after another
    in one PDF, for the reporting period that ends at its cut-off: the board papers that
    go with the cabinet report (reports.highlight_packs)."""

    issue = models.OneToOneField(
        ReportIssue, on_delete=models.CASCADE, related_name="highlight_pack"
    )
    period_start = models.DateField()
    period_end = models.DateField()

    def __str__(self):
        return f"Highlight reports for {self.issue}"
