from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Project


@login_required
def project_detail(request, pk):
    project = get_object_or_404(Project.objects.for_detail(), pk=pk)
    milestones = list(project.milestones.select_related("lead"))
    today = timezone.localdate()
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    updates = list(project.status_updates.select_related("rag", "author"))
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "milestones": milestones,
            "updates": updates,
            "current": updates[0] if updates else None,
            "rag_scale": project.rag_scale,
        },
    )
