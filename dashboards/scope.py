"""What a dashboard looks at: a strategy (one RAG scale), maybe one programme, a
day to look from (today, or an earlier day for the as-at view) and a day to
compare with (what changed since)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.contrib import messages
from django.db.models import QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone

from core.query_params import day_param, quoted
from programmes.models import Programme, RagScale, Strategy
from projects.models import Milestone, MilestoneStatus, Project

if TYPE_CHECKING:
    from .scope_read import Line

DEFAULT_SINCE_DAYS = 30
SINCE_CHOICES = (7, 30, 90, 365)


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


@dataclass
class Scope:
    strategy: Strategy
    programme: Programme | None
    as_at: date
    since: date
    today: date
    # The strategies a dashboard may switch to.
    choices: list[Strategy] = field(default_factory=list)

    @property
    def is_past(self) -> bool:
        return self.as_at < self.today

    @property
    def scale(self) -> RagScale:
        return self.strategy.rag_scale

    def projects(self) -> QuerySet[Project]:
        return Project.objects.filter(**self._project_filter())

    def _project_filter(self, prefix: str = "") -> dict[str, Programme | Strategy]:
        if self.programme is not None:
            return {f"{prefix}programme": self.programme}
        return {f"{prefix}programme__strategy": self.strategy}

    def milestones(self, *, of_projects: Iterable[int] | None = None) -> QuerySet[Milestone]:
        """Milestones as they stood on the as-at day (from the audit trail when it is
        past): the scope's, or those of `of_projects` (ids the caller has already read
        from the scope, which spares the database the scope's subquery)."""
        if self.is_past:
            source = Milestone.history.as_of(end_of(self.as_at))
        else:
            source = Milestone.objects.all()
        # A withdrawn milestone is no longer planned: no panel counts or draws it.
        source = source.exclude(delivery_status=MilestoneStatus.WITHDRAWN)
        if of_projects is not None:
            return source.filter(project_id__in=of_projects)
        if self.is_past:
            # Joined rather than asked for the scope's project ids: SQLite then walks
            # the records by due day (hist_milestone_due) for the upcoming list rather
            # than every record of every project (README, Benchmarks).
            return source.filter(**self._project_filter("project__"))
        return source.filter(project__in=self.projects().values("pk"))


def with_due_and_project(
    milestones: Iterable[Milestone], project_line: Callable[[int], Line]
) -> list[Milestone]:
    """Give each milestone `.due` and `.project_line` (the project as the scope_read lists
    it: `project_line(pk)`), so listing them reads nothing more.

    The as-at view's rows are rebuilt from the audit trail: they carry no annotations,
    so the due date is read from the fields, which both kinds have.
    """
    listed = list(milestones)
    # Attributes for the list's template only, set on the instances.
    for milestone in listed:
        milestone.due = milestone.due_date  # type: ignore[attr-defined]
        milestone.project_line = project_line(milestone.project_id)  # type: ignore[attr-defined]
    return listed


def scope_from_request(
    request: HttpRequest, *, programme: Programme | None = None, last_report_day: date | None = None
) -> Scope | None:
    today = timezone.localdate()
    strategies: list[Strategy] = []
    strategy: Strategy | None
    if programme is not None:
        strategy = programme.strategy
    else:
        strategies = list(Strategy.objects.select_related("rag_scale"))
        slug = request.GET.get("strategy")
        chosen = next((s for s in strategies if s.slug == slug), None)
        strategy = chosen or next(iter(strategies), None)
        if slug and chosen is None and strategy is not None:
            messages.warning(
                request, f"There is no strategy or plan ‘{quoted(slug)}’: showing {strategy}."
            )
        if strategy is not None:
            # The RAG key and programmes of the chosen strategy only: the others are
            # choices in a list.
            prefetch_related_objects([strategy], "rag_scale__levels", "programmes")
    if strategy is None:
        return None
    as_at = (
        day_param(
            request,
            "as_at",
            what="as-at day",
            latest=today,
            fallback="the dashboard shows today",
        )
        or today
    )
    default_since = last_report_day or (as_at - timedelta(days=DEFAULT_SINCE_DAYS))
    since = (
        day_param(
            request,
            "since",
            what="day to compare with",
            latest=as_at,
            fallback=f"changes are counted since {default_since:%-d %B %Y}",
        )
        or default_since
    )
    since = min(since, as_at)  # a last report after the as-at day
    return Scope(
        strategy=strategy,
        programme=programme,
        as_at=as_at,
        since=since,
        today=today,
        choices=strategies,
    )
