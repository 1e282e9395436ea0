"""Words and rules the project models share: delivery statuses and how a due
date is read (the forecast, else the baseline)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Self

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from simple_history.manager import HistoricalQuerySet
from simple_history.models import HistoricalRecords

LATEST_FIRST = ("-reported_on", "-created_at", "-pk")


class DeliveryStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    STARTED = "started", "Started"
    PAUSED = "paused", "Paused"
    COMPLETE = "complete", "Complete"


class MilestoneStatus(models.TextChoices):
    """A milestone's statuses: a project's, and Withdrawn, which only a milestone takes
    (with a reason, on its own page) and which counts as neither open nor done."""

    NOT_STARTED = DeliveryStatus.NOT_STARTED.value, DeliveryStatus.NOT_STARTED.label
    STARTED = DeliveryStatus.STARTED.value, DeliveryStatus.STARTED.label
    PAUSED = DeliveryStatus.PAUSED.value, DeliveryStatus.PAUSED.label
    COMPLETE = DeliveryStatus.COMPLETE.value, DeliveryStatus.COMPLETE.label
    WITHDRAWN = "withdrawn", "Withdrawn"


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


class AsOfQuerySet(HistoricalQuerySet):
    """A history read as at a moment, through simple-history's `historical_queryset`.

    A row's last record on or before the moment is the one no later record of the row
    replaces; a creation record ("+") is always its row's first (every deletion writes a
    "-" record first, so a row made again after one is a new life), so it never replaces
    another and is left out of that question. PostgreSQL then hashes only the edits and
    deletions, not every record up to the moment (README, Benchmarks).
    Guarded by tests/test_current_rag.py and tests/test_dashboard.py (as-at views)."""

    def latest_of_each(self) -> Self:
        later_records = self.filter(
            Q(**{self._pk_attr: OuterRef(self._pk_attr)}),
            Q(history_date__gt=OuterRef("history_date")),
        ).exclude(history_type="+")
        return self.filter(~Exists(later_records))


class ReadAsOfHistory(HistoricalRecords):
    """An audit trail that is read "as at" a day (the dashboard's as-at view): each
    row's last record on or before a moment is found by asking, for every record,
    whether the same row has a later one. An index on (row id, history date, history id) answers
    that from the index alone; simple-history's own index on the id alone made SQLite
    fetch every record of the row from the table to read its date. `indexes`: more
    indexes for the records, for what the as-at view filters them by."""

    def __init__(self, *args: Any, indexes: Iterable[models.Index] = (), **kwargs: Any) -> None:
        kwargs.setdefault("historical_queryset", AsOfQuerySet)
        super().__init__(*args, **kwargs)
        self.extra_indexes = tuple(indexes)

    def get_meta_options(self, model: type[models.Model]) -> dict[str, Any]:
        options = super().get_meta_options(model)
        options["indexes"] = (
            *options.get("indexes", ()),
            # history_id too: the as-of lookup orders a row's records by date, then id,
            # and with it in the index PostgreSQL no longer sorts for each row (README,
            # Benchmarks).
            models.Index(
                fields=(model._meta.pk.attname, "history_date", "history_id"),
                name=f"hist_{model._meta.model_name}_as_of",
            ),
            # The "is there a later record" question reads edits and deletions only
            # (AsOfQuerySet): indexed apart, PostgreSQL reads them from this index
            # rather than every record of the table (README, Benchmarks).
            models.Index(
                fields=(model._meta.pk.attname, "history_date"),
                condition=~Q(history_type="+"),
                name=f"hist_{model._meta.model_name}_edits",
            ),
            *self.extra_indexes,
        )
        return options
