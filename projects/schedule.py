"""What the milestone dates say about a project, beside the officer's own RAG.

R late: a milestone is past due and not complete. A risk of delay: a forecast
later than its baseline, or due within 14 days and not started. G on track:
neither. The officer's RAG stands; this is information for them and members.
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


def assess_schedule(milestones, today: date):
    """Assess a project's milestones; None when no milestone has a date to go on."""
    milestones = [m for m in milestones if not m.is_withdrawn]
    open_dated = [
        m for m in milestones if m.delivery_status in OPEN_STATUSES and m.due_date is not None
    ]
    if not any(m.due_date for m in milestones):
        return None
    late = [m for m in open_dated if m.is_overdue(today)]
    if late:
        return ScheduleAssessment(
            "R",
            "late",
            [f"“{m.title}” was due {m.due_date:%d/%m/%Y} and is not complete" for m in late],
        )
    reasons = []
    for m in open_dated:
        if m.is_slipped:
            reasons.append(f"“{m.title}” is forecast {m.slippage_days} days after its baseline")
        elif m.due_date <= today + DUE_SOON and m.delivery_status == DeliveryStatus.NOT_STARTED:
            reasons.append(f"“{m.title}” is due {m.due_date:%d/%m/%Y} and has not started")
    if reasons:
        return ScheduleAssessment("A", "risk of delay", reasons)
    return ScheduleAssessment("G", "on track", [])
