"""Keeping KPIs' actuals: one entered in the browser by the KPI's owner, or many from a
workbook (a KPI code, the end of the period and the actual a row). An upload is checked
whole before anything is written: one bad row writes nothing, and every bad row is named
(tests/test_kpi_actuals.py). An actual for a period already entered replaces it; the
audit trail keeps the one it replaced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.workbook_safety import RefusedWorkbook, open_workbook

from .access import kpis_entered_by_filter
from .kpi_forms import NOT_A_NUMBER, actual_problem, parse_actual
from .models import Kpi, KpiActual, Strategy

HEADINGS = ("code", "period end", "actual")


@dataclass(frozen=True)
class Entered:
    kpi: Kpi
    period_end: date
    value: Decimal
    replaced: Decimal | None  # the actual it replaced, if the period had one


@transaction.atomic
def kpi_actual_enter(*, kpi: Kpi, period_end: date, value: Decimal, by: Any) -> Entered:
    """Keeps `value` as the KPI's actual for the period ending `period_end`. The KPI's row
    is locked first: two people entering a period's first actual at once take turns."""
    # Ordered by its key alone: the default order joins the nullable strategy and
    # programme, and PostgreSQL locks no row on the outer side of a join.
    Kpi.objects.select_for_update().filter(pk=kpi.pk).order_by("pk").first()
    actual = KpiActual.objects.filter(kpi=kpi, period_end=period_end).first()
    if actual is None:
        KpiActual.objects.create(kpi=kpi, period_end=period_end, value=value, entered_by=by)
        return Entered(kpi, period_end, value, None)
    replaced = actual.value
    actual.value = value
    actual.entered_by = by
    actual.save(update_fields=["value", "entered_by"])
    return Entered(kpi, period_end, value, replaced)


def _cell_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(value.strip(), pattern).date()
            except ValueError:
                continue
    return None


def _as_shown(cell: Any) -> Any:
    """A cell's value as the sheet shows it: Excel keeps 96% as 0.96 in a cell formatted
    as a percentage, and the person typed 96 (tests/test_kpi_actuals.py)."""
    value = cell.value
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return Decimal(str(value)) * 100
    return value


def read_actuals(filename: str, content: bytes) -> list[tuple[int, list[Any]]]:
    """(row number, [code, period end, actual]) of the first sheet's rows under its
    heading row; RefusedWorkbook when it is not a workbook the portal opens or has no
    such headings."""
    workbook = open_workbook(filename, content)
    try:
        sheet = workbook.worksheets[0]
        rows = workbook.rows_of(sheet, max_col=workbook.width(sheet, 10))
        columns: list[int] | None = None
        found = []
        for number, cells in rows:
            values = [cell.value for cell in cells]
            if columns is None:
                words = [str(v).strip().lower() if v is not None else "" for v in values]
                if all(heading in words for heading in HEADINGS):
                    columns = [words.index(heading) for heading in HEADINGS]
                continue
            picked = [_as_shown(cells[i]) if i < len(cells) else None for i in columns]
            if any(v not in (None, "") for v in picked):
                found.append((number, picked))
    finally:
        workbook.close()
    if columns is None:
        raise RefusedWorkbook(
            f"‘{filename}’ has no heading row with the columns Code, Period end and Actual"
        )
    return found


@transaction.atomic
def kpi_actuals_import(
    *, strategy: Strategy, rows: list[tuple[int, list[Any]]], by: Any, today: date
) -> list[Entered]:
    """Keeps every row's actual, or none: ValidationError naming each bad row."""
    kpis: dict[str, Kpi | None] = {}
    for kpi in Kpi.objects.of_strategy(strategy):
        # Two KPIs of one strategy (its own and a programme's) may share a code: a row
        # naming it could be either, so it is refused rather than guessed.
        code = kpi.code.lower()
        kpis[code] = None if code in kpis else kpi
    allowed = set(
        Kpi.objects.of_strategy(strategy)
        .filter(kpis_entered_by_filter(by))
        .values_list("pk", flat=True)
    )
    problems: list[str] = []
    wanted: list[tuple[Kpi, date, Decimal]] = []
    seen: dict[tuple[int, date], int] = {}
    for number, (code, period, value) in rows:
        key = str(code or "").strip().lower()
        found = kpis.get(key)
        period_end, actual = _cell_date(period), parse_actual(value)
        where = f"Row {number}"
        if found is None:
            problems.append(
                f"{where}: more than one KPI of {strategy} has the code ‘{code}’: "
                "enter its actuals on the KPI's own page"
                if key in kpis
                else f"{where}: {strategy} has no KPI ‘{code or ''}’"
            )
            continue
        kpi = found
        if kpi.pk not in allowed:
            problems.append(f"{where}: you cannot enter {kpi.code}'s actuals")
            continue
        if period_end is None:
            problems.append(f"{where}: enter the end of the period as a date, like 30/06/2018")
        if actual is None:
            problems.append(f"{where}: {NOT_A_NUMBER[0].lower()}{NOT_A_NUMBER[1:]}")
        for message in actual_problem(kpi, period_end, actual, today).values():
            problems.append(f"{where}: {message}")
        if period_end is not None and (kpi.pk, period_end) in seen:
            first = seen[(kpi.pk, period_end)]
            problems.append(f"{where}: {kpi.code} to {period_end:%d/%m/%Y} is also on row {first}")
        elif period_end is not None:
            seen[(kpi.pk, period_end)] = number
        if period_end is not None and actual is not None:
            wanted.append((kpi, period_end, actual))
    if not rows:
        problems.append("The workbook has no actuals under its headings")
    if problems:
        raise ValidationError(problems)
    return [
        kpi_actual_enter(kpi=kpi, period_end=period_end, value=actual, by=by)
        for kpi, period_end, actual in wanted
    ]
