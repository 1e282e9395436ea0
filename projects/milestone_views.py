"""The milestone plan pages: a project's editors add, edit, re-baseline, reorder,
withdraw and delete its milestones in the browser. Every form carries the project's
version; a save opened at an older one gets the conflict page (409) with the officer's
entries kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.form_errors import add_model_errors, error_summary

from .milestone_forms import MilestonePlanForm, PlanVersionForm, WithdrawalForm
from .milestone_plan import (
    has_been_reported,
    milestone_add,
    milestone_delete,
    milestone_edit,
    milestone_move,
    milestone_withdraw,
)
from .models import Milestone, Project
from .rules import project_for_user
from .services import ConflictError

CONFLICT = (
    "{project} was changed by someone else after you opened this page. Check the "
    "milestone as it is saved now, then save again: your entries are kept below."
)


def editable_project(request, pk):
    return project_for_user(
        request, pk, queryset=Project.objects.select_related("programme__strategy")
    )


def _milestone(project, milestone_pk):
    return get_object_or_404(Milestone.objects.for_plan().filter(project=project), pk=milestone_pk)


@login_required
def milestone_plan(request, pk):
    project = editable_project(request, pk)
    today = timezone.localdate()
    milestones = list(project.milestones.for_plan())
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    return render(
        request,
        "projects/milestones/plan.html",
        {"project": project, "milestones": milestones},
    )


def _conflict_form(form_class, request, project, **kwargs):
    """The posted entries, at the version now saved, validated to show them again."""
    project.refresh_from_db(fields=["version"])
    data = request.POST.copy()
    data["version"] = project.version
    retry = form_class(data, **kwargs)
    retry.is_valid()
    return retry


@login_required
@require_http_methods(["GET", "POST"])
def milestone_new(request, pk):
    project = editable_project(request, pk)
    form = MilestonePlanForm(request.POST or None, initial={"version": project.version})
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            milestone = milestone_add(
                project=project,
                version=data["version"],
                title=data["title"],
                due=data["due"],
                due_text=data["due_text"].strip(),
                lead=data["lead"],
            )
        except ConflictError:
            form = _conflict_form(MilestonePlanForm, request, project)
            status, conflict = 409, CONFLICT.format(project=project.name)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, f"Milestone “{milestone.title}” added.")
            return redirect("projects:milestones", pk=project.pk)
    return _render_form(request, project, form, None, status, conflict)


@login_required
@require_http_methods(["GET", "POST"])
def milestone_change(request, pk, milestone_pk):
    project = editable_project(request, pk)
    milestone = _milestone(project, milestone_pk)
    if milestone.is_withdrawn:
        return render(
            request,
            "projects/milestones/withdrawn.html",
            {"project": project, "milestone": milestone},
        )
    initial = {
        "version": project.version,
        "title": milestone.title,
        "due": milestone.baseline_date,
        "due_text": milestone.due_text,
        "lead": milestone.lead,
    }
    form = MilestonePlanForm(request.POST or None, initial=initial, milestone=milestone)
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            milestone_edit(
                milestone=milestone,
                version=data["version"],
                title=data["title"],
                baseline_date=data["due"],
                due_text=data["due_text"].strip(),
                lead=data["lead"],
                rebaseline_reason=data["rebaseline_reason"],
                changed_by=request.user,
            )
        except ConflictError:
            milestone = _milestone(project, milestone_pk)
            form = _conflict_form(MilestonePlanForm, request, project, milestone=milestone)
            status, conflict = 409, CONFLICT.format(project=project.name)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, f"Milestone “{milestone.title}” saved.")
            return redirect("projects:milestones", pk=project.pk)
    return _render_form(request, project, form, milestone, status, conflict)


def _render_form(request, project, form, milestone, status, conflict):
    errors = [("#main-content", conflict)] if conflict else error_summary(form)
    if errors and status == 200:
        status = 400
    return render(
        request,
        "projects/milestones/form.html",
        {
            "project": project,
            "milestone": milestone,
            "form": form,
            "error_list": errors,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_withdrawal(request, pk, milestone_pk):
    project = editable_project(request, pk)
    milestone = _milestone(project, milestone_pk)
    if milestone.is_withdrawn:
        return redirect("projects:milestone", pk=project.pk, milestone_pk=milestone.pk)
    form = WithdrawalForm(request.POST or None, initial={"version": project.version})
    status, conflict = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            milestone_withdraw(
                milestone=milestone,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ConflictError:
            form = _conflict_form(WithdrawalForm, request, project)
            status, conflict = 409, CONFLICT.format(project=project.name)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, f"Milestone “{milestone.title}” withdrawn.")
            return redirect("projects:milestones", pk=project.pk)
    errors = [("#main-content", conflict)] if conflict else error_summary(form)
    return render(
        request,
        "projects/milestones/withdraw.html",
        {
            "project": project,
            "milestone": milestone,
            "form": form,
            "error_list": errors,
            "may_delete": not has_been_reported(milestone),
        },
        status=status if conflict or not errors else 400,
    )


def _plan_button(request, pk, milestone_pk, act, *, undone):
    """A button of the plan page (move, delete): `act(milestone, version)` under the
    version the page was opened at; a stale page changes nothing and says so."""
    project = editable_project(request, pk)
    milestone = _milestone(project, milestone_pk)
    form = PlanVersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The page was out of date: try again.")
        return redirect("projects:milestones", pk=project.pk)
    try:
        done = act(milestone, form.cleaned_data["version"])
    except ConflictError:
        messages.error(
            request,
            f"{project.name} was changed by someone else after you opened this page: "
            f"nothing was {undone}. Check the milestones below and try again.",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if done:
            messages.success(request, done)
    return redirect("projects:milestones", pk=project.pk)


@login_required
@require_POST
def milestone_reorder(request, pk, milestone_pk):
    def move(milestone, version):
        up = request.POST.get("direction") != "down"
        milestone_move(milestone=milestone, version=version, up=up)

    return _plan_button(request, pk, milestone_pk, move, undone="moved")


@login_required
@require_POST
def milestone_removal(request, pk, milestone_pk):
    def delete(milestone, version):
        milestone_delete(milestone=milestone, version=version)
        return f"Milestone “{milestone.title}” deleted."

    return _plan_button(request, pk, milestone_pk, delete, undone="deleted")
