"""A UK council's calendar: the financial year runs from April to March, and its
quarters are numbered from April (Q1 Apr–Jun … Q4 Jan–Mar). The roadmap, the exports,
the reporting periods, the money and the cabinet reports all ask this module.
Guarded by tests/core/test_calendar.py (Hypothesis, across year boundaries)."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
FIRST_MONTH = 4  # April


def financial_year_of(day: date) -> int:
    """The calendar year the day's financial year starts in: 2019-03-31 → 2018."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def financial_year_start(day: date) -> date:
    """1 April of the day's financial year."""
    return date(financial_year_of(day), FIRST_MONTH, 1)


def financial_year_label(start_year: int) -> str:
    """2018 → "2018/19", as the papers write a financial year."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


@dataclass(frozen=True, order=True)
class Quarter:
    """Three calendar months, January–March, April–June, and so on."""

    start: date
    end: date

    @property
    def number(self) -> int:
        """The quarter of the financial year: April–June is 1, January–March is 4."""
        return (self.start.month - FIRST_MONTH) % 12 // 3 + 1

    @property
    def months(self) -> str:
        """ "Oct–Dec" """
        first, last = self.start.month - 1, self.end.month - 1
        return f"{MONTH_ABBREVIATIONS[first]}–{MONTH_ABBREVIATIONS[last]}"

    @property
    def label(self) -> str:
        """ "Q3 Oct–Dec 2026": the financial quarter, its months and its year."""
        return f"Q{self.number} {self.months} {self.end.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def following(self) -> Quarter:
        return quarter_of(self.end + timedelta(days=1))


def quarter_of(day: date) -> Quarter:
    """The quarter holding `day`, up to the last date Python has: trackers write
    31/12/9999 for "no end" (tests/test_tracker_edge_cases.py)."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    last_month = first_month + 2
    last_day = monthrange(day.year, last_month)[1]
    return Quarter(date(day.year, first_month, 1), date(day.year, last_month, last_day))


def quarters_between(first: date, last: date, limit: int) -> list[Quarter]:
    """The quarters from `first`'s to `last`'s, at most `limit` of them."""
    quarters: list[Quarter] = []
    if first > last or limit <= 0:
        return quarters
    quarter = quarter_of(first)
    while quarter.start <= last and len(quarters) < limit:
        quarters.append(quarter)
        quarter = quarter.following()
    return quarters


def month_of(day: date) -> tuple[date, date]:
    """The first and last day of the day's month."""
    return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])


def period_of(day: date, period: str) -> tuple[date, date]:
    """The month or quarter ("monthly", "quarterly") holding `day`."""
    if period == "monthly":
        return month_of(day)
    if period == "quarterly":
        quarter = quarter_of(day)
        return quarter.start, quarter.end
    raise ValueError(f"Unknown reporting period {period!r}: monthly or quarterly")


def last_complete_period(day: date, period: str) -> tuple[date, date]:
    """The last whole month or quarter ("monthly", "quarterly") ending before `day`:
    a meeting on 5 October 2018 reviews Q2, July–September 2018, or September."""
    return period_of(period_of(day, period)[0] - timedelta(days=1), period)
