"""The dashboard's KPIs: each with its latest actual and the RAG worked out from it
against the target, in the strategy's own RAG key (tests/test_kpis.py)."""

from __future__ import annotations

from dataclasses import dataclass

from programmes.models import Kpi, KpiActual, RagLevel, Strategy


@dataclass(frozen=True)
class KpiRow:
    kpi: Kpi
    latest: KpiActual | None
    level: RagLevel | None  # the key's level for the worked-out RAG, if the key has one
    rag_code: str  # G, A or R; "" with no actual yet

    @property
    def latest_shown(self) -> str:
        return self.kpi.shown(self.latest.value) if self.latest else ""


def kpi_rows(strategy: Strategy, levels: list[RagLevel]) -> list[KpiRow]:
    by_code = {level.code: level for level in levels}
    rows = []
    for kpi in Kpi.objects.of_strategy(strategy):
        latest = next(iter(kpi.actuals.all()), None)
        code = kpi.rag_of(latest.value) if latest else ""
        rows.append(KpiRow(kpi, latest, by_code.get(code), code))
    return rows
