from django import forms
from django.contrib import admin
from django.db.models import F
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from programmes.shares import shares_problem
from projects.admin import CostShareInline

from .lifecycle import REGISTER_ORDER
from .models import (
    Apportionment,
    ChangeProgress,
    ChangeStatus,
    ChangeTransition,
    Contract,
    ContractChange,
)


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ["name", "supplier", "start_date", "end_date", "value"]
    list_filter = ["supplier", "partners"]
    search_fields = ["name", "term", "supplier__name"]
    list_select_related = ["supplier"]
    filter_horizontal = ["partners", "governance_bodies"]
    autocomplete_fields = ["managers"]
    inlines = [CostShareInline]


class SharesFormSet(forms.BaseInlineFormSet):
    """The admin keeps the portal's rule: shares total 100%, partners only."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        shares = {}
        for form in self.forms:
            if form.cleaned_data and not form.cleaned_data.get("DELETE"):
                council = form.cleaned_data.get("council")
                if council is not None:
                    shares[council] = form.cleaned_data.get("percentage")
        change = self.instance
        partners = set(change.contract.partner_councils()) if change.contract_id else set()
        problem = shares_problem(shares, partners=partners, has_costs=change.has_costs)
        if problem:
            raise forms.ValidationError(problem)


class ApportionmentInline(admin.TabularInline):
    model = Apportionment
    formset = SharesFormSet
    extra = 0


class TransitionInline(admin.TabularInline):
    """Read only: a move is made on the change's page, so it is dated with who and why."""

    model = ChangeTransition
    extra = 0
    can_delete = False
    fields = ["on", "from_status", "to_status", "reason", "by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ProgressInline(admin.TabularInline):
    model = ChangeProgress
    extra = 0
    fields = ["reported_on", "progress", "author"]
    readonly_fields = ["author"]


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(s, ChangeStatus(s).label) for s in REGISTER_ORDER]

    def queryset(self, request, queryset):
        return queryset.filter(current_status=self.value()) if self.value() else queryset


@admin.register(ContractChange)
class ContractChangeAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "reference",
        "contract",
        "category",
        "status_label",
        "cost_neutral",
        "decision_date",
    ]
    list_filter = [StatusFilter, "category", "cost_neutral", "contract", "councils_affected"]
    search_fields = ["reference", "title", "description", "decision_maker"]
    list_select_related = ["contract"]
    filter_horizontal = ["councils_affected"]
    autocomplete_fields = ["projects", "managers"]
    inlines = [ApportionmentInline, TransitionInline, ProgressInline]

    @admin.display(description="Status")
    def status_label(self, obj):
        return obj.status_label

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            ChangeTransition.objects.create(
                change=obj,
                to_status=ChangeStatus.PROPOSED,
                on=timezone.localdate(),
                reason="Raised in the administration pages",
                by=request.user,
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An admin edit counts as a change: a portal form opened before it is
        # refused with the conflict page instead of overwriting it.
        ContractChange.objects.filter(pk=form.instance.pk).update(version=F("version") + 1)
