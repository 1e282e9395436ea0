"""Everything a report prints, read from the live data into one JSON-ready dict.

Issuing stores this dict beside the PDF: the report can be rendered again from it
and say the same, whatever has happened to the projects since.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
from django.utils import timezone

from core.frozen_rows import to_json
from core.rag_ref import RagRef, ScaleRef
from dashboards.panels.lead_figures import LeadFigures
from dashboards.scope import end_of
from programmes.models import RagLevel, RagScale
from projects.models import Project

from .appendix_registry import ReportScope, in_letter_order
from .models import SECTIONS, Action, Decision, Report

if TYPE_CHECKING:
    from projects.models.projects import ProjectQuerySet

# 2: rows carry their RAG levels and typed values (dashboards/panels/); 1 named levels
# by id. reports/snapshot_versions.py reads version 1.
SNAPSHOT_VERSION = 2
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def projects_in_scope(report: Report, as_at: date) -> ProjectQuerySet:
    """The strategy's projects (or the chosen programmes'), else the contract's plan
    items: those the portal knew of by the end of `as_at`, so a project added later never
    moves an issued report (tests/test_report_cut_off.py)."""
    if report.strategy_id:
        projects = Project.objects.filter(programme__strategy_id=report.strategy_id)
        chosen = list(report.programmes.values_list("pk", flat=True))
        projects = projects.filter(programme__in=chosen) if chosen else projects
    else:
        projects = Project.objects.filter(programme__strategy__contract=report.contract)
    added_later = Project.history.filter(history_type="+", history_date__gt=end_of(as_at))
    return projects.exclude(pk__in=added_later.values("id"))


def report_scale(report: Report) -> RagScale | None:
    if report.strategy is not None:
        return report.strategy.rag_scale
    assert report.contract is not None  # Report.clean: a strategy or a contract
    if report.contract.rag_scale_id:
        return report.contract.rag_scale
    plan = report.contract.plans.select_related("rag_scale").first()
    return plan.rag_scale if plan else None


def councils_of(report: Report) -> list[str]:
    if report.strategy is not None:
        return list(report.strategy.organisations.values_list("name", flat=True))
    assert report.contract is not None
    return list(report.contract.partner_councils().values_list("name", flat=True))


def _every_scale() -> dict[int, ScaleRef]:
    """{scale id: the scale as a report keeps it}, every scale read in one query: rows keep
    the level they are at, whichever scale it is on (a contract's plan items are on their
    plan's scale: tests/test_report_appendices.py,
    test_a_contract_reports_status_table_shows_plan_items_at_their_plans_levels)."""
    scales: dict[int, tuple[str, list[RagRef]]] = {}
    for level in RagLevel.objects.select_related("scale").order_by("scale__pk", "order"):
        scales.setdefault(level.scale_id, (level.scale.name, []))[1].append(RagRef.of_level(level))
    return {
        pk: ScaleRef(pk=pk, name=name, levels=tuple(levels))
        for pk, (name, levels) in scales.items()
    }


def _scales(every: dict[int, ScaleRef], scale_ids: set[int]) -> dict[str, Any]:
    """{scale id as text: the scale as the report keeps it} of the chosen scales."""
    chosen = sorted((s for pk, s in every.items() if pk in scale_ids), key=lambda s: s.name)
    return {str(scale.pk): to_json(scale) for scale in chosen}


# What a clerk typed to number a paragraph or name an appendix: the portal does both.
TYPED_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")
TYPED_APPENDIX = re.compile(r"^\s*(appendix|annex)\s+[A-Z0-9]+\s*[:.–-]?\s*", re.IGNORECASE)


def paragraphs_of(text: str) -> list[str]:
    """The text's paragraphs (one a line), without the numbers a clerk typed before
    them ("1. To enable…"); lettered recommendations keep their letters."""
    lines = (line.strip() for line in text.splitlines())
    return [TYPED_NUMBER.sub("", line) or line for line in lines if line]


def clerks_appendices(report: Report) -> list[str]:
    lines = (line.strip() for line in report.other_appendices.splitlines())
    return [TYPED_APPENDIX.sub("", line) or line for line in lines if line]


def in_words(day: date) -> str:
    return f"{day:%-d %B %Y}"


def last_meeting_outcomes(report: Report, as_at: date) -> dict[str, list[dict[str, Any]]]:
    """What the last meeting on the report's subject decided, and every action on the
    subject still open, as recorded by the report's cut-off: the next report opens with
    them (tests/test_decisions.py). Read as values: records rebuilt from the audit trail
    keep no related rows."""
    before = report.first_meeting_date()
    moment = end_of(as_at)
    subject = {"report__strategy_id": report.strategy_id, "report__contract_id": report.contract_id}
    # Every earlier decision on the subject (a few a meeting), latest meeting first: those
    # of the report that went to it are the last meeting's.
    earlier = list(
        Decision.history.as_of(moment)
        .filter(**subject, meeting__date__lt=before)
        .exclude(report_id=report.pk)
        .values(
            "report_id", "number", "recommendation", "outcome", "amended_words",
            "meeting__date", "meeting__body__name",
        )
        .order_by("-meeting__date", "meeting__body__name", "number")
    )  # fmt: skip
    last = earlier[0]["report_id"] if earlier else None
    decisions = sorted(
        (d for d in earlier if d["report_id"] == last),
        key=lambda d: (d["meeting__date"], d["meeting__body__name"], d["number"]),
    )
    # Open at the cut-off: marking one done later never moves an issued report.
    actions = (
        Action.history.as_of(moment)
        .filter(**subject, meeting__date__lt=before)
        .exclude(report_id=report.pk)
        .exclude(status=Action.Status.DONE)
        .values(
            "description", "owner__name", "due", "status", "meeting__date",
            "meeting__body__name",
        )
        .order_by("due", "id")
    )  # fmt: skip
    return {
        "decisions": [
            {
                "meeting": f"{d['meeting__body__name']}, {in_words(d['meeting__date'])}",
                "number": d["number"],
                "recommendation": d["recommendation"],
                "decision": Decision.Outcome(d["outcome"]).label,
                "words": d["amended_words"],
            }
            for d in decisions
        ],
        "actions": [
            {
                "action": a["description"],
                "owner": a["owner__name"],
                "due": in_words(a["due"]) if a["due"] else "",
                "status": Action.Status(a["status"]).label,
                "meeting": f"{a['meeting__body__name']}, {in_words(a['meeting__date'])}",
            }
            for a in actions
        ],
    }


def build_snapshot(report: Report, *, now: datetime | None = None) -> dict[str, Any]:
    now = timezone.localtime(now or timezone.now())
    # Read once: the cut-off and the last meeting's decisions both start from them.
    prefetch_related_objects([report], "meetings")
    # As the data stood at the report's cut-off, whenever it is issued.
    as_at = report.cut_off()
    projects = projects_in_scope(report, as_at)
    scale = report_scale(report)
    every = _every_scale()
    scales = _scales(every, {scale.pk} if scale else set())
    flagged = [level.pk for level in every[scale.pk].levels if level.needs_reason] if scale else []
    levels = {level.pk: level for s in every.values() for level in s.levels}
    scope = ReportScope(
        report=report,
        projects=projects,
        as_at=as_at,
        flagged_level_ids=flagged,
        levels=levels,
    )
    built, left_out = [], []
    letters = iter(LETTERS)
    for appendix in in_letter_order(report.appendices):
        panel = appendix.build(scope)
        if appendix.is_empty(panel):
            left_out.append(
                {
                    "title": appendix.title,
                    "sentence": appendix.when_empty.format(day=in_words(as_at)),
                }
            )
            continue
        data = panel.to_json()
        named = appendix.scales_named(data) - set(map(int, scales))
        if named:
            scales.update(_scales(every, named))
        built.append(
            {"kind": appendix.key, "letter": next(letters), "title": appendix.title, "data": data}
        )
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
            "meetings": [
                {
                    "body": link.meeting.body.name,
                    "date": link.meeting.date.isoformat(),
                    "portfolio_holders": link.portfolio_holders,
                }
                for link in report.meeting_links.select_related("meeting__body")
            ],
            "data_as_at": as_at.isoformat(),
        },
        # Numbered by the portal, 1, 1.1, 1.2 …: the clerk types no numbers.
        "numbered": True,
        "sections": [
            {
                "heading": heading,
                "text": getattr(report, field),
                "paragraphs": paragraphs_of(getattr(report, field)),
            }
            for field, heading in SECTIONS
            if getattr(report, field).strip()
        ],
        # The clerk's own appendices, lettered after the portal's.
        "other_appendices": [
            f"Appendix {letter}: {title}"
            for letter, title in zip(letters, clerks_appendices(report), strict=False)
        ],
        "left_out": left_out,
        # The figures the strategy leads with, under the cover.
        "lead_figures": (
            LeadFigures.build(report.strategy, projects, as_at).to_json()
            if report.strategy is not None
            else {"rows": []}
        ),
        "last_meeting": last_meeting_outcomes(report, as_at),
        "background_papers": report.background_papers,
        "scale": str(scale.pk) if scale else None,
        "scales": scales,
        "appendices": built,
    }
