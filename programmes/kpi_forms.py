"""Entering a KPI's actual for a period, in the browser or a row of an upload: the same
checks either way (tests/test_kpi_actuals.py)."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from core.date_input import GovukDateField

from .models import Kpi

NOT_A_NUMBER = "Enter the actual as a number, like 93 or 93.5"


def parse_actual(value: object) -> Decimal | None:
    """An actual as typed or as a cell holds it ("93", "93.5%", "£210,000", 0.93 is
    0.93), to the penny; None when it is not a number the portal keeps."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().replace(",", "").lstrip("£").rstrip("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        return None
    return number.quantize(Decimal("0.01"))


def actual_problem(kpi: Kpi, period_end: date | None, value: Decimal | None, today: date) -> dict:
    """{field: message} of what is wrong with an actual for `kpi`; empty when it may be kept."""
    problems = {}
    if period_end is not None and period_end > today:
        problems["period_end"] = "The period must have ended: enter today or a day before"
    if value is not None:
        if value < 0:
            problems["value"] = "Enter an actual of 0 or more"
        elif kpi.unit == Kpi.Unit.PERCENT and value > 100:
            problems["value"] = "Enter a percentage between 0 and 100"
    return problems


class KpiActualForm(forms.Form):
    period_end = GovukDateField(label="End of the period", required=True)
    value = forms.CharField(
        label="Actual",
        max_length=20,
        error_messages={"required": "Enter the actual"},
    )

    def __init__(self, *args: Any, kpi: Kpi, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.today = today
        unit = kpi.get_unit_display()
        self.fields["value"].help_text = f"In {unit}: the target is {kpi.target_shown}"

    def clean_value(self) -> Decimal:
        value = parse_actual(self.cleaned_data["value"])
        if value is None:
            raise forms.ValidationError(NOT_A_NUMBER)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        problems = actual_problem(
            self.kpi, cleaned.get("period_end"), cleaned.get("value"), self.today
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned


class KpiUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Actuals workbook (.xlsx)",
        help_text="A heading row with the columns Code, Period end and Actual, then an "
        "actual a row: KPI-2, 30/06/2018, 96. Nothing is saved if any row is wrong.",
        error_messages={
            "required": "Choose the workbook of actuals to upload",
            "empty": "The chosen file is empty",
        },
    )
