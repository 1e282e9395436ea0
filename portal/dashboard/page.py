"""Everything a dashboard page shows for a scope, assembled from the topic modules."""

from datetime import timedelta

from django.conf import settings
from django.db.models.functions import Coalesce

from contracts.models import ContractChange
from contracts.reporting import changes_by_status, plan_summaries
from programmes.models import Strategy
from projects.models import OPEN_STATUSES, due_between_q

from .changes import LIST_LIMIT, latest_updates, what_changed
from .charts import stacked_bars
from .figures import DUE_WINDOW, headlines, rag_by_programme, rag_counts_by_programme
from .money import money_panel
from .roadmap import build_roadmap
from .scope import SINCE_CHOICES, with_due_and_project


def exceptions(scope, levels, rag_counts):
    """Projects whose RAG needs a reason (Red, Amber…), worst first, with the latest words.

    Only the rows shown are read; how many more there are comes from the RAG counts.
    """
    flagged = {level.pk: level for level in levels if level.needs_reason}
    projects = list(
        scope.projects()
        .with_current_rag(as_at=scope.as_at)
        .filter(current_rag_id__in=list(flagged))
        .with_current_rag_order(as_at=scope.as_at)
        .select_related("programme")
        .order_by("current_rag_order", "programme__order", "order", "name")[:LIST_LIMIT]
    )
    # The commentary is read for the shown rows only.
    newest = latest_updates([p.pk for p in projects], scope.as_at)
    for project in projects:
        project.listed_rag = flagged[project.current_rag_id]
        project.latest = newest.get(project.pk)
    total = sum(row.count for row in rag_counts if row.level and row.level.needs_reason)
    return projects, max(0, total - len(projects))


def upcoming(scope):
    return with_due_and_project(
        scope.milestones()
        .filter(due_between_q(scope.as_at, scope.as_at + DUE_WINDOW))
        .filter(delivery_status__in=OPEN_STATUSES)
        .order_by(Coalesce("forecast_date", "baseline_date"), "project_id", "order")[:LIST_LIMIT]
    )


def contract_plans(scope):
    """The RAG mix of the annual plans of contracts this strategy's councils are partners in."""
    plans = (
        Strategy.objects.filter(contract__partners__in=scope.strategy.organisations.values("pk"))
        .distinct()
        .for_dashboard()
    )
    return plan_summaries(plans, as_at=scope.as_at)


def dashboard_context(scope):
    levels = list(scope.scale.levels.all())
    programmes = [scope.programme] if scope.programme else list(scope.strategy.programmes.all())
    counts = rag_counts_by_programme(scope)
    by_programme = rag_by_programme(levels, programmes, counts)
    change_counts = changes_by_status(
        ContractChange.objects.for_strategy(scope.strategy, scope.projects()),
        as_at=scope.as_at,
        open_only=True,
    )
    figures = headlines(scope, levels, counts, open_changes=sum(row.count for row in change_counts))
    red_amber, more_red_amber = exceptions(scope, levels, figures.rag)
    soon = upcoming(scope)
    return {
        "scope": scope,
        "levels": levels,
        "headlines": figures,
        "rag_chart": stacked_bars(by_programme),
        "rag_table": by_programme,
        "changes": what_changed(scope, levels),
        "exceptions": red_amber,
        "more_exceptions": more_red_amber,
        "upcoming": soon,
        "change_counts": change_counts,
        "money": money_panel(scope),
        "amber_limit": settings.PORTAL_FINANCE_AMBER_LIMIT,
        "roadmap": build_roadmap(scope, total_projects=figures.total, known_current=bool(soon)),
        "since_choices": [
            (days, (scope.as_at - timedelta(days=days)).isoformat()) for days in SINCE_CHOICES
        ],
    }
