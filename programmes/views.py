from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django_tables2 import RequestConfig

from portal.dashboard.page import programme_context
from portal.dashboard.scope import scope_from_request
from projects.exports import projects_download
from projects.models import Project
from projects.tables import ProjectTable

from .models import Programme, RagLevel


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
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context.update({"programme": programme, "table": table})
    return render(request, "programmes/detail.html", context)


@login_required
def programme_export(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    return projects_download(
        Project.objects.filter(programme=programme),
        layout=request.GET.get("layout"),
        name=slugify(programme.name),
    )
