"""After the meeting: the clerk records each recommendation's decision and the actions
arising; owners keep their actions up to date (reports/meeting_outcomes.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.form_errors import error_summary
from projects.access import person_of

from .meeting_outcomes import action_add, action_update, decisions_record
from .models import Action, Report, ReportMeeting
from .outcome_forms import ActionForm, ActionUpdateForm, DecisionsForm, PresentersForm


def _report_and_meeting(request, pk, meeting_pk):
    if not request.user.has_perm("reports.change_report"):
        raise PermissionDenied("Only clerks and administrators record decisions.")
    report = get_object_or_404(Report, pk=pk)
    meeting = get_object_or_404(report.meetings.select_related("body"), pk=meeting_pk)
    return report, meeting


def _decisions_page(request, report, meeting, form, action_form):
    errors = error_summary(form, action_form)
    return render(
        request,
        "reports/decisions.html",
        {
            "report": report,
            "meeting": meeting,
            "form": form,
            "action_form": action_form,
            "actions": report.actions.filter(meeting=meeting).select_related("owner"),
            "error_list": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decisions(request, pk, meeting_pk):
    report, meeting = _report_and_meeting(request, pk, meeting_pk)
    form = DecisionsForm.for_meeting(report, meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions_record(
                report=report, meeting=meeting, outcomes=form.outcomes(), by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, f"Decisions of {meeting} saved.")
            return redirect("reports:decisions", pk=report.pk, meeting_pk=meeting.pk)
    return _decisions_page(request, report, meeting, form, ActionForm())


@login_required
@require_POST
def action_new(request, pk, meeting_pk):
    report, meeting = _report_and_meeting(request, pk, meeting_pk)
    form = ActionForm(request.POST)
    if form.is_valid():
        try:
            action_add(report=report, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Action added.")
            return redirect("reports:decisions", pk=report.pk, meeting_pk=meeting.pk)
    decisions_form = DecisionsForm.for_meeting(report, meeting)
    return _decisions_page(request, report, meeting, decisions_form, form)


@login_required
def my_actions(request):
    """The actions the signed-in person owns, open first."""
    actions = (
        Action.objects.owned_by(person_of(request.user))
        .select_related("report__strategy", "report__contract", "meeting__body")
        .order_by("status", "due", "pk")
    )
    readable = set(Report.objects.visible_to(request.user).values_list("pk", flat=True))
    return render(request, "reports/my_actions.html", {"actions": actions, "readable": readable})


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request, pk):
    action = get_object_or_404(
        Action.objects.select_related(
            "report__strategy", "report__contract", "meeting__body", "owner"
        ),
        pk=pk,
    )
    if not request.user.has_perm("reports.change_action", action):
        raise PermissionDenied("Only the action's owner, clerks and administrators update it.")
    form = ActionUpdateForm(
        request.POST or None,
        initial={"version": action.version, "status": action.status, "progress": action.progress},
    )
    conflict = []
    if request.method == "POST" and form.is_valid():
        try:
            action_update(
                action=action,
                version=form.cleaned_data["version"],
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
            )
        except ValidationError as error:
            # Show what the other person saved; the form keeps this person's words and
            # now carries the version they have seen.
            action.refresh_from_db()
            conflict = [("#id_status_0", message) for message in error.messages]
            form = ActionUpdateForm(
                initial={
                    "version": action.version,
                    "status": form.cleaned_data["status"],
                    "progress": form.cleaned_data["progress"],
                }
            )
        else:
            messages.success(request, "Action updated.")
            return redirect("reports:my_actions")
    errors = conflict or error_summary(form)
    return render(
        request,
        "reports/action.html",
        {
            "action": action,
            "form": form,
            "error_list": errors,
            # An owner may not read the report's draft: its subject stands in for it.
            "report_readable": Report.objects.visible_to(request.user)
            .filter(pk=action.report_id)
            .exists(),
        },
        status=409 if conflict else 400 if errors else 200,
    )


@login_required
@require_POST
def meeting_presenters(request, pk):
    """Who presents the report at one of its meetings (its portfolio holders there)."""
    if not request.user.has_perm("reports.change_report"):
        raise PermissionDenied("Only clerks and administrators change a report.")
    link = get_object_or_404(ReportMeeting.objects.select_related("meeting__body"), pk=pk)
    form = PresentersForm(request.POST, instance=link)
    if form.is_valid():
        form.save()
        messages.success(request, f"Saved who presents it to {link.meeting}.")
    else:
        for message in form.errors.get("portfolio_holders", []):
            messages.error(request, message)
    return redirect("reports:detail", pk=link.report_id)
