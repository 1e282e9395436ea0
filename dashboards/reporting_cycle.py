"""Where a strategy is in its reporting cycle: the meetings it was reported to, each with
the day the report read its data as at (the dashboard's "as reported to" choices), and
whether anything has been reported in the current period. A strategy last updated years
ago says so, and when, rather than greeting a reader with empty panels
(tests/test_dashboard_reporting_cycle.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from core.calendar import last_complete_period
from meetings.models import Meeting
from programmes.models import Strategy
from projects.models import StatusUpdate
from projects.reporting_periods import period_start


@dataclass(frozen=True)
class AsReported:
    meeting: Meeting
    day: date  # the day the report to it read its data as at


@dataclass(frozen=True)
class ReportingCycle:
    reported_to: list[AsReported]  # latest meeting first, data days up to today
    last_update: date | None  # the newest status update of the strategy's projects
    period_began: date  # the current reporting period's first day

    @property
    def is_stale(self) -> bool:
        """Nothing reported in the current period."""
        return self.last_update is None or self.last_update < self.period_began

    @property
    def last_reported_to(self) -> AsReported | None:
        """The latest meeting whose report read data the portal had by then."""
        return next(iter(self.reported_to), None)


def reporting_cycle(strategy: Strategy, *, today: date) -> ReportingCycle:
    meetings = Meeting.objects.reading(strategy).select_related("body").order_by("-date")
    reported_to = []
    for meeting in meetings:
        day = (
            meeting.clerks_cut_off
            or last_complete_period(meeting.date, strategy.reporting_period)[1]
        )
        if day <= today:
            reported_to.append(AsReported(meeting, day))
    last_update = StatusUpdate.objects.filter(project__programme__strategy=strategy).aggregate(
        last=Max("reported_on")
    )["last"]
    return ReportingCycle(
        reported_to=reported_to,
        last_update=last_update,
        period_began=period_start(today, strategy.reporting_period),
    )
