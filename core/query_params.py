"""Query parameters as values the portal can use. A list or dashboard URL can carry
anything (a typo, an old bookmark, a crafted link); a value the page cannot use falls
back to its default and the page says so in words, never a 500.
Guarded by tests/core/test_query_params.py, with Hypothesis over every list and
dashboard URL."""

from __future__ import annotations

import re
from datetime import date
from typing import TypeVar

import django_tables2 as tables
from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import HttpRequest

# The portal holds no record from before 2000; an earlier day is a mistake, and day
# arithmetic near year 1 overflows.
EARLIEST_DAY = date(2000, 1, 1)
PAGE_SIZES = (10, 25, 50, 100)
# Digits 0–9 only: str.isdigit() also takes "²", which int() refuses.
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
# A value is quoted back to the person, cut short: it came from a URL anyone can write.
QUOTED_LENGTH = 40

TableT = TypeVar("TableT", bound=tables.Table)


def quoted(raw: str) -> str:
    """`raw`, cut short to quote back in a message."""
    return raw if len(raw) <= QUOTED_LENGTH else raw[: QUOTED_LENGTH - 1] + "…"


def day_param(
    request: HttpRequest, name: str, *, what: str, latest: date, fallback: str
) -> date | None:
    """The day in `request.GET[name]`, between 1 January 2000 and `latest`; None when it
    is missing, or unusable (then a message names `what` the day was for and the
    `fallback` shown instead)."""
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        problem = "is not a date (write it as 2024-03-31)"
    else:
        if EARLIEST_DAY <= day <= latest:
            return day
        problem = (
            f"is before {EARLIEST_DAY:%-d %B %Y}"
            if day < EARLIEST_DAY
            else f"is after {latest:%-d %B %Y}"
        )
    messages.warning(request, f"The {what} ‘{quoted(raw)}’ {problem}: {fallback}.")
    return None


def page_size(request: HttpRequest, default: int, *, field: str = "per_page") -> int:
    """The rows a page from `request.GET[field]`: one of PAGE_SIZES, else `default`."""
    raw = request.GET.get(field, "")
    if not raw:
        return default
    if WHOLE_NUMBER.fullmatch(raw) and int(raw) in PAGE_SIZES:
        return int(raw)
    choices = ", ".join(str(size) for size in PAGE_SIZES[:-1]) + f" or {PAGE_SIZES[-1]}"
    messages.warning(
        request,
        f"‘{quoted(raw)}’ rows a page is not one of {choices}: showing {default} a page.",
    )
    return default


def configure_table(request: HttpRequest, table: TableT, *, per_page: int) -> TableT:
    """django-tables2's RequestConfig for ordering, then the page: a sort by a column the
    table cannot sort by, a page size not offered, or a page past the last, falls back
    and says so."""
    tables.RequestConfig(request, paginate=False).configure(table)
    # django-tables2 keeps each value it can sort by, whole ("name,-name" is not one).
    kept = {str(alias) for alias in table.order_by or ()}
    dropped = [
        alias for alias in request.GET.getlist(table.prefixed_order_by_field) if alias not in kept
    ]
    if dropped:
        messages.warning(
            request,
            f"The list cannot be sorted by ‘{quoted(', '.join(dropped))}’: "
            "it is in its usual order.",
        )
    size = page_size(request, per_page, field=table.prefixed_per_page_field)
    raw_page = request.GET.get(table.prefixed_page_field, "1")
    try:
        if not WHOLE_NUMBER.fullmatch(raw_page):
            raise PageNotAnInteger(raw_page)
        table.paginate(per_page=size, page=int(raw_page))
    except (PageNotAnInteger, EmptyPage):
        table.paginate(per_page=size, page=1)
        messages.warning(request, f"There is no page ‘{quoted(raw_page)}’: showing page 1.")
    return table
