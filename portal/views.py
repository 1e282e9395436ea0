from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from programmes.models import Strategy
from projects.access import person_of
from projects.exports import projects_download
from projects.models import Project
from projects.rag import attach_current_rag

from .dashboard.money_export import money_workbook
from .dashboard.page import contract_plans, dashboard_context
from .dashboard.scope import scope_from_request
from .my_projects import my_projects
from .workbooks import xlsx_response


@login_required
def dashboard(request):
    scope = scope_from_request(request)
    if scope is None:
        return render(request, "portal/dashboard.html", {"scope": None})
    context = dashboard_context(scope)
    context["plans"] = contract_plans(scope)
    return render(request, "portal/dashboard.html", context)


@login_required
def money_export(request):
    """The chosen strategy's money figures as a workbook."""
    scope = scope_from_request(request)
    if scope is None:
        raise Http404("There are no strategies yet.")
    content = money_workbook(scope.projects(), strategy=scope.strategy)
    return xlsx_response(content, f"money-{scope.strategy.slug}.xlsx")


@login_required
def portfolio_export(request):
    """Every project of every strategy, as a spreadsheet."""
    return projects_download(
        Project.objects.all(), layout=request.GET.get("layout"), name="portfolio"
    )


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
    return render(request, "portal/strategies.html", {"strategies": strategies})


@login_required
def my_projects_page(request):
    person = person_of(request.user)
    today = timezone.localdate()
    mine = my_projects(person, today) if person else None
    return render(request, "portal/my_projects.html", {"mine": mine, "today": today})


def accessibility_statement(request):
    """The statement the accessibility regulations require, open to everyone."""
    return render(
        request,
        "portal/accessibility.html",
        {
            "contact": settings.PORTAL_ACCESSIBILITY_CONTACT,
            "prepared_on": date(2026, 11, 22),
        },
    )
