"""The council's calendar: financial years from April, quarters numbered from April."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.calendar import (
    financial_year_label,
    financial_year_of,
    financial_year_start,
    last_complete_period,
    quarter_of,
    quarters_between,
)

days = st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 12, 31))
any_day = st.dates(min_value=date(1900, 1, 1), max_value=date(9999, 12, 31))


def test_the_financial_year_turns_on_the_first_of_april():
    assert financial_year_of(date(2019, 3, 31)) == 2018
    assert financial_year_of(date(2019, 4, 1)) == 2019
    assert financial_year_start(date(2019, 3, 31)) == date(2018, 4, 1)
    assert financial_year_start(date(2019, 12, 31)) == date(2019, 4, 1)


def test_a_financial_year_is_written_as_the_papers_write_it():
    assert financial_year_label(2018) == "2018/19"
    assert financial_year_label(1999) == "1999/00"
    assert financial_year_label(2099) == "2099/00"


def test_quarters_are_numbered_from_april_and_labelled_with_their_months():
    assert quarter_of(date(2018, 10, 5)).label == "Q3 Oct–Dec 2018"
    assert quarter_of(date(2019, 1, 1)).label == "Q4 Jan–Mar 2019"
    assert quarter_of(date(2019, 3, 31)).label == "Q4 Jan–Mar 2019"
    assert quarter_of(date(2019, 4, 1)).label == "Q1 Apr–Jun 2019"
    assert quarter_of(date(2018, 9, 30)).label == "Q2 Jul–Sep 2018"


def test_the_last_day_python_has_still_has_a_quarter():
    assert quarter_of(date(9999, 12, 31)).label == "Q3 Oct–Dec 9999"


@given(any_day)
def test_every_day_falls_in_its_own_quarter_and_financial_year(day):
    quarter = quarter_of(day)
    assert quarter.contains(day)
    assert quarter.start.day == 1 and quarter.start.month in (1, 4, 7, 10)
    assert quarter.end == date.max or (quarter.end + timedelta(days=1)).day == 1
    assert 89 <= (quarter.end - quarter.start).days <= 91
    start = financial_year_start(day)
    assert start <= day and (day - start).days < 366
    assert financial_year_of(quarter.start) == financial_year_of(day)


@given(days)
def test_consecutive_quarters_meet_without_a_gap_across_year_ends(day):
    quarter = quarter_of(day)
    following = quarter.following()
    assert following.start == quarter.end + timedelta(days=1)
    assert following.number == quarter.number % 4 + 1


@given(days, st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=12))
def test_quarters_between_two_days_cover_them_in_order_up_to_the_limit(first, span, limit):
    last = min(first + timedelta(days=span), date(9998, 12, 31))
    quarters = quarters_between(first, last, limit)
    assert len(quarters) <= limit
    if limit:
        assert quarters[0] == quarter_of(first)
    for earlier, later in zip(quarters, quarters[1:], strict=False):
        assert later == earlier.following()
    if len(quarters) < limit:
        assert quarters[-1] == quarter_of(last)


def test_a_meeting_reviews_the_last_whole_month_or_quarter_before_it():
    assert last_complete_period(date(2018, 10, 5), "quarterly") == (
        date(2018, 7, 1),
        date(2018, 9, 30),
    )
    assert last_complete_period(date(2019, 4, 1), "quarterly") == (
        date(2019, 1, 1),
        date(2019, 3, 31),
    )
    assert last_complete_period(date(2022, 3, 17), "monthly") == (
        date(2022, 2, 1),
        date(2022, 2, 28),
    )
    assert last_complete_period(date(2021, 1, 4), "monthly") == (
        date(2020, 12, 1),
        date(2020, 12, 31),
    )


@given(st.dates(min_value=date(1900, 2, 1), max_value=date(9999, 12, 31)))
def test_the_period_reviewed_ends_the_day_before_the_meetings_own_period(day):
    for period in ("monthly", "quarterly"):
        first, last = last_complete_period(day, period)
        assert first < last < day
        assert (last + timedelta(days=1)).day == 1
        assert day - last <= timedelta(days=92)
