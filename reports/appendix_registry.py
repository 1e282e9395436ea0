"""The appendices a cabinet report can carry, in the order they are lettered.

Each entry names its key (stored in `Report.appendices` and in an issued snapshot as
the appendix's `kind`), the title it is printed under, the label of its box on the
report form, whether a new report has it, the builder that reads the live data into
JSON-ready rows, and the partial that draws those rows. A new appendix is one builder,
one `register(...)` here and one partial: no migration (tests/test_reports.py,
test_appendices_are_lettered_in_the_registrys_order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from programmes.models import RagScale

from . import appendices

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from projects.models import Project

    from .models import Report


@dataclass(frozen=True)
class ReportScope:
    """What every builder may read: the report, its projects, the day it is as at, and
    the RAG levels that need a reason (the Red and Amber of its scale)."""

    report: Report
    projects: QuerySet[Project]
    as_at: date
    flagged_level_ids: list[int]


def _no_scales(data: dict[str, Any]) -> set[int]:
    return set()


@dataclass(frozen=True)
class Appendix:
    key: str
    title: str
    choice_label: str
    chosen_by_default: bool
    build: Callable[[ReportScope], dict[str, Any]]
    # The RAG scales its rows name beyond the report's own, so the snapshot carries them.
    scales_named: Callable[[dict[str, Any]], set[int]] = field(default=_no_scales)

    @property
    def partial(self) -> str:
        return f"reports/appendices/{self.key}.html"


APPENDICES: dict[str, Appendix] = {}


def register(appendix: Appendix) -> None:
    APPENDICES[appendix.key] = appendix


def chosen_by_default() -> list[str]:
    return [key for key, appendix in APPENDICES.items() if appendix.chosen_by_default]


def in_letter_order(keys: list[str]) -> list[Appendix]:
    """The chosen appendices in the registry's order; keys no longer registered are
    left out."""
    chosen = set(keys)
    return [appendix for key, appendix in APPENDICES.items() if key in chosen]


def _financial_scale(data: dict[str, Any]) -> set[int]:
    return set(RagScale.objects.filter(slug="financial").values_list("pk", flat=True))


def _plan_scales(data: dict[str, Any]) -> set[int]:
    return {plan["scale"] for plan in data["plans"] if plan["scale"]}


register(
    Appendix(
        key="status_table",
        title="Programme and project status",
        choice_label="programme and project status",
        chosen_by_default=True,
        build=lambda scope: appendices.status_table(scope.projects),
    )
)
register(
    Appendix(
        key="rag_summary",
        title="RAG summary",
        choice_label="RAG summary with chart",
        chosen_by_default=True,
        build=lambda scope: appendices.rag_summary(scope.projects),
    )
)
register(
    Appendix(
        key="milestones_by_quarter",
        title="Milestones by quarter",
        choice_label="milestones by quarter",
        chosen_by_default=True,
        build=lambda scope: appendices.milestones_by_quarter(scope.projects, scope.as_at),
    )
)
register(
    Appendix(
        key="milestone_changes",
        title="Milestone changes since the last issued report",
        choice_label="milestone changes since the last issued report",
        chosen_by_default=True,
        build=lambda scope: appendices.milestone_changes(
            scope.projects, scope.report.previous_issue_at(), scope.as_at
        ),
    )
)
register(
    Appendix(
        key="exceptions",
        title="Red and Amber exceptions",
        choice_label="red and amber exceptions",
        chosen_by_default=True,
        build=lambda scope: appendices.exceptions(
            scope.projects, scope.flagged_level_ids, scope.as_at
        ),
    )
)
register(
    Appendix(
        key="change_register",
        title="Contract change register",
        choice_label="contract change register",
        chosen_by_default=False,
        build=lambda scope: appendices.change_register(
            appendices.changes_for(scope.report, scope.projects)
        ),
    )
)
register(
    Appendix(
        key="plan_summary",
        title="Contract annual plan summary",
        choice_label="contract annual plan summary",
        chosen_by_default=False,
        build=lambda scope: (
            appendices.plan_summary(scope.report.contract)
            if scope.report.contract_id
            else {"plans": []}
        ),
        scales_named=_plan_scales,
    )
)
register(
    Appendix(
        key="risk_register",
        title="Risk register",
        choice_label="risk register",
        chosen_by_default=False,
        build=lambda scope: appendices.risk_register(scope.projects),
    )
)
register(
    Appendix(
        key="money",
        title="Money: spend against budget, savings and council shares",
        choice_label="money: spend against budget, savings and council shares",
        chosen_by_default=False,
        build=lambda scope: appendices.money(
            scope.projects,
            strategy=scope.report.strategy,
            contract=scope.report.contract,
            as_at=scope.as_at,
        ),
        scales_named=_financial_scale,
    )
)
