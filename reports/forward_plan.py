"""The forward plan: each meeting, upcoming then past, with the reports due to it, the
day each reads its data as at, and how far each has got. A body that receives a report
on a strategy at each meeting is owed one, so a meeting with no report on it yet shows
"Not started" (tests/test_forward_plan.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Prefetch

from meetings.models import Meeting, cut_off_before

from .models import Decision, Report, ReportIssue, ReportMeeting

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class ReportDue:
    subject: str
    report: Report | None  # None until the clerk starts it
    readable: bool  # the reader may open it (reports.access)
    cut_off: date
    state: str
    reviews: str = ""  # the period the meeting reviews: "July to September 2018"


@dataclass(frozen=True)
class MeetingDue:
    meeting: Meeting
    reports: list[ReportDue]


def _reviews(meeting: Meeting, period: str) -> str:
    start, end = meeting.period_reviewed(period)
    return f"{end:%B %Y}" if start.month == end.month else f"{start:%B} to {end:%B %Y}"


def _state(link: ReportMeeting) -> str:
    report = link.report
    if link.decided:  # type: ignore[attr-defined]  # annotated: stubs cannot see
        return "Decided"
    if report.final_issued:  # type: ignore[attr-defined]  # annotated
        return "Final issued"
    return "Draft" if report.drafts_issued else "Being written"  # type: ignore[attr-defined]


def _links() -> Prefetch:
    issued = ReportIssue.objects.filter(report=OuterRef("pk"), state=ReportIssue.State.ISSUED)
    reports = Report.objects.select_related("strategy", "contract").annotate(
        final_issued=Exists(issued.filter(is_final=True)),
        drafts_issued=Exists(issued.filter(is_final=False)),
    )
    return Prefetch(
        "report_links",
        queryset=ReportMeeting.objects.annotate(
            decided=Exists(
                Decision.objects.filter(report=OuterRef("report"), meeting=OuterRef("meeting"))
            )
        )
        .prefetch_related(
            Prefetch("report", queryset=reports),
            "report__meetings",
            "report__contract__plans",
        )
        .order_by("report__title"),
    )


def _reports_due(meeting: Meeting, readable: set[int]) -> list[ReportDue]:
    rows = []
    covered = set()
    for link in meeting.report_links.all():
        report = link.report
        if report.strategy_id:
            covered.add(report.strategy_id)
        else:  # a report on a contract covers its annual plans
            covered.update(plan.pk for plan in report.contract.plans.all())  # type: ignore[union-attr,misc]  # a report without a strategy has a contract
        rows.append(
            ReportDue(
                subject=report.scope_name,
                report=report,
                readable=report.pk in readable,
                cut_off=report.cut_off(),
                state=_state(link),
                reviews=_reviews(meeting, report.reporting_period()),
            )
        )
    for strategy in meeting.body.strategies.all():
        if strategy.pk not in covered:
            rows.append(
                ReportDue(
                    subject=strategy.title,
                    report=None,
                    readable=False,
                    cut_off=cut_off_before(meeting.date, strategy.reporting_period),
                    state="Not started",
                    reviews=_reviews(meeting, strategy.reporting_period),
                )
            )
    return rows


def forward_plan(
    *, user: AbstractBaseUser | AnonymousUser, today: date
) -> tuple[list[MeetingDue], list[MeetingDue]]:
    """(upcoming meetings, soonest first; past meetings, latest first)."""
    readable = set(Report.objects.visible_to(user).values_list("pk", flat=True))
    meetings = Meeting.objects.for_forward_plan().prefetch_related(_links())
    return (
        [MeetingDue(m, _reports_due(m, readable)) for m in meetings.upcoming(today)],
        [MeetingDue(m, _reports_due(m, readable)) for m in meetings.past(today)],
    )
