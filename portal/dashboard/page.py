"""Everything a dashboard page shows for a scope, assembled from the topic modules."""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from projects.models import LATEST_FIRST, OPEN_STATUSES, StatusUpdate

from .changes import what_changed
from .charts import stacked_bars
from .figures import DUE_WINDOW, headlines, rag_by_programme
from .roadmap import build_roadmap
from .scope import SINCE_CHOICES

LIST_LIMIT = 25


def exceptions(scope, levels):
    """Projects whose RAG needs a reason (Red, Amber…), worst first, with the latest words."""
    flagged = {level.pk: level for level in levels if level.needs_reason}
    latest = StatusUpdate.objects.filter(
        project=OuterRef("pk"), reported_on__lte=scope.as_at
    ).order_by(*LATEST_FIRST)
    projects = list(
        scope.projects()
        .with_current_rag(as_at=scope.as_at)
        .filter(current_rag_id__in=list(flagged))
        .annotate(
            latest_issues=Subquery(latest.values("issues")[:1]),
            latest_progress=Subquery(latest.values("progress")[:1]),
            latest_next_steps=Subquery(latest.values("next_steps")[:1]),
        )
        .select_related("programme", "manager", "lead")
        .order_by("programme__order", "order", "name")
    )
    for project in projects:
        project.listed_rag = flagged[project.current_rag_id]
    projects.sort(key=lambda p: p.listed_rag.order)
    return projects[:LIST_LIMIT], max(0, len(projects) - LIST_LIMIT)


def upcoming(scope):
    due = Coalesce("forecast_date", "baseline_date")
    return list(
        scope.milestones()
        .annotate(due=due)
        .filter(
            delivery_status__in=OPEN_STATUSES,
            due__gte=scope.as_at,
            due__lte=scope.as_at + DUE_WINDOW,
        )
        .select_related("project")
        .order_by("due", "project__name")[:LIST_LIMIT]
    )


def dashboard_context(scope):
    levels = list(scope.scale.levels.all())
    programmes = [scope.programme] if scope.programme else list(scope.strategy.programmes.all())
    by_programme = rag_by_programme(scope, levels, programmes)
    red_amber, more_red_amber = exceptions(scope, levels)
    return {
        "scope": scope,
        "levels": levels,
        "headlines": headlines(scope, levels),
        "rag_chart": stacked_bars(by_programme),
        "rag_table": by_programme,
        "changes": what_changed(scope, levels),
        "exceptions": red_amber,
        "more_exceptions": more_red_amber,
        "upcoming": upcoming(scope),
        "roadmap": build_roadmap(scope),
        "since_choices": [
            (days, (scope.as_at - timedelta(days=days)).isoformat()) for days in SINCE_CHOICES
        ],
    }
