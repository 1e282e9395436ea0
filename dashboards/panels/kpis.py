"""KPIs against their targets, with the trend of their actuals: one panel for the
strategy's dashboard and the report's appendix. The RAG of each actual is worked out
from the target (programmes.models.Kpi.rag_of), never stored, and drawn in the
strategy's key where it has the level (tests/test_kpis.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Self

from django.db.models import Q
from django.utils import timezone

from core.charts import Sparkline, sparkline
from core.frozen_rows import FrozenRows
from core.rag_ref import RagRef
from programmes.models import KPI_RAG_WORDS, Kpi, KpiActual, RagLevel, Strategy, trend_in_words

from ..scope import end_of

TREND_LENGTH = 8  # the latest actuals a trend shows: two years of a quarterly KPI


@dataclass(frozen=True)
class KpiPoint:
    period_end: date
    value: Decimal
    shown: str  # "93%", "£210k"
    rag_code: str  # G, A or R
    rag: RagRef | None = None

    @property
    def words(self) -> str:
        """What the RAG says of a KPI, not what the strategy's key says of a project."""
        return KPI_RAG_WORDS.get(self.rag_code, "")


@dataclass(frozen=True)
class KpiLine:
    pk: int
    code: str
    name: str
    kept_by: str  # the programme's name; "" for the strategy's own
    frequency: str
    unit: str
    target: Decimal
    target_shown: str
    owner: str
    trend: list[KpiPoint] = field(default_factory=list)  # oldest first

    @property
    def latest(self) -> KpiPoint | None:
        return self.trend[-1] if self.trend else None

    @property
    def chart(self) -> Sparkline | None:
        return sparkline([point.value for point in self.trend], target=self.target)

    @property
    def described(self) -> str:
        """The trend in words, for a screen reader and for the PDF's text."""
        points = [(point.shown, point.period_end) for point in self.trend]
        return trend_in_words(self.code, self.target_shown, points)


@dataclass(frozen=True)
class KpiTable(FrozenRows):
    rows: list[KpiLine]

    @property
    def has_actuals(self) -> bool:
        return any(row.trend for row in self.rows)

    @classmethod
    def build(
        cls,
        strategy: Strategy,
        levels: Iterable[RagLevel],
        as_at: date,
        *,
        programmes: Iterable[int] | None = None,
    ) -> Self:
        """The strategy's KPIs and its programmes' (those of `programmes` only, where
        given), each with its actuals for periods ended by `as_at`. A day gone by reads
        the actuals as the audit trail had them at its end, so one entered or corrected
        later is not shown: three queries then (one, with no KPIs), two for today."""
        by_code = {level.code: level for level in levels}
        read = Kpi.objects.of_strategy(strategy)
        if programmes is not None:
            read = read.filter(Q(strategy=strategy) | Q(programme__in=list(programmes)))
        kpis = list(read)
        then: dict[int, list[Any]] | None = None
        if kpis and as_at < timezone.localdate():
            then = {}
            for record in (
                KpiActual.history.as_of(end_of(as_at))
                .filter(kpi_id__in=[kpi.pk for kpi in kpis], period_end__lte=as_at)
                .order_by("-period_end")
            ):
                then.setdefault(record.kpi_id, []).append(record)
        rows = []
        for kpi in kpis:
            if then is None:
                actuals = [a for a in kpi.actuals.all() if a.period_end <= as_at][:TREND_LENGTH]
            else:
                actuals = then.get(kpi.pk, [])[:TREND_LENGTH]
            rows.append(
                KpiLine(
                    pk=kpi.pk,
                    code=kpi.code,
                    name=kpi.name,
                    kept_by=kpi.programme.name if kpi.programme else "",
                    frequency=kpi.get_frequency_display(),
                    unit=kpi.unit,
                    target=kpi.target,
                    target_shown=kpi.target_shown,
                    owner=kpi.owner.name if kpi.owner else "",
                    trend=[
                        KpiPoint(
                            period_end=actual.period_end,
                            value=actual.value,
                            shown=kpi.shown(actual.value),
                            rag_code=(code := kpi.rag_of(actual.value)),
                            rag=RagRef.of(by_code.get(code)),
                        )
                        for actual in reversed(actuals)
                    ],
                )
            )
        return cls(rows=rows)
