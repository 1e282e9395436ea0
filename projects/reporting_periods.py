"""Reporting periods: an officer's update is due when their project has no status
update in the current period (monthly unless PORTAL_REPORTING_PERIOD says otherwise)."""

from datetime import date, timedelta

from django.conf import settings

from core.calendar import period_of

PERIODS = ("weekly", "monthly", "quarterly")


def period_start(today: date, period: str | None = None) -> date:
    period = period or settings.REPORTING_PERIOD
    if period == "weekly":
        return today - timedelta(days=today.weekday())
    if period in ("monthly", "quarterly"):
        return period_of(today, period)[0]
    raise ValueError(f"Unknown reporting period {period!r}: choose one of {', '.join(PERIODS)}")
