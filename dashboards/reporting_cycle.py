"""Where a strategy is in its reporting cycle: the meetings it was reported to, each with
the day the report read its data as at (the dashboard's "as reported to" choices), and
whether anything has been reported lately. A strategy last updated years ago says so,
and when, rather than greeting a reader with empty panels
(tests/test_dashboard_reporting_cycle.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from core.calendar import last_complete_period
from meetings.models import Meeting, data_day
from programmes.models import Strategy
from projects.models import StatusUpdate


@dataclass(frozen=True)
class AsReported:
    body: str
    held_on: date
    day: date  # the day the report to it read its data as at


@dataclass(frozen=True)
class ReportingCycle:
    reported_to: list[AsReported]  # meetings held by today, latest first
    is_stale: bool  # nothing reported in this period or the last whole one
    last_update: date | None  # when stale, the newest update of its projects

    @property
    def last_reported_to(self) -> AsReported | None:
        return next(iter(self.reported_to), None)

    def as_reported(self, day: date) -> AsReported | None:
        """The latest meeting whose report read its data as at `day`, if any."""
        return next((meeting for meeting in self.reported_to if meeting.day == day), None)


def meetings_held(strategy: Strategy, *, today: date) -> list[AsReported]:
    """The meetings held by `today` that read `strategy`, latest first, each once."""
    by_meeting: dict[int, AsReported] = {}
    for row in Meeting.objects.reading([strategy]).filter(date__lte=today):
        reported = row["reported"] == strategy.pk
        if row["pk"] in by_meeting and not reported:
            continue  # the row of the report on it, when there is one, says the day
        day = data_day(
            meeting_date=row["date"],
            period=strategy.reporting_period,
            clerks_day=row["clerks_day"] if reported else None,
            first_meeting=row["first_meeting"] if reported else None,
        )
        by_meeting[row["pk"]] = AsReported(row["body__name"], row["date"], day)
    return sorted(by_meeting.values(), key=lambda m: (m.held_on, m.body), reverse=True)


def reporting_cycle(strategy: Strategy, *, today: date) -> ReportingCycle:
    """Stale when nothing was reported in this period or the last whole one: an update
    at the end of September still counts on 1 October. A live strategy's answer stops at
    its first recent update; the newest of them all is looked for only when it is stale
    (the dashboard's MAX over every update was 4 ms of it at 1,000 projects)."""
    updates = StatusUpdate.objects.filter(project__programme__strategy=strategy)
    stale_before = last_complete_period(today, strategy.reporting_period)[0]
    is_stale = not updates.filter(reported_on__gte=stale_before).exists()
    return ReportingCycle(
        reported_to=meetings_held(strategy, today=today),
        is_stale=is_stale,
        last_update=updates.aggregate(last=Max("reported_on"))["last"] if is_stale else None,
    )
