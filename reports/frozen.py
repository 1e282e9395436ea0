"""Everything a report prints, read from the live data into one JSON-ready dict.

Issuing stores this dict beside the PDF: the report can be rendered again from it
and say the same, whatever has happened to the projects since.
"""

from django.utils import timezone

from programmes.models import RagScale
from projects.models import Project

from . import appendices
from .models import APPENDICES, SECTIONS, ReportIssue

SNAPSHOT_VERSION = 1
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def projects_in_scope(report):
    """The strategy's projects (or the chosen programmes'), else the contract's plan items."""
    if report.strategy_id:
        projects = Project.objects.filter(programme__strategy_id=report.strategy_id)
        chosen = list(report.programmes.values_list("pk", flat=True))
        return projects.filter(programme__in=chosen) if chosen else projects
    return Project.objects.filter(programme__strategy__contract_id=report.contract_id)


def report_scale(report):
    if report.strategy_id:
        return report.strategy.rag_scale
    if report.contract.rag_scale_id:
        return report.contract.rag_scale
    plan = report.contract.plans.select_related("rag_scale").first()
    return plan.rag_scale if plan else None


def last_issued_at(report):
    """When the last other report on the same scope was issued (the previous meeting's):
    milestone changes count from then, whichever draft of this one is being issued."""
    issue = (
        ReportIssue.objects.filter(
            report__strategy_id=report.strategy_id,
            report__contract_id=report.contract_id,
            state=ReportIssue.State.ISSUED,
        )
        .exclude(report=report)
        .order_by("-issued_at")
        .first()
    )
    return issue.issued_at if issue else None


def councils_of(report):
    if report.strategy_id:
        names = list(report.strategy.organisations.values_list("name", flat=True))
    else:
        names = list(report.contract.partner_councils().values_list("name", flat=True))
    return names


def financial_scale_id():
    scale = RagScale.objects.filter(slug="financial").values_list("pk", flat=True).first()
    return scale


def _scales(scale_ids):
    scales = RagScale.objects.filter(pk__in=scale_ids).prefetch_related("levels")
    return {
        str(scale.pk): {
            "name": scale.name,
            "levels": [
                {
                    "id": level.pk,
                    "label": level.label,
                    "words": level.words,
                    "colour": level.colour,
                    "text_colour": level.text_colour,
                    "needs_reason": level.needs_reason,
                }
                for level in scale.levels.all()
            ],
        }
        for scale in scales
    }


def build_snapshot(report, *, now=None):
    now = timezone.localtime(now or timezone.now())
    as_at = timezone.localdate(now)
    projects = projects_in_scope(report)
    scale = report_scale(report)
    scales = _scales({scale.pk} if scale else set())
    flagged = [lv["id"] for s in scales.values() for lv in s["levels"] if lv["needs_reason"]]
    builders = {
        "include_status_table": lambda: appendices.status_table(projects),
        "include_rag_summary": lambda: appendices.rag_summary(projects),
        "include_milestones_by_quarter": lambda: appendices.milestones_by_quarter(projects, as_at),
        "include_milestone_changes": lambda: appendices.milestone_changes(
            projects, last_issued_at(report), as_at
        ),
        "include_exceptions": lambda: appendices.exceptions(projects, flagged, as_at),
        "include_change_register": lambda: appendices.change_register(
            appendices.changes_for(report, projects)
        ),
        "include_plan_summary": lambda: (
            appendices.plan_summary(report.contract) if report.contract_id else {"plans": []}
        ),
        "include_risk_register": lambda: appendices.risk_register(projects),
        "include_money": lambda: appendices.money(
            projects, strategy=report.strategy, contract=report.contract, as_at=as_at
        ),
    }
    chosen = [(field, title) for field, title in APPENDICES if getattr(report, field)]
    built = []
    for letter, (field, title) in zip(LETTERS, chosen, strict=False):
        data = builders[field]()
        if field == "include_money":
            scales.update(_scales({financial_scale_id()} - {None} - set(map(int, scales))))
        if field == "include_plan_summary":
            scales.update(_scales({plan["scale"] for plan in data["plans"]} - set(scales)))
        built.append({"kind": field.removeprefix("include_"), "letter": letter, "title": title})
        built[-1]["data"] = data
    return {
        "version": SNAPSHOT_VERSION,
        "generated_at": now.isoformat(),
        "as_at": as_at.isoformat(),
        "report": {
            "title": report.title,
            "committee": report.committee,
            "meeting_date": report.meeting_date.isoformat(),
            "report_of": report.report_of,
            "author": report.author_name,
            "contact": report.contact,
            "cabinet_members": report.cabinet_members,
            "wards_affected": report.wards_affected,
            "exempt": report.get_exempt_paragraph_display() if report.exempt_paragraph else "",
            "councils": councils_of(report),
            "scope": report.scope_name,
        },
        "sections": [
            {"heading": heading, "text": getattr(report, field)}
            for field, heading in SECTIONS
            if getattr(report, field).strip()
        ],
        "other_appendices": [
            line.strip() for line in report.other_appendices.splitlines() if line.strip()
        ],
        "background_papers": report.background_papers,
        "scale": str(scale.pk) if scale else None,
        "scales": scales,
        "appendices": built,
    }
