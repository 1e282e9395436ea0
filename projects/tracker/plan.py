"""What an import will do, item by item (`planner` works it out).

The plan is what the preview shows and what `apply.py` writes, so the two cannot
disagree. Blank cells change nothing, and nothing the sheet does not mention is
deleted: re-importing the same workbook plans no change at all.
"""

import hashlib
import json
from dataclasses import dataclass, field

from programmes.models import Programme, Strategy

from ..models import Milestone, MilestoneStatus, Project, Risk

FIELD_LABELS = {
    "reference": "Reference",
    "description": "Description",
    "plan_part": "Plan part",
    "lifecycle_status": "Status",
    "lead": "Lead",
    "sponsor": "Sponsor",
    "manager": "Project manager",
    "driver": "Driver",
    "resourcing": "Resourcing",
    "funding_approach": "Funding approach",
    "start_date": "Start date",
    "end_date": "End date",
}


CHOICE_FIELDS = {"lifecycle_status", "plan_part"}


@dataclass
class MilestoneChange:
    milestone: Milestone | None  # None: a new milestone
    values: dict
    where: object


@dataclass
class ItemChange:
    item: object
    project: Project | None
    programme: Programme | None
    programme_name: str
    fields: dict = field(default_factory=dict)
    councils: list | None = None
    milestones: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    finance: list = field(default_factory=list)  # (existing line or None, year, values)
    # What the change was worked out from: the project's version and latest update.
    fingerprint: str = ""

    @property
    def action(self):
        if self.project is None:
            return "create"
        changed = self.fields or self.councils is not None or self.milestones
        return "update" if changed or self.updates or self.finance else "unchanged"

    def describe(self):
        """The changes in words, for the preview."""
        lines = []
        for name, value in self.fields.items():
            old = getattr(self.project, name) if self.project else None
            if name in CHOICE_FIELDS and self.project:
                old = getattr(self.project, f"get_{name}_display")()
            label = FIELD_LABELS.get(name, name)
            if self.project:
                lines.append(f"{label}: {_shown(old)} → {_shown(value)}")
        if self.councils is not None:
            lines.append("Councils impacted: " + ", ".join(c.code for c in self.councils))
        new = [m for m in self.milestones if m.milestone is None]
        changed = [m for m in self.milestones if m.milestone is not None]
        if new:
            lines.append(f"{len(new)} new milestone{'s' * (len(new) != 1)}")
        for change in changed:
            fields = ", ".join(
                f"{_milestone_label(name)} {_shown(_stored(change.milestone, name))} → "
                f"{_shown(value)}"
                for name, value in change.values.items()
            )
            lines.append(f"Milestone ‘{change.milestone.title}’: {fields}")
        if self.updates:
            rag = next((u["rag"] for u in reversed(self.updates) if u["rag"]), None)
            lines.append(
                f"{len(self.updates)} new progress update{'s' * (len(self.updates) != 1)}"
                + (f", RAG {rag.label} ({rag.words})" if rag else "")
            )
        for _line, year, values in self.finance:
            lines.append(
                f"Money {year}/{(year + 1) % 100:02d}: "
                + ", ".join(
                    f"{name.replace('_', ' ')} £{value:,.0f}" for name, value in values.items()
                )
            )
        return [line for line in lines if line]


RISK_LABELS = {
    "reference": "reference",
    "title": "title",
    "owner": "owner",
    "cause": "cause",
    "description": "event",
    "effect": "effect",
    "initial_likelihood": "initial likelihood",
    "initial_impact": "initial impact",
    "initial_rating_recorded": "initial rating",
    "residual_likelihood": "current likelihood",
    "residual_impact": "current impact",
    "residual_rating_recorded": "current rating",
    "proximity": "could happen by",
    "response": "response",
    "controls": "controls in place",
    "further_action": "further action",
    "review_on": "next review",
    "status": "status",
}


@dataclass
class RiskChange:
    """A risk register row: a new risk of a project or programme, or changes to one."""

    risk: Risk | None  # None: a new risk
    keeper: Project | Programme | Strategy
    values: dict
    where: object

    @property
    def action(self):
        return "create" if self.risk is None else "update"

    @property
    def fingerprint(self):
        return f"{self.risk.pk}:{self.risk.version}" if self.risk else ""

    def describe(self):
        if self.risk is None:
            return [f"New risk: {self.values.get('title') or self.values.get('description', '')}"]
        return [
            f"{RISK_LABELS.get(name, name).capitalize()}: "
            f"{_risk_shown(name, getattr(self.risk, name))} → {_risk_shown(name, value)}"
            for name, value in self.values.items()
        ]


def _risk_shown(name, value):
    if name == "response" and value:
        return Risk.Response(value).label
    if name == "status" and value:
        return Risk.Status(value).label
    return _shown(value)


def _milestone_label(name):
    return {
        "baseline_date": "baseline",
        "forecast_date": "forecast",
        "completed_on": "completed",
        "due_text": "due",
        "delivery_status": "status",
    }.get(name, name)


def _stored(milestone, name):
    value = getattr(milestone, name)
    return MilestoneStatus(value) if name == "delivery_status" and value else value


def _shown(value):
    if value is None or value == "":
        return "blank"
    if hasattr(value, "label"):  # a choice: its words, not its code
        return value.label
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    return str(value)


@dataclass
class Plan:
    changes: list = field(default_factory=list)
    new_programmes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    rows: int = 0
    # Rows of projects the import will not touch though the sheet lists them, each with
    # why: (where, project, why). tests/test_officers_import_updates_to_their_own_projects_only.py
    left_alone: list = field(default_factory=list)
    risks: list = field(default_factory=list)  # RiskChange

    def count(self, action):
        return sum(1 for change in self.changes if change.action == action)

    @property
    def can_apply(self):
        return not self.problems and (
            any(c.action != "unchanged" for c in self.changes) or bool(self.risks)
        )

    def as_json(self):
        """What the preview page shows, kept with the upload."""
        return {
            "rows": self.rows,
            "counts": {a: self.count(a) for a in ("create", "update", "unchanged")},
            "new_programmes": self.new_programmes,
            "problems": [str(problem) for problem in self.problems],
            "notes": [str(note) for note in self.notes],
            "left_alone": [
                {"where": str(where), "project": project, "why": why}
                for where, project, why in self.left_alone
            ],
            "items": [
                {
                    "action": change.action,
                    "programme": change.programme_name,
                    "project": change.item.name,
                    "reference": change.item.reference,
                    "project_id": change.project.pk if change.project else None,
                    "where": str(change.item.where),
                    "changes": change.describe(),
                    "fingerprint": change.fingerprint,
                }
                for change in self.changes
            ],
            "risks": [
                {
                    "action": change.action,
                    "kept_by": str(change.keeper),
                    "headline": change.risk.headline
                    if change.risk
                    else change.values.get("title") or change.values.get("description", ""),
                    "where": str(change.where),
                    "changes": change.describe(),
                    "fingerprint": change.fingerprint,
                }
                for change in self.risks
            ],
        }

    def digest(self):
        """A fingerprint of what would be written: confirming checks it is unchanged."""
        # Rows left alone are not written: another officer updating one of them between
        # preview and confirm does not make this preview stale.
        written = {k: v for k, v in self.as_json().items() if k != "left_alone"}
        summary = json.dumps(written, sort_keys=True, default=str)
        return hashlib.sha256(summary.encode()).hexdigest()
