"""The contract change register: every change with its status, impact and decision, and
how many changes are at each status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from contracts.models import ChangeStatus
from contracts.models.changes import ContractChangeQuerySet
from contracts.summaries import StatusCount, changes_by_status
from core.frozen_rows import FrozenRows


@dataclass(frozen=True)
class ChangeRow:
    reference: str
    title: str
    status: str
    category: str
    councils: str
    impact: str
    projects: list[str]
    decision: str


@dataclass(frozen=True)
class ChangeRegister(FrozenRows):
    rows: list[ChangeRow]
    counts: list[StatusCount]  # statuses with at least one change, in lifecycle order

    @classmethod
    def build(cls, changes: ContractChangeQuerySet, as_at: date) -> Self:
        """The changes raised by the end of `as_at`, at the status each had then."""
        changes = changes.with_status_then(as_at).exclude(status_then=None)  # type: ignore[misc]  # stubs miss annotations
        rows = []
        for change in changes.for_register(as_at=as_at).order_by(
            "status_order", "reference", "title"
        ):
            decided = change.decision_date.strftime("%d/%m/%Y") if change.decision_date else ""
            rows.append(
                ChangeRow(
                    reference=change.reference,
                    title=change.title,
                    status=ChangeStatus(change.status_then).label,  # type: ignore[attr-defined]  # annotated: stubs cannot see
                    category=change.get_category_display(),
                    councils=", ".join(c.code for c in change.councils_affected.all()),
                    impact=change.financial_impact,
                    projects=[str(p) for p in change.projects.all()],
                    decision=", ".join(part for part in (change.decision_maker, decided) if part),
                )
            )
        counts = [row for row in changes_by_status(changes, as_at=as_at) if row.count]
        return cls(rows=rows, counts=counts)
