from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.query_params import configure_table
from core.workbooks import xlsx_response
from programmes.models import Programme, RagLevel, Strategy
from projects.benefit_register import benefits_context
from projects.dependency_plan import dependencies_at_risk
from projects.models import Benefit, Project
from projects.rag import attach_current_rag
from projects.raid.registers import raid_registers, risks_in_scope
from projects.tables import ProjectTable

from .money_export import money_workbook
from .page import contract_plans, dashboard_context, programme_context
from .panels.kpis import KpiTable
from .panels.risk_heat_map import HeatMap
from .reporting_cycle import reporting_cycle
from .scope import scope_from_request


@login_required
def dashboard(request):
    scope = scope_from_request(request)
    if scope is None:
        return render(request, "dashboards/dashboard.html", {"scope": None})
    context = dashboard_context(scope)
    context["plans"] = contract_plans(scope)
    context["cycle"] = cycle = reporting_cycle(scope.strategy, today=scope.today)
    context["as_reported"] = cycle.as_reported(scope.as_at) if scope.is_past else None
    # Actuals for the periods ended by the as-at day: a KPI's past is its own dates.
    context["kpis"] = KpiTable.build(scope.strategy, context["levels"], scope.as_at)
    if not scope.is_past:  # the registers as they are; the as-at view has no past of them
        context["raid"] = raid_registers(scope.strategy, user=request.user, today=scope.today)
        context["heat_map"] = HeatMap.build(risks_in_scope(scope.strategy))
        context["dependencies_at_risk"] = dependencies_at_risk(scope.projects(), scope.today)
    return render(request, "dashboards/dashboard.html", context)


@login_required
def programme_detail(request, pk):
    programme = get_object_or_404(Programme.objects.select_related("strategy__rag_scale"), pk=pk)
    scope = scope_from_request(request, programme=programme)
    context = programme_context(scope)
    table = ProjectTable(
        Project.objects.for_list().filter(programme=programme),
        levels=RagLevel.objects.in_bulk(),
        order_by="name",
    )
    # A programme page is an overview beside its charts; the full list is a link away.
    configure_table(request, table, per_page=25)
    context.update(
        {
            "programme": programme,
            "table": table,
            "raid": raid_registers(programme, user=request.user, today=scope.today),
            "heat_map": HeatMap.build(risks_in_scope(programme)),
            "dependencies_at_risk": dependencies_at_risk(scope.projects(), scope.today),
            **benefits_context(
                Benefit.objects.in_programme(programme), user=request.user, holder=programme
            ),
        }
    )
    return render(request, "dashboards/programme.html", context)


@login_required
def money_export(request):
    """The chosen strategy's money figures as a workbook."""
    scope = scope_from_request(request)
    if scope is None:
        raise Http404("There are no strategies yet.")
    content = money_workbook(scope.projects(), strategy=scope.strategy)
    return xlsx_response(content, f"money-{scope.strategy.slug}.xlsx")


@login_required
def strategies(request):
    projects = attach_current_rag(list(Project.objects.for_home()))
    by_programme = {}
    for project in projects:
        by_programme.setdefault(project.programme_id, []).append(project)
    strategies = list(Strategy.objects.for_home())
    for strategy in strategies:
        for programme in strategy.programmes.all():
            programme.listed_projects = by_programme.get(programme.pk, [])
    return render(request, "dashboards/strategies.html", {"strategies": strategies})
