"""Words and rules the project models share: delivery statuses and how a due
date is read (the forecast, else the baseline)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

LATEST_FIRST = ("-reported_on", "-created_at", "-pk")


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    STARTED = "started", "Started"
    PAUSED = "paused", "Paused"
    COMPLETE = "complete", "Complete"


OPEN_STATUSES = [
    DeliveryStatus.NOT_STARTED,
    DeliveryStatus.STARTED,
    DeliveryStatus.PAUSED,
]


def overdue_milestone_q(today: date, prefix: str = "") -> models.Q:
    """The overdue rule as a filter: open, and past the forecast (or the baseline when
    there is no forecast). Milestone.is_overdue() is the same rule for one row."""
    return models.Q(**{f"{prefix}delivery_status__in": OPEN_STATUSES}) & (
        models.Q(**{f"{prefix}forecast_date__lt": today})
        | models.Q(**{f"{prefix}forecast_date__isnull": True, f"{prefix}baseline_date__lt": today})
    )


def due_day() -> Coalesce:
    """A milestone's due day in SQL: the forecast, else the baseline. The open milestones
    are indexed by this expression (milestone_open_due), so queries that range over or
    sort by it should build it here."""
    return Coalesce("forecast_date", "baseline_date")


def due_between_q(first: date, last: date, prefix: str = "") -> models.Q:
    """Due (the forecast, else the baseline) between two days, written so the
    database can use its date indexes rather than compute a due date per row."""
    return models.Q(**{f"{prefix}forecast_date__range": (first, last)}) | models.Q(
        **{f"{prefix}forecast_date__isnull": True, f"{prefix}baseline_date__range": (first, last)}
    )


class ReadAsOfHistory(HistoricalRecords):
    """An audit trail that is read "as at" a day (the dashboard's as-at view): each
    row's last record on or before a moment is found by asking, for every record,
    whether the same row has a later one. An index on (row id, history date) answers
    that from the index alone; simple-history's own index on the id alone made SQLite
    fetch every record of the row from the table to read its date. `indexes`: more
    indexes for the records, for what the as-at view filters them by."""

    def __init__(self, *args: Any, indexes: Iterable[models.Index] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra_indexes = tuple(indexes)

    def get_meta_options(self, model: type[models.Model]) -> dict[str, Any]:
        options = super().get_meta_options(model)
        options["indexes"] = (
            *options.get("indexes", ()),
            models.Index(
                fields=(model._meta.pk.attname, "history_date"),
                name=f"hist_{model._meta.model_name}_as_of",
            ),
            *self.extra_indexes,
        )
        return options
