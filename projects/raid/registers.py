"""The risk and issue registers a page shows: a project's own; a programme's own with
its projects' escalated to it; a strategy's own with its programmes' and everything
escalated to its board. Each list in one query (tests/test_query_counts.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from programmes.models import Programme, Strategy

from ..models import Issue, Project, Risk

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class RaidRegisters:
    risks: list[Risk]
    issues: list[Issue]
    add_query: str  # how the add links name the page's project, programme or strategy
    may_add: bool
    today: date

    @property
    def open_risks(self) -> int:
        return sum(1 for risk in self.risks if risk.is_open)

    @property
    def open_issues(self) -> int:
        return sum(1 for issue in self.issues if issue.is_open)


def _on_page(holder: Project | Programme | Strategy) -> Q:
    if isinstance(holder, Project):
        return Q(project=holder)
    if isinstance(holder, Programme):
        return Q(programme=holder) | Q(project__programme=holder, escalated_to__gt="")
    return (
        Q(strategy=holder)
        | Q(programme__strategy=holder)
        | Q(project__programme__strategy=holder, escalated_to="board")
    )


def _listed(entries: Any) -> list[Any]:
    """Open before closed; those with the board, then those with the programme; then by
    reference."""
    return list(
        entries.for_register()
        .annotate(
            closed=Case(
                When(status="open", then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            height=Case(
                When(escalated_to="board", then=Value(0)),
                When(escalated_to="programme", then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .order_by("closed", "height", "reference", "pk")
    )


def raid_registers(
    holder: Project | Programme | Strategy,
    *,
    user: User | AnonymousUser,
    today: date,
) -> RaidRegisters:
    where = _on_page(holder)
    kind = type(holder).__name__.lower()
    return RaidRegisters(
        risks=_listed(Risk.objects.filter(where)),
        issues=_listed(Issue.objects.filter(where)),
        add_query=f"{kind}={holder.pk}",
        may_add=user.has_perm("projects.add_raid_to", holder),
        today=today,
    )


def risks_in_scope(holder: Project | Programme | Strategy) -> QuerySet[Risk]:
    """Every risk a page's heat map counts: at every level of its scope."""
    if isinstance(holder, Project):
        return Risk.objects.filter(project=holder)
    if isinstance(holder, Programme):
        return Risk.objects.in_programme(holder)
    return Risk.objects.in_strategy(holder)
