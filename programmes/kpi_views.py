"""KPI pages: a strategy's KPIs with their trends, read by everyone signed in; a KPI's
own page, where its owner (or an administrator) enters an actual; and an upload of many
actuals at once (programmes.kpi_actuals)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.charts import sparkline
from core.form_errors import error_summary
from core.workbook_safety import RefusedWorkbook, check_size

from .access import kpis_entered_by_filter
from .kpi_actuals import kpi_actual_enter, kpi_actuals_import, read_actuals
from .kpi_forms import KpiActualForm, KpiUploadForm
from .models import Kpi, Strategy

TREND_LENGTH = 8  # as the dashboard's trend: two years of a quarterly KPI


def _list_context(strategy, upload_form, **extra):
    """A strategy's KPIs, each with its latest actual and that actual's RAG."""
    rows = []
    for kpi in Kpi.objects.of_strategy(strategy):
        latest = next(iter(kpi.actuals.all()), None)
        rows.append((kpi, latest, kpi.rag_of(latest.value) if latest else ""))
    return {"strategy": strategy, "kpis": rows, "upload_form": upload_form, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def kpi_detail(request, pk):
    kpi = get_object_or_404(
        Kpi.objects.select_related("strategy", "programme__strategy", "owner"), pk=pk
    )
    may_enter = request.user.has_perm("programmes.add_kpiactual", kpi)
    today = timezone.localdate()
    form = None
    if may_enter:
        form = KpiActualForm(request.POST or None, kpi=kpi, today=today)
    if request.method == "POST":
        if not may_enter:
            raise PermissionDenied("Only the KPI's owner or an administrator enters its actuals.")
        if form.is_valid():
            entered = kpi_actual_enter(
                kpi=kpi,
                period_end=form.cleaned_data["period_end"],
                value=form.cleaned_data["value"],
                by=request.user,
            )
            done = f"{kpi.code}: {kpi.shown(entered.value)} to {entered.period_end:%-d %B %Y}"
            if entered.replaced is not None:
                done += f" (it was {kpi.shown(entered.replaced)})"
            messages.success(request, f"Saved the actual. {done}, {kpi.rag_words(entered.value)}.")
            return redirect("kpis:detail", pk=kpi.pk)
    actuals = list(kpi.actuals.select_related("entered_by").order_by("-period_end"))
    oldest_first = list(reversed(actuals[:TREND_LENGTH]))
    errors = error_summary(form) if form is not None and form.errors else []
    return render(
        request,
        "programmes/kpi_detail.html",
        {
            "kpi": kpi,
            "strategy": kpi.strategy or kpi.programme.strategy,
            "actuals": [(actual, kpi.rag_of(actual.value)) for actual in actuals],
            "form": form,
            "may_enter": may_enter,
            "chart": sparkline([a.value for a in oldest_first], target=kpi.target),
            "trend_count": len(oldest_first),
            "described": kpi.trend_words(oldest_first),
            "error_list": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def kpi_list(request, pk):
    strategy = get_object_or_404(Strategy, pk=pk)
    enterable = Kpi.objects.of_strategy(strategy).filter(kpis_entered_by_filter(request.user))
    form = KpiUploadForm() if enterable.exists() else None
    return render(request, "programmes/kpi_list.html", _list_context(strategy, form))


@login_required
@require_POST
def kpi_upload(request, pk):
    strategy = get_object_or_404(Strategy, pk=pk)
    if not Kpi.objects.of_strategy(strategy).filter(kpis_entered_by_filter(request.user)).exists():
        raise PermissionDenied("You do not own any of this strategy's KPIs.")
    form = KpiUploadForm(request.POST, request.FILES)
    problems = []
    if form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            check_size(upload.name, upload.size)
            rows = read_actuals(upload.name, upload.read())
            entered = kpi_actuals_import(
                strategy=strategy, rows=rows, by=request.user, today=timezone.localdate()
            )
        except RefusedWorkbook as refusal:
            problems = [str(refusal)]
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request, f"Saved {len(entered)} actual{'s' if len(entered) != 1 else ''}."
            )
            return redirect("kpis:list", pk=strategy.pk)
    context = _list_context(strategy, form, upload_problems=problems)
    return render(request, "programmes/kpi_list.html", context, status=400)
