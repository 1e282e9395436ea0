"""The data of each appendix a report can carry, as plain JSON-ready values.

Each builder reads the live models once, in a fixed number of queries, and returns
rows of strings, numbers and RAG level ids: the snapshot an issued report keeps,
so the PDF can be rendered again from it years later and say the same thing.
"""

from django.db.models import Count, Q

from contracts.models import ContractChange
from contracts.summaries import changes_by_status, plan_summaries
from core.calendar import financial_year_label, quarter_of
from dashboards.changes import latest_updates
from programmes.models import Strategy
from projects.finance import money_for_year
from projects.models import OPEN_STATUSES, Milestone, Risk

QUARTERS_AHEAD = 4
COMMENT_LIMIT = 600


def _day(value):
    return value.isoformat() if value else None


def _clip(text, limit=COMMENT_LIMIT):
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_table(projects):
    """The Annex B table: programme, project, sponsor, project manager, status, RAG."""
    rows = (
        projects.select_related("programme", "sponsor", "manager")
        .with_current_rag()
        .order_by("programme__order", "programme__name", "order", "name")
    )
    return {
        "rows": [
            {
                "programme": p.programme.name,
                "project": str(p),
                "sponsor": str(p.sponsor or "–"),
                "manager": str(p.manager or "TBC"),
                "status": p.get_lifecycle_status_display(),
                "rag": p.current_rag_id,
            }
            for p in rows
        ]
    }


def rag_summary(projects):
    counts = {}
    names = {}
    for row in (
        projects.with_current_rag()
        .values("programme_id", "programme__name", "programme__order", "current_rag_id")
        .annotate(n=Count("id"))
        .order_by("programme__order", "programme__name")
    ):
        names[row["programme_id"]] = row["programme__name"]
        by_level = counts.setdefault(row["programme_id"], {})
        by_level[row["current_rag_id"]] = row["n"]
    return {
        "programmes": [
            {"name": names[pk], "counts": {str(level): n for level, n in by_level.items()}}
            for pk, by_level in counts.items()
        ]
    }


def milestones_by_quarter(projects, as_at):
    """Open milestones, overdue then this quarter and the next three, one row a project
    with a column a quarter, as the 12-month action plan laid them out."""
    quarters = [quarter_of(as_at)]
    while len(quarters) < QUARTERS_AHEAD:
        quarters.append(quarters[-1].following())
    last = quarters[-1].end
    milestones = (
        Milestone.objects.filter(project__in=projects, delivery_status__in=OPEN_STATUSES)
        .select_related("project")
        .order_by("project__programme__order", "project__order", "project__name", "order")
    )
    rows = {}
    for m in milestones:
        due = m.due_date
        if due is None or due > last:
            continue
        column = (
            0 if due < as_at else 1 + next(i for i, q in enumerate(quarters) if q.contains(due))
        )
        row = rows.setdefault(
            m.project_id,
            {"project": str(m.project), "cells": [[] for _ in range(1 + len(quarters))]},
        )
        row["cells"][column].append({"milestone": m.title, "due": _day(due)})
    for row in rows.values():
        for cell in row["cells"]:
            cell.sort(key=lambda item: item["due"])
    return {
        "columns": ["Overdue"] + [q.label for q in quarters],
        "rows": list(rows.values()),
    }


def milestone_changes(projects, since, as_at):
    """Milestones whose forecast moved after `since` (a datetime; None: since the
    baseline): baseline against forecast, with the reason the officer gave."""
    milestones = (
        Milestone.objects.filter(project__in=projects)
        .exclude(forecast_date=None)
        .select_related("project")
        .order_by("project__name", "order")
    )
    if since is not None:
        # The forecast each milestone had then, from the audit trail: one query.
        then = dict(
            Milestone.history.as_of(since)
            .filter(project_id__in=projects.values("pk"))
            .values_list("id", "forecast_date")
        )
        moved = [m for m in milestones if m.pk in then and then[m.pk] != m.forecast_date]
    else:
        moved = [m for m in milestones if m.forecast_date != m.baseline_date]
    updates = latest_updates({m.project_id for m in moved}, as_at)
    rows = []
    for m in moved:
        update = updates.get(m.project_id)
        rows.append(
            {
                "project": str(m.project),
                "milestone": m.title,
                "baseline": _day(m.baseline_date),
                "forecast": _day(m.forecast_date),
                "days": m.slippage_days,
                "reason": _clip(update.issues or update.progress) if update else "",
            }
        )
    return {"since": since.isoformat() if since else None, "rows": rows}


def exceptions(projects, flagged_level_ids, as_at):
    flagged = list(
        projects.with_current_rag()
        .with_current_rag_order()
        .filter(current_rag_id__in=flagged_level_ids)
        .select_related("programme")
        .order_by("current_rag_order", "programme__order", "order", "name")
    )
    newest = latest_updates([p.pk for p in flagged], as_at)
    rows = []
    for p in flagged:
        update = newest.get(p.pk)
        rows.append(
            {
                "project": str(p),
                "programme": p.programme.name,
                "rag": p.current_rag_id,
                "reported_on": _day(p.last_reported_on),
                "issues": _clip(update.issues) if update else "",
                "progress": _clip(update.progress) if update else "",
                "next_steps": _clip(update.next_steps, 300) if update else "",
            }
        )
    return {"rows": rows}


def change_register(changes):
    rows = []
    for change in changes.for_register().order_by("status_order", "reference", "title"):
        rows.append(
            {
                "reference": change.reference,
                "title": change.title,
                "status": change.status_label,
                "category": change.get_category_display(),
                "councils": ", ".join(c.code for c in change.councils_affected.all()),
                "impact": change.financial_impact,
                "projects": [str(p) for p in change.projects.all()],
                "decision": ", ".join(
                    part
                    for part in (
                        change.decision_maker,
                        change.decision_date.strftime("%d/%m/%Y") if change.decision_date else "",
                    )
                    if part
                ),
            }
        )
    counts = changes_by_status(changes)
    return {
        "rows": rows,
        "counts": [{"label": row.label, "count": row.count} for row in counts if row.count],
    }


def plan_summary(contract):
    plans = Strategy.objects.filter(contract=contract).for_dashboard()
    result = []
    for summary in plan_summaries(plans):
        result.append(
            {
                "title": summary.plan.title,
                "scale": summary.plan.rag_scale_id,
                "areas": [
                    {
                        "name": area.name,
                        "parts": parts,
                        "counts": [row.count for row in counts],
                        "total": total,
                    }
                    for area, parts, counts, total in summary.part_rows()
                ],
                "total": summary.total,
            }
        )
    return {"plans": result}


def risk_register(projects):
    programmes = projects.values("programme_id")
    risks = Risk.objects.filter(
        Q(project__in=projects) | Q(programme__in=programmes)
    ).select_related("project", "programme")
    rows = []
    for risk in risks.order_by("reference", "pk"):
        initial, residual = risk.initial_rating, risk.residual_rating
        rows.append(
            {
                "reference": risk.reference,
                "description": risk.description,
                "project": str(risk.project) if risk.project_id else str(risk.programme),
                "owner": risk.owner,
                "initial": " – ".join(str(part) for part in initial if part),
                "controls": _clip(risk.controls, 400),
                "residual": " – ".join(str(part) for part in residual if part),
                "status": risk.get_status_display(),
            }
        )
    return {"rows": rows}


def changes_for(report, projects):
    if report.contract_id:
        return ContractChange.objects.filter(contract_id=report.contract_id)
    return ContractChange.objects.for_strategy(report.strategy, projects)


def money(projects, *, strategy, contract, as_at):
    """The dashboard's money panels as rows: one financial year (the as-at day's, or the
    nearest with figures), spend with its financial RAG, savings by confidence, shares."""
    money_then = money_for_year(projects, as_at, strategy=strategy, contract=contract)
    if money_then is None:
        return {"year": None, "rows": [], "savings": [], "shares": []}
    year = money_then.year
    spend, spend_total = money_then.spend, money_then.spend_total
    savings, savings_total = money_then.savings, money_then.savings_total
    shares = money_then.shares

    def text(amount):
        return None if amount is None else str(amount)

    return {
        "year": financial_year_label(year),
        "rows": [
            {
                "programme": row.name,
                "budget": text(row.budget),
                "outturn": text(row.outturn),
                "actual": text(row.actual),
                "variance": text(row.variance),
                "rag": row.rag.pk if row.rag else None,
            }
            for row in [*spend, spend_total]
        ],
        "savings": [
            {
                "programme": row.name,
                "target": text(row.target),
                "delivered": text(row.delivered),
                "high": text(row.forecast_high),
                "medium": text(row.forecast_medium),
                "low": text(row.forecast_low),
            }
            for row in ([*savings, savings_total] if savings else [])
        ],
        "shares": [
            {
                "council": share.council.name,
                "percentage": format(share.percentage.normalize(), "f"),
                "cost": text(share.cost),
                "savings": text(share.savings),
            }
            for share in shares.rows
        ],
    }
