"""`?as_at=YYYY-MM-DD`: the portal as it stood at the end of that day, as the
dashboard's as-at view reads it. A day the API cannot use is a 400 saying why, never a
quiet fall back to today (tests/test_api.py)."""

from __future__ import annotations

from datetime import date

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from core.query_params import EARLIEST_DAY


def as_at_param(request: Request, today: date) -> date:
    raw = request.query_params.get("as_at", "")
    if not raw:
        return today
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({"as_at": ["Write the day as 2024-03-31."]}) from None
    if not EARLIEST_DAY <= day <= today:
        raise ValidationError(
            {"as_at": [f"Choose a day from {EARLIEST_DAY:%d/%m/%Y} to today ({today:%d/%m/%Y})."]}
        )
    return day
