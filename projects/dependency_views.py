"""Adding and removing a project's dependencies. Without JavaScript the milestones of the
project depended on can only be offered once it is chosen: the form comes in two steps,
the project first (a GET), then the milestones and a note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.form_errors import add_model_errors, error_summary
from core.query_params import WHOLE_NUMBER

from .dependency_forms import DependencyForm
from .dependency_plan import dependency_add, dependency_remove
from .milestone_views import editable_project
from .models import Dependency, Project
from .services import ConflictError


def _chosen_project(request, project):
    value = request.POST.get("on_project") or request.GET.get("on_project") or ""
    if not WHOLE_NUMBER.fullmatch(value):
        return None
    return Project.objects.exclude(pk=project.pk).filter(pk=value).first()


@login_required
@require_http_methods(["GET", "POST"])
def dependency_new(request, pk):
    project = editable_project(request, pk)
    on_project = _chosen_project(request, project)
    initial = {"version": project.version, "on_project": on_project}
    form = DependencyForm(
        request.POST or None, project=project, on_project=on_project, initial=initial
    )
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dependency_add(
                project=project,
                version=data["version"] or 0,
                on_project=data["on_project"],
                milestone=data["milestone"],
                on_milestone=data["on_milestone"],
                note=data["note"],
                by=request.user,
            )
        except ConflictError:
            project.refresh_from_db(fields=["version"])
            retry = request.POST.copy()
            retry["version"] = project.version
            form = DependencyForm(retry, project=project, on_project=on_project)
            form.is_valid()
            status = 409
            conflict = (
                f"{project.name} was changed by someone else after you opened this page: "
                "the dependency was not saved. Check it and save again."
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, f"Dependency on {data['on_project'].name} added.")
            return redirect("projects:detail", pk=project.pk)
    errors = [("#main-content", conflict)] if conflict else error_summary(form)
    if errors and status == 200:
        status = 400
    return render(
        request,
        "projects/dependency_form.html",
        {"project": project, "on_project": on_project, "form": form, "error_list": errors},
        status=status,
    )


@login_required
@require_POST
def dependency_delete(request, pk, dependency_pk):
    project = editable_project(request, pk)
    dependency = get_object_or_404(Dependency.objects.filter(project=project), pk=dependency_pk)
    version = request.POST.get("version", "")
    try:
        dependency_remove(
            dependency=dependency,
            version=int(version) if WHOLE_NUMBER.fullmatch(version) else 0,
        )
    except ConflictError:
        messages.error(
            request,
            f"{project.name} was changed by someone else after you opened its page: "
            "nothing was removed. Check its dependencies and try again.",
        )
    else:
        messages.success(request, "Dependency removed.")
    return redirect("projects:detail", pk=project.pk)
