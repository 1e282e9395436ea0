from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from programmes.models import Strategy
from projects.models import Project
from projects.rag import attach_current_rag


@login_required
def home(request):
    projects = attach_current_rag(list(Project.objects.for_home()))
    by_programme = {}
    for project in projects:
        by_programme.setdefault(project.programme_id, []).append(project)
    strategies = list(Strategy.objects.for_home())
    for strategy in strategies:
        for programme in strategy.programmes.all():
            programme.listed_projects = by_programme.get(programme.pk, [])
    return render(request, "portal/home.html", {"strategies": strategies})
