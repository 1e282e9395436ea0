"""Everything a dashboard page shows for a scope, assembled from the topic modules."""

from datetime import timedelta

from django.db.models import Q

from contracts.models import ContractChange
from contracts.summaries import PlanSummary, changes_by_status, plan_summary
from programmes.models import Strategy
from projects.models import OPEN_STATUSES, due_day
from projects.money_read import MoneyRead
from projects.money_tables import MoneyTables

from .changes import LIST_LIMIT, attach_latest_updates, what_changed
from .figures import DUE_WINDOW, headlines
from .panels.exceptions import Exceptions
from .panels.lead_figures import LeadFigures
from .panels.rag_summary import RagSummary
from .roadmap import build_roadmap
from .scope import SINCE_CHOICES, with_due_and_project
from .scope_read import ScopeRead


def exceptions(scope_read):
    """Projects whose RAG needs a reason (Red, Amber…), worst first: the first
    LIST_LIMIT as Lines, and how many more there are."""
    flagged = scope_read.flagged()
    shown = [scope_read.line(row) for row in flagged[:LIST_LIMIT]]
    return shown, len(flagged) - len(shown)


def upcoming(scope, scope_read):
    """The first open milestones due in the window, soonest first. The due day is the
    expression the open milestones are indexed by, so the database walks that index
    from the as-at day and stops after LIST_LIMIT rows."""
    return with_due_and_project(
        scope.milestones()
        .filter(delivery_status__in=OPEN_STATUSES)
        .alias(due_on=due_day())
        .filter(due_on__range=(scope.as_at, scope.as_at + DUE_WINDOW))
        .order_by("due_on", "project_id", "order")[:LIST_LIMIT],
        scope_read.project_line,
    )


def contract_plans(scope) -> PlanSummary:
    """The RAG mix of the annual plans of contracts this strategy's councils are partners
    in, leaving out plans approved after the as-at day: looking back to 2019 should not
    show a plan written in 2022."""
    plans = (
        Strategy.objects.filter(contract__partners__in=scope.strategy.organisations.values("pk"))
        .filter(Q(approved_on__isnull=True) | Q(approved_on__lte=scope.as_at))
        .distinct()
        .for_dashboard()
    )
    return plan_summary(plans, as_at=scope.as_at)


def overview_context(scope, scope_read, *, known_current=False):
    """What a programme page shows, and the dashboard too: headlines, the RAG mix, the
    Red and Amber projects and the roadmap. The latest words of listed projects are
    left for the caller to attach, once for every list on its page."""
    levels = list(scope_read.levels.values())
    rag_summary = RagSummary.from_counts(
        [(programme.pk, programme.name) for programme in scope_read.programmes.values()],
        scope_read.rag_counts_by_programme(),
    )
    change_counts = changes_by_status(
        ContractChange.objects.for_strategy(scope.strategy, scope.projects()),
        as_at=scope.as_at,
        open_only=True,
    )
    red_amber, more_red_amber = exceptions(scope_read)
    return {
        "scope": scope,
        "levels": levels,
        "headlines": headlines(
            scope,
            levels,
            scope_read,
            open_changes=sum(row.count for row in change_counts),
        ),
        "rag_summary": rag_summary.drawn_with(levels),
        "exceptions": red_amber,
        "more_exceptions": more_red_amber,
        "change_counts": change_counts,
        "roadmap": build_roadmap(scope, scope_read, known_current=known_current),
    }


def red_amber(context):
    """The Red and Amber panel of a page whose listed projects have their latest words."""
    return Exceptions.from_lines(context["exceptions"], more=context["more_exceptions"])


def programme_context(scope):
    context = overview_context(scope, read_scope(scope))
    attach_latest_updates(context["exceptions"], scope.as_at)
    context["red_amber"] = red_amber(context)
    return context


def dashboard_context(scope):
    scope_read = read_scope(scope)
    soon = upcoming(scope, scope_read)
    money = MoneyRead(scope.projects())
    context = overview_context(scope, scope_read, known_current=bool(soon))
    changes = what_changed(scope, scope_read)
    attach_latest_updates(
        context["exceptions"] + [move.project for move in changes.moves], scope.as_at
    )
    context.update(
        {
            "red_amber": red_amber(context),
            "changes": changes,
            "upcoming": soon,
            "money": MoneyTables.of_year(
                money.for_year(scope.as_at, strategy=scope.strategy),
                money.life_budgets(scope.as_at),
            ),
            "lead_figures": LeadFigures.build(scope.strategy, scope.projects(), scope.as_at, money),
            "since_choices": [
                (days, (scope.as_at - timedelta(days=days)).isoformat()) for days in SINCE_CHOICES
            ],
        }
    )
    return context


def read_scope(scope):
    programmes = [scope.programme] if scope.programme else list(scope.strategy.programmes.all())
    return ScopeRead(scope, list(scope.scale.levels.all()), programmes)
