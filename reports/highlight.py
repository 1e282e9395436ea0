"""The work-stream highlight report of one project, laid out as the 3C papers' appendix 4:
summary, progress this period, milestones coming up, budget, new or changed risks,
items for the board and distribution. It reports one period (a month or a quarter, the
strategy's reporting period) as the data stood at its end, whenever it is printed
(tests/test_highlight_report.py)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max

from core.calendar import last_complete_period, period_of
from dashboards.panels import milestones_as_at
from dashboards.scope import end_of
from programmes.models import Person
from projects.models import OPEN_STATUSES, DeliveryStatus, Milestone, Project, Risk, StatusUpdate


@dataclass
class HighlightReport:
    project: Project
    as_at: date  # the period's last day
    period_start: date
    latest: StatusUpdate | None
    completed: list[Milestone]
    coming_up: list[Milestone]
    risks_changed: list[Risk]
    distribution: list[tuple[str, Person]] = field(default_factory=list)

    @property
    def has_board_items(self) -> bool:
        return bool(self.latest and self.latest.issues.strip())


def default_period(project: Project, *, today: date) -> tuple[date, date]:
    """The last whole reporting period before today; for a project nothing has been
    recorded of since (no update, no change), the period of the last record: a 2018
    project reports 2018, not a quarter of today with its 2018 milestones overdue."""
    reporting_period = project.programme.strategy.reporting_period
    start, end = last_complete_period(today, reporting_period)
    newest = [
        project.status_updates.aggregate(day=Max("reported_on"))["day"],
        *(
            day.date()
            for day in (
                Project.history.filter(id=project.pk).aggregate(day=Max("history_date"))["day"],
                Milestone.history.filter(project_id=project.pk).aggregate(day=Max("history_date"))[
                    "day"
                ],
            )
            if day
        ),
    ]
    last_record = max((day for day in newest if day), default=None)
    if last_record is not None and last_record < start:
        return period_of(last_record, reporting_period)
    return start, end


def chosen_period(project: Project, *, day: date | None, today: date) -> tuple[date, date]:
    """The period holding `day` (one still running is reported as it stands today), or
    the default period when no day is chosen."""
    if day is None:
        return default_period(project, today=today)
    start, end = period_of(day, project.programme.strategy.reporting_period)
    return start, min(end, today)


def highlight_report(project: Project, *, period: tuple[date, date]) -> HighlightReport:
    period_start, as_at = period
    updates = list(
        project.status_updates.filter(reported_on__lte=as_at)
        .select_related("rag", "budget_rag", "author")
        .order_by("-reported_on", "-created_at", "-id")[:1]
    )
    latest = updates[0] if updates else None
    # Until the next report: the period after this one.
    horizon = period_of(as_at + timedelta(days=1), project.programme.strategy.reporting_period)[1]
    milestones = list(milestones_as_at(as_at).filter(project_id=project.pk))
    completed = [
        m
        for m in milestones
        if m.delivery_status == DeliveryStatus.COMPLETE
        and m.completed_on
        and period_start <= m.completed_on <= as_at
    ]
    coming_up = sorted(
        (
            m
            for m in milestones
            if m.delivery_status in OPEN_STATUSES and m.due_date and m.due_date <= horizon
        ),
        key=lambda m: m.due_date,
    )
    changed_ids = Risk.history.filter(
        project_id=project.pk,
        history_date__gte=end_of(period_start - timedelta(days=1)),
        history_date__lte=end_of(as_at),
    ).values("id")
    risks_changed = list(
        Risk.history.as_of(end_of(as_at))
        .filter(id__in=changed_ids)
        .select_related("owner")
        .order_by("reference")
    )
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
        as_at=as_at,
        period_start=period_start,
        latest=latest,
        completed=completed,
        coming_up=coming_up,
        risks_changed=risks_changed,
        distribution=distribution,
    )
