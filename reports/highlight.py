"""The work-stream highlight report of one project, laid out as the 3C papers' appendix 4:
summary, progress this period, milestones coming up, budget, new or changed risks,
items for the board and distribution."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from projects.models import OPEN_STATUSES, DeliveryStatus, Risk, StatusUpdate

# How far ahead "milestones coming up" looks: until the next report is due.
PERIOD_DAYS = {"weekly": 7, "monthly": 31, "quarterly": 92}


@dataclass
class HighlightReport:
    project: object
    as_at: date
    period_start: date
    latest: StatusUpdate | None
    completed: list
    coming_up: list
    risks_changed: list
    distribution: list = field(default_factory=list)

    @property
    def has_board_items(self):
        return bool(self.latest and self.latest.issues.strip())


def highlight_report(project, *, today=None):
    today = today or timezone.localdate()
    updates = list(
        project.status_updates.select_related("rag", "budget_rag", "author").order_by(
            "-reported_on", "-created_at", "-id"
        )[:2]
    )
    latest = updates[0] if updates else None
    # The period is since the update before the latest: what this report adds.
    if len(updates) > 1:
        period_start = updates[1].reported_on
    else:
        period_start = today - timedelta(days=PERIOD_DAYS[settings.REPORTING_PERIOD])
    horizon = today + timedelta(days=PERIOD_DAYS[settings.REPORTING_PERIOD])
    milestones = list(project.milestones.all())
    completed = [
        m
        for m in milestones
        if m.delivery_status == DeliveryStatus.COMPLETE
        and m.completed_on
        and m.completed_on > period_start
    ]
    coming_up = sorted(
        (
            m
            for m in milestones
            if m.delivery_status in OPEN_STATUSES and m.due_date and m.due_date <= horizon
        ),
        key=lambda m: m.due_date,
    )
    changed_ids = set(
        Risk.history.filter(project_id=project.pk, history_date__date__gt=period_start).values_list(
            "id", flat=True
        )
    )
    risks_changed = list(Risk.objects.filter(pk__in=changed_ids).order_by("reference"))
    distribution = [
        (role, person)
        for role, person in (
            ("Project sponsor", project.sponsor),
            ("Project manager", project.manager),
            ("Lead", project.lead),
        )
        if person
    ] + [("Editor", person) for person in project.editors.all()]
    return HighlightReport(
        project=project,
        as_at=today,
        period_start=period_start,
        latest=latest,
        completed=completed,
        coming_up=coming_up,
        risks_changed=risks_changed,
        distribution=distribution,
    )
