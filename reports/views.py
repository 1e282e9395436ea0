from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from core.form_errors import error_summary
from core.query_params import day_param
from core.task_queue import live_worker_ids, workers_expected
from projects.models import Project

from .forms import ReportForm, ScopeForm, starting_text
from .forward_plan import forward_plan
from .frozen import build_snapshot
from .highlight import chosen_period, highlight_report
from .highlight_packs import retry_pack_render
from .issuing import report_issue, retry_issue_render
from .models import Action, Decision, HighlightPack, Report, ReportIssue, ReportMeeting
from .render import pdf_from_html, pdf_response, render_html, render_pdf
from .render_tasks import is_stuck


def _require_clerk(request):
    if not request.user.has_perm("reports.change_report"):
        raise PermissionDenied("Only clerks and administrators compose and issue reports.")


@login_required
def report_list(request):
    issues = (
        ReportIssue.objects.visible_to(request.user)
        .select_related("issued_by")
        .defer("pdf", "snapshot")
    )
    reports = (
        Report.objects.visible_to(request.user)
        .select_related("strategy", "contract")
        .prefetch_related(Prefetch("issues", queryset=issues))
    )
    return render(
        request,
        "reports/list.html",
        {"reports": reports, "can_compose": request.user.has_perm("reports.add_report")},
    )


@login_required
def forward_plan_page(request):
    """/meetings/: the meetings ahead and behind, and the reports due to each."""
    upcoming, past = forward_plan(user=request.user, today=timezone.localdate())
    return render(
        request,
        "reports/forward_plan.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_compose": request.user.has_perm("reports.add_report"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    _require_clerk(request)
    scope = ScopeForm(request.GET or None)
    if not scope.is_bound or not scope.is_valid():
        errors = error_summary(scope) if scope.is_bound else []
        return render(request, "reports/scope.html", {"form": scope, "error_list": errors})
    strategy, contract = scope.cleaned_data["strategy"], scope.cleaned_data["contract"]
    form = ReportForm(
        request.POST or None,
        strategy=strategy,
        contract=contract,
        initial=starting_text(strategy, contract),
    )
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        with transaction.atomic():  # the report and its meetings, programmes and authors
            report = form.save()
        messages.success(request, f"Report created: {report.title}.")
        return redirect("reports:detail", pk=report.pk)
    return _render_form(request, form, report=None)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    _require_clerk(request)
    report = get_object_or_404(Report, pk=pk)
    if report.is_final:
        raise PermissionDenied("The final version has been issued: start a new report.")
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Report saved.")
        return redirect("reports:detail", pk=report.pk)
    return _render_form(request, form, report=report)


def _render_form(request, form, *, report):
    errors = error_summary(form)
    return render(
        request,
        "reports/form.html",
        {"form": form, "report": report, "error_list": errors, "has_errors": bool(errors)},
    )


@login_required
def report_detail(request, pk):
    report = get_object_or_404(
        Report.objects.visible_to(request.user)
        .select_related("strategy", "contract")
        .prefetch_related(
            "programmes",
            "authors",
            Prefetch("meeting_links", ReportMeeting.objects.select_related("meeting__body")),
            Prefetch("decisions", Decision.objects.order_by("number")),
            Prefetch("actions", Action.objects.select_related("owner")),
        ),
        pk=pk,
    )
    issues = list(
        ReportIssue.objects.visible_to(request.user)
        .filter(report=report)
        .select_related("issued_by")
        .defer("pdf", "snapshot")
    )
    for issue in issues:
        issue.stuck = is_stuck(issue, queued_at=issue.issued_at)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "issues": issues,
            "is_final": any(issue.is_final for issue in issues),
            "can_compose": request.user.has_perm("reports.change_report"),
        },
    )


@login_required
def report_preview(request, pk):
    _require_clerk(request)
    report = get_object_or_404(Report, pk=pk)
    return HttpResponse(render_html(build_snapshot(report), preview=True))


@login_required
def report_preview_pdf(request, pk):
    _require_clerk(request)
    report = get_object_or_404(Report, pk=pk)
    pdf, _ = render_pdf(build_snapshot(report))
    return pdf_response(pdf, f"{slugify(report.title)}-preview.pdf")


@login_required
@require_POST
def report_issue_create(request, pk):
    _require_clerk(request)
    report = get_object_or_404(Report, pk=pk)
    try:
        issue = report_issue(
            report=report, by=request.user, final=request.POST.get("final") == "yes"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:detail", pk=report.pk)
    return redirect("reports:issue", pk=issue.pk)


@login_required
def issue_detail(request, pk):
    issue = get_object_or_404(
        ReportIssue.objects.visible_to(request.user)
        .select_related("report", "issued_by", "highlight_pack")
        .defer("pdf", "highlight_pack__pdf"),
        pk=pk,
    )
    issue.stuck = is_stuck(issue, queued_at=issue.issued_at)
    pack = getattr(issue, "highlight_pack", None)
    if pack is not None:
        pack.stuck = is_stuck(pack, queued_at=issue.issued_at)
    waiting = [
        rendered
        for rendered in (issue, pack)
        if rendered is not None
        and rendered.state in (ReportIssue.State.QUEUED, ReportIssue.State.RENDERING)
    ]
    return render(
        request,
        "reports/issue.html",
        {
            "issue": issue,
            "pack": pack,
            "can_compose": request.user.has_perm("reports.change_report"),
            # The page checks again until both PDFs are made, or one has no worker.
            "refresh": waiting and not any(rendered.stuck for rendered in waiting),
            "no_worker": waiting and workers_expected() and not live_worker_ids(),
        },
    )


@login_required
def issue_download(request, pk):
    issue = get_object_or_404(
        ReportIssue.objects.visible_to(request.user), pk=pk, state=ReportIssue.State.ISSUED
    )
    name = f"{slugify(issue.report.title)}-{slugify(issue.label)}.pdf"
    return pdf_response(bytes(issue.pdf), name, download=True)


@login_required
def highlight_pack_download(request, pk):
    """The highlight reports that go with an issued version: for whoever may read it."""
    pack = get_object_or_404(
        HighlightPack.objects.select_related("issue__report"),
        issue__in=ReportIssue.objects.visible_to(request.user),
        issue__pk=pk,
        state=HighlightPack.State.ISSUED,
    )
    name = f"{slugify(pack.issue.report.title)}-{slugify(pack.issue.label)}-highlight-reports.pdf"
    return pdf_response(bytes(pack.pdf), name, download=True)


@login_required
@require_POST
def issue_retry(request, pk):
    _require_clerk(request)
    issue = get_object_or_404(ReportIssue, pk=pk)
    retry_issue_render(issue)
    return redirect("reports:issue", pk=issue.pk)


@login_required
@require_POST
def highlight_pack_retry(request, pk):
    _require_clerk(request)
    pack = get_object_or_404(HighlightPack.objects.select_related("issue"), issue__pk=pk)
    retry_pack_render(pack)
    return redirect("reports:issue", pk=pk)


@login_required
def project_highlight(request, pk):
    """The project's highlight report as a PDF, for its board."""
    project = get_object_or_404(Project.objects.for_detail(), pk=pk)
    today = timezone.localdate()
    chosen = day_param(
        request, "as_at", what="period", latest=today, fallback="the last whole period"
    )
    period = chosen_period(project, day=chosen, today=today)
    html = render_to_string(
        "reports/highlight.html",
        {"h": highlight_report(project, period=period), "levels": project.rag_scale.levels.all()},
    )
    pdf, _ = pdf_from_html(html)
    name = f"highlight-report-{slugify(project.name)}-{period[1]:%Y-%m-%d}.pdf"
    return pdf_response(pdf, name)
