from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.form_errors import error_summary
from core.query_params import configure_table
from core.workbooks import xlsx_response
from projects.models import Project

from .. import services
from ..audit import change_history
from ..export import change_register_workbook
from ..filters import ChangeFilter
from ..forms import ChangeForm, MoveForm, ProgressForm
from ..models import Contract, ContractChange
from ..rules import change_for_user
from ..services import ChangeConflictError
from ..tables import ChangeTable


@login_required
def change_register(request):
    changes = ChangeFilter(request.GET, queryset=ContractChange.objects.for_register())
    table = ChangeTable(changes.qs, order_by="status")
    configure_table(request, table, per_page=50)
    return render(
        request,
        "contracts/register.html",
        {
            "filter": changes,
            "table": table,
            "can_raise": request.user.has_perm("contracts.add_contractchange"),
        },
    )


@login_required
def change_register_export(request):
    changes = ChangeFilter(request.GET, queryset=ContractChange.objects.for_register()).qs
    content = change_register_workbook(changes)
    return xlsx_response(content, f"contract-changes-{timezone.localdate():%Y-%m-%d}.xlsx")


@login_required
def change_detail(request, pk):
    change = get_object_or_404(ContractChange.objects.for_detail(), pk=pk)
    shares = list(change.apportionments.select_related("council"))
    for share in shares:
        share.change = change  # the pounds are worked out from this change's amounts
    return render(
        request,
        "contracts/change_detail.html",
        {
            "change": change,
            "shares": shares,
            "share_total": sum(share.percentage for share in shares),
            "projects": Project.objects.for_list().filter(contract_changes=change),
            "transitions": change.transitions.select_related("by"),
            "progress_log": change.progress_log.select_related("author"),
            "history": change_history(change),
            "can_edit": request.user.has_perm("contracts.change_contractchange", change),
        },
    )


@login_required
def change_raise_choose(request):
    """Raising starts from a contract; with only one there is nothing to choose."""
    if not request.user.has_perm("contracts.add_contractchange"):
        raise PermissionDenied("Only officers and administrators raise contract changes.")
    contracts = list(Contract.objects.all())
    if len(contracts) == 1:
        return redirect("contracts:change_raise", pk=contracts[0].pk)
    return render(request, "contracts/change_choose.html", {"contracts": contracts})


@login_required
@require_http_methods(["GET", "POST"])
def change_raise(request, pk):
    if not request.user.has_perm("contracts.add_contractchange"):
        raise PermissionDenied("Only officers and administrators raise contract changes.")
    contract = get_object_or_404(Contract, pk=pk)
    form = ChangeForm(request.POST or None, contract=contract, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.change_raise(
                contract=contract,
                author=request.user,
                fields=form.detail_fields(),
                councils_affected=form.cleaned_data["councils_affected"],
                projects=form.cleaned_data["projects"],
                shares=form.shares(),
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"Change raised: {change.title}. Its status is Proposed.")
            return redirect("contracts:change", pk=change.pk)
    return _render_form(request, form, contract=contract, change=None)


@login_required
@require_http_methods(["GET", "POST"])
def change_edit(request, pk):
    change = change_for_user(request, pk, queryset=ContractChange.objects.for_detail())
    data = request.POST if request.method == "POST" else None
    form = ChangeForm(
        data,
        instance=change,
        contract=change.contract,
        user=request.user,
        initial={"version": change.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_edit(
                change=change,
                author=request.user,
                version=form.cleaned_data["version"],
                fields=form.detail_fields(),
                councils_affected=form.cleaned_data["councils_affected"],
                projects=form.cleaned_data["projects"],
                shares=form.shares(),
            )
        except ChangeConflictError as conflict:
            fresh = ContractChange.objects.for_detail().get(pk=change.pk)
            retry = ChangeForm(
                _at_version(request.POST, conflict),
                instance=fresh,
                contract=fresh.contract,
                user=request.user,
            )
            return _conflict(
                request, "contracts/change_form.html", retry, conflict, contract=fresh.contract
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, f"Change saved: {change.title}.")
            return redirect("contracts:change", pk=change.pk)
    return _render_form(request, form, contract=change.contract, change=change)


@login_required
@require_http_methods(["GET", "POST"])
def change_move(request, pk):
    change = change_for_user(request, pk, queryset=ContractChange.objects.for_detail())
    if request.method == "POST":
        form = MoveForm(request.POST, change=change)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.change_move(
                    change=change,
                    author=request.user,
                    version=data["version"],
                    to_status=data["to_status"],
                    on=data["on"],
                    reason=data["reason"],
                    decision_maker=data["decision_maker"],
                    decision_date=data["decision_date"],
                    tupe_transfer_date=data["tupe_transfer_date"],
                )
            except ChangeConflictError as conflict:
                fresh = ContractChange.objects.for_detail().get(pk=change.pk)
                retry = MoveForm(_at_version(request.POST, conflict), change=fresh)
                return _conflict(
                    request, "contracts/change_move.html", retry, conflict, change=fresh
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, f"{change.title} moved to {change.status_label}.")
                return redirect("contracts:change", pk=change.pk)
    else:
        form = MoveForm(
            change=change,
            initial={
                "version": change.version,
                "on": timezone.localdate(),
                "decision_maker": change.decision_maker,
                "decision_date": change.decision_date,
            },
        )
    return _render(request, "contracts/change_move.html", form, change=change)


@login_required
@require_http_methods(["GET", "POST"])
def change_progress(request, pk):
    change = change_for_user(request, pk, queryset=ContractChange.objects.for_detail())
    if request.method == "POST":
        form = ProgressForm(request.POST)
        if form.is_valid():
            try:
                services.change_progress_add(
                    change=change,
                    author=request.user,
                    version=form.cleaned_data["version"],
                    progress=form.cleaned_data["progress"],
                )
            except ChangeConflictError as conflict:
                retry = ProgressForm(_at_version(request.POST, conflict))
                return _conflict(
                    request,
                    "contracts/change_progress.html",
                    retry,
                    conflict,
                    change=conflict.change,
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, "Progress added.")
                return redirect("contracts:change", pk=change.pk)
    else:
        form = ProgressForm(initial={"version": change.version})
    return _render(request, "contracts/change_progress.html", form, change=change)


def _at_version(post, conflict):
    data = post.copy()
    data["version"] = conflict.change.version
    return data


def _add_service_errors(form, error):
    """A service's ValidationError onto the form, by field where the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _render(request, template, form, *, status=200, **context):
    errors = error_summary(form)
    context.update({"form": form, "error_list": errors, "has_errors": bool(errors)})
    return render(request, template, context, status=status)


def _render_form(request, form, *, contract, change):
    return _render(request, "contracts/change_form.html", form, contract=contract, change=change)


def _conflict(request, template, form, conflict, **context):
    """Nothing was saved: show the form again at the new version, with what changed."""
    form.is_valid()
    context.setdefault("change", conflict.change)
    return _render(
        request,
        template,
        form,
        status=409,
        conflict=conflict,
        conflict_history=change_history(conflict.change, limit=5),
        **context,
    )
