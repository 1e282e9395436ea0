from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.query_params import configure_table
from programmes.models import Programme, RagLevel, Strategy
from projects.models import Project

from ..models import Contract
from ..summaries import PLAN_PARTS, changes_by_status, plan_summary
from ..tables import ChangeTable


@login_required
def contract_list(request):
    return render(request, "contracts/list.html", {"contracts": Contract.objects.for_list()})


@login_required
def contract_detail(request, pk):
    contract = get_object_or_404(Contract.objects.for_detail(), pk=pk)
    changes = contract.changes.all()
    table = ChangeTable(changes.for_register(), order_by="status", exclude=("contract",))
    configure_table(request, table, per_page=25)
    plans = Strategy.objects.filter(contract=contract).for_dashboard()
    return render(
        request,
        "contracts/detail.html",
        {
            "contract": contract,
            "table": table,
            "status_counts": changes_by_status(changes),
            "plans": plan_summary(plans),
            "can_raise": request.user.has_perm("contracts.add_contractchange"),
        },
    )


@login_required
def plan_area(request, pk):
    """One service area of a contract's annual plan, its items in the plan's three parts."""
    area = get_object_or_404(
        Programme.objects.select_related("strategy__contract", "strategy__rag_scale"), pk=pk
    )
    if area.strategy.contract is None:
        raise Http404("This programme is not part of a contract's annual plan.")
    items = list(
        Project.objects.filter(programme=area)
        .with_current_rag()
        .select_related("lead")
        .prefetch_related("councils_impacted", "milestones")
        .order_by("order", "name")
    )
    levels = RagLevel.objects.in_bulk({item.current_rag_id for item in items} - {None})
    for item in items:
        item.rag = levels.get(item.current_rag_id)
    parts = [
        (label, [item for item in items if item.plan_part == part]) for part, label in PLAN_PARTS
    ]
    unplaced = [item for item in items if not item.plan_part]
    if unplaced:
        parts.append(("Not placed in a part", unplaced))
    return render(
        request,
        "contracts/plan_area.html",
        {
            "area": area,
            "plan": area.strategy,
            "contract": area.strategy.contract,
            "parts": parts,
            "rag_scale": area.strategy.rag_scale,
        },
    )
