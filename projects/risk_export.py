"""The portal layout's "Risks" sheet: the risks of the exported projects, of their
programmes and of their strategies, in the columns the import reads back
(projects/tracker/risk_sheet.py), so exporting and importing again plans no change
(tests/test_risk_register_import.py). A rating is written as likelihood and impact
where scored; "Initial rating" and "Current rating" hold only the words a register
printed instead."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from core.workbooks import SheetWriter

from .models import Project, Risk
from .tracker.risk_sheet import EXPORTED

WIDTHS = {"Project": 40, "Title": 40, "Event": 50, "Cause": 40, "Effect": 40, "Programme": 28}


def _keeper_columns(risk: Risk) -> list[str]:
    if risk.project is not None:
        project = risk.project
        programme = project.programme
        return [programme.strategy.title, programme.name, project.reference, project.name]
    if risk.programme is not None:
        return [risk.programme.strategy.title, risk.programme.name, "", ""]
    assert risk.strategy is not None  # one of the three: the check constraint
    return [risk.strategy.title, "", "", ""]


def write_risk_sheet(book: Any, projects: QuerySet[Project]) -> SheetWriter:
    sheet = SheetWriter(book, "Risks", [heading for heading, _ in EXPORTED], widths=WIDTHS)
    risks = (
        Risk.objects.filter(
            Q(project__in=projects.values("pk"))
            | Q(programme__in=projects.values("programme_id"))
            | Q(strategy__in=projects.values("programme__strategy_id"))
        )
        .select_related("owner", "project__programme__strategy", "programme__strategy", "strategy")
        .order_by(
            "strategy__order",
            "programme__strategy__order",
            "project__programme__strategy__order",
            "project__programme__order",
            "project__order",
            "reference",
            "pk",
        )
    )
    responses = dict(Risk.Response.choices)
    statuses = dict(Risk.Status.choices)
    for risk in risks:
        values = {
            "owner": risk.owner.name if risk.owner else "",
            "response": responses[risk.response] if risk.response else "",
            "status": statuses[risk.status],
        }
        sheet.row(
            [
                *_keeper_columns(risk),
                *(
                    values[field] if field in values else getattr(risk, field)
                    for _, field in EXPORTED[4:]
                ),
            ]
        )
    return sheet
