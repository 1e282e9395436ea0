"""What the milestone dates say about a project, beside the officer's own RAG.

R late: a milestone is past due and not complete. A risk of delay: a forecast
later than its baseline, or due within 14 days and not started, or something it
depends on is late or forecast past the day it is needed (tests/test_dependencies.py).
G on track: none of these. The officer's RAG stands; this is information for them
and members.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from .models import OPEN_STATUSES, DeliveryStatus

DUE_SOON = timedelta(days=14)


@dataclass(frozen=True)
class ScheduleAssessment:
    code: str
    label: str
    reasons: list = field(default_factory=list)

    def level_on(self, scale):
        """The matching level of a project's scale (by code), or None if it has none."""
        return next((level for level in scale.levels.all() if level.code == self.code), None)


def assess_schedule(milestones, today: date, dependency_problems=()):
    """Assess a project's milestones and what it waits on (`dependency_problems`, each
    in words); None when there is nothing dated to go on."""
    milestones = [m for m in milestones if not m.is_withdrawn]
    open_dated = [
        m for m in milestones if m.delivery_status in OPEN_STATUSES and m.due_date is not None
    ]
    if not any(m.due_date for m in milestones) and not dependency_problems:
        return None
    late = [m for m in open_dated if m.is_overdue(today)]
    if late:
        return ScheduleAssessment(
            "R",
            "late",
            [f"“{m.title}” was due {m.due_date:%d/%m/%Y} and is not complete" for m in late]
            + list(dependency_problems),
        )
    reasons = []
    for m in open_dated:
        if m.is_slipped:
            reasons.append(f"“{m.title}” is forecast {m.slippage_days} days after its baseline")
        elif m.due_date <= today + DUE_SOON and m.delivery_status == DeliveryStatus.NOT_STARTED:
            reasons.append(f"“{m.title}” is due {m.due_date:%d/%m/%Y} and has not started")
    reasons += dependency_problems
    if reasons:
        return ScheduleAssessment("A", "risk of delay", reasons)
    return ScheduleAssessment("G", "on track", [])
