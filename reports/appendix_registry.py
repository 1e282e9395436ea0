"""The appendices a cabinet report can carry, in the order they are lettered.

Each entry names its key (stored in `Report.appendices` and in an issued snapshot as
the appendix's `kind`), the title it is printed under, the label of its box on the
report form, whether a new report has it, its panel (the typed rows, dashboards/panels/,
which the snapshot stores as JSON and reads back), how the panel is built for a report,
and the partial that draws it. A new appendix is one panel, one `register(...)` here and
one partial: no migration (tests/test_report_appendices.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from contracts.models import ContractChange
from contracts.summaries import PlanSummary
from core.rag_ref import RagRef
from dashboards.panels import Panel
from dashboards.panels.change_register import ChangeRegister
from dashboards.panels.exceptions import Exceptions
from dashboards.panels.issue_log import IssueLog
from dashboards.panels.kpis import KpiTable
from dashboards.panels.milestone_changes import MilestoneChanges
from dashboards.panels.milestones_by_quarter import MilestonesByQuarter
from dashboards.panels.rag_summary import RagSummary
from dashboards.panels.risk_register import RiskRegister
from dashboards.panels.status_table import StatusTable
from dashboards.scope import end_of
from programmes.models import RagLevel, RagScale
from projects.benefit_register import BenefitRegister
from projects.money_tables import MoneyTables

if TYPE_CHECKING:
    from contracts.models.changes import ContractChangeQuerySet
    from projects.models.projects import ProjectQuerySet

    from .models import Report


@dataclass(frozen=True)
class ReportScope:
    """What every builder may read: the report, its projects, the day it is as at, the
    RAG levels that need a reason (the Red and Amber of its scale), and every level as
    the report keeps it."""

    report: Report
    projects: ProjectQuerySet
    as_at: date
    flagged_level_ids: list[int]
    levels: Mapping[int, RagRef]


def _raid_scope(scope: ReportScope) -> dict[str, Any]:
    """Whose risks and issues a report reads beside its projects': the programmes
    chosen, else every programme of the strategy (one with no projects included) and
    the strategy's own; a contract's report, its plan items' service areas'."""
    report = scope.report
    chosen = report.programmes.all()
    if report.strategy is None or chosen.exists():
        return {"programmes": chosen}
    return {"programmes": report.strategy.programmes.all(), "strategy": report.strategy}


def _risk_register(scope: ReportScope) -> RiskRegister:
    return RiskRegister.build(scope.projects, scope.as_at, **_raid_scope(scope))


def _issue_log(scope: ReportScope) -> IssueLog:
    return IssueLog.build(scope.projects, scope.as_at, **_raid_scope(scope))


def _kpis(scope: ReportScope) -> KpiTable:
    """The strategy's own KPIs and its programmes' (the chosen programmes' only, where
    the report chose some), with their actuals as they stood at the cut-off; a
    contract's report has none."""
    strategy = scope.report.strategy
    if strategy is None:
        return KpiTable(rows=[])
    levels = RagLevel.objects.filter(scale_id=strategy.rag_scale_id)
    chosen = list(scope.report.programmes.values_list("pk", flat=True))
    return KpiTable.build(strategy, levels, scope.as_at, programmes=chosen or None)


def _benefits(scope: ReportScope) -> BenefitRegister:
    """The benefits of the report's projects and of its programmes (those chosen, else
    the strategy's), as the audit trail had them at the cut-off."""
    return BenefitRegister.build(
        scope.projects, _raid_scope(scope)["programmes"], moment=end_of(scope.as_at)
    )


def _no_scales(data: dict[str, Any]) -> set[int]:
    return set()


@dataclass(frozen=True)
class Appendix:
    key: str
    title: str
    choice_label: str
    chosen_by_default: bool
    panel: type[Panel]
    build: Callable[[ReportScope], Panel]
    partial: str  # draws `panel`; shared with the dashboard's page where it shows the panel
    # The RAG scales its rows name beyond the report's own, whose colours the PDF's
    # stylesheet needs.
    scales_named: Callable[[dict[str, Any]], set[int]] = field(default=_no_scales)
    # With nothing to show, an appendix is not lettered: the body says so in one
    # sentence ("as at" the report's cut-off), rather than a page saying "none"
    # (tests/test_report_layout.py).
    is_empty: Callable[[Any], bool] = field(default=lambda panel: not panel.rows)
    when_empty: str = ""


# Never remove a key: issued reports name their appendices by it and are drawn again from
# their snapshots (tests/test_report_snapshots.py).
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
    return {plan["scale"]["pk"] for plan in data["plans"] if plan["scale"]}


def _previous_cut_off(scope: ReportScope) -> datetime | None:
    previous = scope.report.previous_cut_off(before=scope.as_at)
    return end_of(previous) if previous else None


def _changes_for(report: Report, projects: ProjectQuerySet) -> ContractChangeQuerySet:
    """The contract's changes, else those of the strategy's councils and projects."""
    if report.contract_id or report.strategy is None:
        return ContractChange.objects.filter(contract_id=report.contract_id)  # type: ignore[misc]  # None: no contract
    return ContractChange.objects.for_strategy(report.strategy, projects)


register(
    Appendix(
        key="status_table",
        title="Programme and project status",
        choice_label="programme and project status",
        chosen_by_default=True,
        panel=StatusTable,
        partial="reports/appendices/status_table.html",
        when_empty="No programmes or projects are recorded as at {day}.",
        build=lambda scope: StatusTable.build(scope.projects, scope.levels, scope.as_at),
    )
)
register(
    Appendix(
        key="rag_summary",
        title="RAG summary",
        choice_label="RAG summary with chart",
        chosen_by_default=True,
        panel=RagSummary,
        partial="reports/appendices/rag_summary.html",
        is_empty=lambda panel: not panel.programmes,
        when_empty="No project has a RAG status as at {day}.",
        build=lambda scope: RagSummary.build(scope.projects, scope.as_at),
    )
)
register(
    Appendix(
        key="milestones_by_quarter",
        title="Milestones by quarter",
        choice_label="milestones by quarter",
        chosen_by_default=True,
        panel=MilestonesByQuarter,
        partial="reports/appendices/milestones_by_quarter.html",
        when_empty="No open milestones are overdue or due in the next four quarters as at {day}.",
        build=lambda scope: MilestonesByQuarter.build(scope.projects, scope.as_at),
    )
)
register(
    Appendix(
        key="milestone_changes",
        title="Milestone changes since the last issued report",
        choice_label="milestone changes since the last issued report",
        chosen_by_default=True,
        panel=MilestoneChanges,
        partial="reports/appendices/milestone_changes.html",
        when_empty="No milestone has moved since the last report.",
        build=lambda scope: MilestoneChanges.build(
            scope.projects, _previous_cut_off(scope), scope.as_at
        ),
    )
)
register(
    Appendix(
        key="exceptions",
        title="Red and Amber exceptions",
        choice_label="red and amber exceptions",
        chosen_by_default=True,
        panel=Exceptions,
        partial="partials/panels/exceptions.html",
        when_empty="No project is Red or Amber as at {day}.",
        build=lambda scope: Exceptions.build(
            scope.projects, scope.flagged_level_ids, scope.as_at, scope.levels
        ),
    )
)
register(
    Appendix(
        key="change_register",
        title="Contract change register",
        choice_label="contract change register",
        chosen_by_default=False,
        panel=ChangeRegister,
        partial="partials/panels/change_register.html",
        when_empty="No contract change had been raised by {day}.",
        build=lambda scope: ChangeRegister.build(
            _changes_for(scope.report, scope.projects), scope.as_at
        ),
    )
)
register(
    Appendix(
        key="plan_summary",
        title="Contract annual plan summary",
        choice_label="contract annual plan summary",
        chosen_by_default=False,
        panel=PlanSummary,
        partial="partials/panels/plan_summary.html",
        is_empty=lambda panel: not panel.plans,
        when_empty="No contract annual plan had been approved by {day}.",
        build=lambda scope: PlanSummary.build(scope.report.contract, scope.as_at),
        scales_named=_plan_scales,
    )
)
register(
    Appendix(
        key="risk_register",
        title="Risk register",
        choice_label="risk register",
        chosen_by_default=False,
        panel=RiskRegister,
        partial="reports/appendices/risk_register.html",
        when_empty="No risks are recorded as at {day}.",
        build=_risk_register,
    )
)
register(
    Appendix(
        key="issue_log",
        title="Issues log",
        choice_label="issues log",
        chosen_by_default=False,
        panel=IssueLog,
        partial="reports/appendices/issue_log.html",
        when_empty="No issues are recorded as at {day}.",
        build=_issue_log,
    )
)
register(
    Appendix(
        key="money",
        title="Money: spend against budget, savings and council shares",
        choice_label="money: spend against budget, savings and council shares",
        chosen_by_default=False,
        panel=MoneyTables,
        partial="partials/panels/money.html",
        is_empty=lambda panel: not (panel.rows or panel.savings or panel.shares or panel.life),
        when_empty="No budgets, spend or savings are recorded for the year of {day}.",
        build=lambda scope: MoneyTables.build(
            scope.projects,
            strategy=scope.report.strategy,
            contract=scope.report.contract,
            as_at=scope.as_at,
        ),
        scales_named=_financial_scale,
    )
)
register(
    Appendix(
        key="kpis",
        title="Performance indicators",
        choice_label="performance indicators: KPIs against their targets, with their trends",
        chosen_by_default=False,
        panel=KpiTable,
        partial="partials/panels/kpis.html",
        when_empty="No performance indicators are recorded as at {day}.",
        build=_kpis,
    )
)
register(
    Appendix(
        key="benefits",
        title="Benefits register",
        choice_label="benefits register: what the programmes are to achieve, and how far",
        chosen_by_default=False,
        panel=BenefitRegister,
        partial="reports/appendices/benefits.html",
        when_empty="No benefits are recorded as at {day}.",
        build=_benefits,
    )
)
