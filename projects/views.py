from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from core.form_errors import error_summary
from core.query_params import configure_table
from programmes.models import Programme, RagLevel, RagScale

from .access import person_of
from .audit import project_change_history
from .benefit_register import benefits_context
from .dependency_plan import dependencies_of
from .exports import projects_download
from .filters import ProjectFilter
from .finance import financial_levels, project_spend
from .forms import StatusUpdateForm, milestone_formset
from .models import DeliveryStatus, Project
from .money_tables import ProjectMoney
from .my_projects import my_projects
from .raid.registers import raid_registers
from .rules import project_for_user
from .schedule import assess_schedule
from .services import ConflictError, MilestoneChange, status_update_create
from .tables import ProjectTable


def _milestones_with_flags(milestones, today):
    for milestone in milestones:
        milestone.overdue = milestone.is_overdue(today)
    return milestones


@login_required
def project_detail(request, pk):
    project = get_object_or_404(Project.objects.for_detail(), pk=pk)
    today = timezone.localdate()
    milestones = _milestones_with_flags(list(project.milestones.for_plan()), today)
    updates = list(
        project.status_updates.select_related("rag", "author").prefetch_related("raised_issues")
    )
    current = updates[0] if updates else None
    dependencies = dependencies_of(project, today)
    schedule = assess_schedule(milestones, today, dependencies.problems)
    spend, finance_lines = project_spend(project, financial_levels())
    can_edit = request.user.has_perm("projects.change_project", project)
    return render(
        request,
        "projects/detail.html",
        {
            "money": ProjectMoney.of(
                spend, project.savings.all(), getattr(project, "life_budget", None)
            ),
            "latest_spend": spend[-1] if spend else None,
            "finance_lines": finance_lines,
            "project": project,
            "milestones": milestones,
            "updates": updates,
            "current": current,
            "rag_scale": project.rag_scale,
            "schedule": schedule,
            "schedule_level": schedule.level_on(project.rag_scale) if schedule else None,
            "raid": raid_registers(project, user=request.user, today=today),
            "dependencies": dependencies,
            "history": project_change_history(project),
            "can_edit": can_edit,
            **benefits_context(
                project.benefits.all(), user=request.user, holder=project, may_keep=can_edit
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_update(request, pk):
    project = project_for_user(request, pk, queryset=Project.objects.for_update())
    today = timezone.localdate()
    if request.method == "POST":
        form = StatusUpdateForm(request.POST, project=project)
        formset = milestone_formset(project, request.POST)
        if _valid(form, formset, project):
            try:
                status_update_create(
                    project=project,
                    author=request.user,
                    version=form.cleaned_data["version"],
                    rag=form.cleaned_data["rag"],
                    delivery_status=form.cleaned_data["delivery_status"],
                    progress=form.cleaned_data["progress"],
                    next_steps=form.cleaned_data["next_steps"],
                    issues=form.cleaned_data["issues"],
                    budget_rag=form.cleaned_data["budget_rag"],
                    budget_notes=form.cleaned_data["budget_notes"],
                    raised_issues=list(form.cleaned_data["raised_issues"]),
                    milestone_changes=[
                        MilestoneChange(
                            milestone_id=f.instance.pk,
                            forecast_date=f.cleaned_data["forecast_date"],
                            completed_on=f.cleaned_data["completed_on"],
                            delivery_status=f.cleaned_data["delivery_status"],
                        )
                        for f in formset.forms
                        if f.has_changed()  # the rest need not be read again to compare
                    ],
                )
            except ConflictError as conflict:
                return _conflict(request, project, form, formset, conflict)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, f"Status update saved for {project.name}.")
                return redirect("projects:detail", pk=project.pk)
    else:
        latest = project.latest_update
        form = StatusUpdateForm(
            project=project,
            initial={
                "version": project.version,
                "delivery_status": (latest.delivery_status if latest else "")
                or DeliveryStatus.STARTED,
                "rag": latest.rag if latest else None,
                "next_steps": latest.next_steps if latest else "",
            },
        )
        formset = milestone_formset(project)
    return _render_update(request, project, form, formset, today)


def _valid(form, formset, project):
    """Both forms valid, and Complete with open milestones confirmed."""
    valid = form.is_valid() & formset.is_valid()
    if not valid:
        return False
    if form.cleaned_data["delivery_status"] == DeliveryStatus.COMPLETE:
        # Every stored milestone counts, with the status this form gives it if it has
        # one: a form posted without its milestone rows cannot skip the question.
        posted = {f.instance.pk: f.cleaned_data["delivery_status"] for f in formset.forms}
        still_open = [
            milestone.title
            for milestone in project.milestones.planned()
            if posted.get(milestone.pk, milestone.delivery_status) != DeliveryStatus.COMPLETE
        ]
        if still_open and not form.cleaned_data["confirm_complete"]:
            form.needs_confirmation = still_open
            form.add_error(
                "confirm_complete",
                f"{len(still_open)} milestone{'s are' if len(still_open) > 1 else ' is'} "
                "still open: confirm the project is complete, or choose another status",
            )
            return False
    return True


def _render_update(request, project, form, formset, today, status=200, extra=None):
    # Flags and the schedule RAG describe what is saved, not what was just typed (a
    # bound ModelForm has already copied the typed values onto its instance).
    stored = {m.pk: m for m in project.milestones.select_related("lead")}
    schedule = assess_schedule(
        list(stored.values()), today, dependencies_of(project, today).problems
    )
    rows = []
    for f in formset.forms:
        saved = stored.get(f.instance.pk, f.instance)
        rows.append((f, saved, saved.is_overdue(today)))
    context = {
        "project": project,
        "form": form,
        "formset": formset,
        "rows": rows,
        "schedule": schedule,
        "schedule_level": schedule.level_on(project.rag_scale) if schedule else None,
        "rag_scale": project.rag_scale,
        "error_list": error_summary(form, formset),
    }
    context["has_errors"] = bool(context["error_list"])
    context.update(extra or {})
    return render(request, "projects/update.html", context, status=status)


def _conflict(request, project, form, formset, conflict):
    """Their change beside yours; your text stays in a form opened at the new version."""
    data = request.POST.copy()
    data["version"] = conflict.project.version
    retry = StatusUpdateForm(data, project=project)
    retry.is_valid()
    # Milestone rows start again from what is saved now, so saving again cannot put
    # back dates the other person changed; the officer's own changes are listed.
    your_milestones = [
        (f.instance.title, f.fields[name].label or name, f.cleaned_data.get(name))
        for f in formset.forms
        for name in f.changed_data
        if name in f.cleaned_data
    ]
    return _render_update(
        request,
        project,
        retry,
        milestone_formset(project),
        timezone.localdate(),
        status=409,
        extra={
            "conflict": conflict,
            "yours": form.cleaned_data,
            "your_milestones": your_milestones,
        },
    )


@login_required
def project_list(request):
    projects = ProjectFilter(request.GET, queryset=Project.objects.for_list())
    levels = RagLevel.objects.in_bulk()
    table = ProjectTable(projects.qs, levels=levels, order_by="name")
    configure_table(request, table, per_page=50)
    # The key of every scale on this page: RAG is never shown without its words.
    shown = {row.record.current_rag_id for row in table.paginated_rows} - {None}
    scales = RagScale.objects.filter(levels__in=shown).distinct().prefetch_related("levels")
    return render(
        request, "projects/list.html", {"filter": projects, "table": table, "scales": scales}
    )


@login_required
def project_export(request):
    """The project list as it is filtered, as a spreadsheet."""
    # The list's RAG filter reads the current RAG, so the rows carry it as the list's do
    # (tests/test_spreadsheet_exports.py).
    projects = ProjectFilter(request.GET, queryset=Project.objects.with_current_rag()).qs
    return projects_download(projects, layout=request.GET.get("layout"), name="projects")


@login_required
def programme_export(request, pk):
    """A programme's projects as a spreadsheet."""
    programme = get_object_or_404(Programme, pk=pk)
    return projects_download(
        Project.objects.filter(programme=programme),
        layout=request.GET.get("layout"),
        name=slugify(programme.name),
    )


@login_required
def portfolio_export(request):
    """Every project of every strategy, as a spreadsheet."""
    return projects_download(
        Project.objects.all(), layout=request.GET.get("layout"), name="portfolio"
    )


@login_required
def my_projects_page(request):
    person = person_of(request.user)
    today = timezone.localdate()
    mine = my_projects(person, today) if person else None
    return render(request, "projects/my_projects.html", {"mine": mine, "today": today})
