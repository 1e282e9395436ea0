from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programmes.admin import StrategyAdmin
from programmes.models import Strategy

from .council_shares import cost_shares_problem
from .models import (
    Benefit,
    CostShare,
    Dependency,
    Issue,
    LifeBudget,
    Milestone,
    Project,
    ProjectFinance,
    RaidAction,
    Risk,
    Savings,
    StatusUpdate,
)


class BumpsProjectVersion:
    """Admin edits count as changes to the project: an officer's update form opened
    before them is refused with the conflict page instead of overwriting them."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Project.objects.bump_version(obj.pk if isinstance(obj, Project) else obj.project_id)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if isinstance(form.instance, Project) and any(f.has_changed() for f in formsets):
            Project.objects.bump_version(form.instance.pk)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = [
        "order",
        "title",
        "baseline_date",
        "forecast_date",
        "completed_on",
        "due_text",
        "delivery_status",
        "lead",
    ]
    autocomplete_fields = ["lead"]


class ProjectFinanceInline(admin.TabularInline):
    model = ProjectFinance
    extra = 0


class SavingsInline(admin.TabularInline):
    model = Savings
    extra = 0


class LifeBudgetInline(admin.StackedInline):
    model = LifeBudget
    extra = 0
    max_num = 1
    verbose_name = "budget over the project's life"


class CostSharesFormSet(forms.BaseInlineFormSet):
    """Each year's shares total 100% between the strategy's or contract's councils."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = [
            (f.cleaned_data["year"], f.cleaned_data["council"], f.cleaned_data["percentage"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        owner = self.instance
        # A strategy or contract being added has no saved partners yet: check totals only.
        partners = None
        if owner.pk:
            saved = owner.organisations if hasattr(owner, "organisations") else owner.partners
            partners = set(saved.all())
        problem = cost_shares_problem(rows, partners=partners)
        if problem:
            raise forms.ValidationError(problem)


class CostShareInline(admin.TabularInline):
    model = CostShare
    formset = CostSharesFormSet
    extra = 0
    fields = [
        "year",
        "council",
        "percentage",
        "basis",
        "element",
        "cost",
        "savings",
        "printed_basis",
    ]
    autocomplete_fields = ["element"]


# A strategy's page in the admin edits its councils' cost shares too: the shares are this
# app's, so it registers the strategy's admin again with them (tests/test_admin.py).
admin.site.unregister(Strategy)


@admin.register(Strategy)
class StrategyWithSharesAdmin(StrategyAdmin):
    inlines = [*StrategyAdmin.inlines, CostShareInline]


@admin.register(Project)
class ProjectAdmin(BumpsProjectVersion, SimpleHistoryAdmin):
    list_display = [
        "name",
        "reference",
        "programme",
        "sponsor",
        "manager",
        "lead",
        "lifecycle_status",
    ]
    list_filter = [
        "lifecycle_status",
        "plan_part",
        "programme__strategy",
        "programme",
        "councils_impacted",
    ]
    search_fields = [
        "name",
        "reference",
        "description",
        "sponsor__name",
        "manager__name",
        "lead__name",
    ]
    list_select_related = ["programme", "sponsor", "manager", "lead"]
    autocomplete_fields = ["sponsor", "manager", "lead", "editors"]
    filter_horizontal = ["councils_impacted"]
    inlines = [ProjectFinanceInline, SavingsInline, LifeBudgetInline, MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(BumpsProjectVersion, SimpleHistoryAdmin):
    list_display = [
        "title",
        "project",
        "baseline_date",
        "forecast_date",
        "completed_on",
        "due_text",
        "delivery_status",
    ]
    list_filter = ["delivery_status", "project__programme__strategy"]
    search_fields = ["title", "due_text", "project__name"]
    list_select_related = ["project"]
    autocomplete_fields = ["project", "lead"]
    date_hierarchy = "baseline_date"


@admin.register(StatusUpdate)
class StatusUpdateAdmin(BumpsProjectVersion, SimpleHistoryAdmin):
    list_display = ["project", "reported_on", "rag", "delivery_status", "author"]
    list_filter = ["rag__scale", "rag", "delivery_status"]
    search_fields = ["project__name", "progress", "next_steps", "issues"]
    list_select_related = ["project", "rag", "author"]
    autocomplete_fields = ["project", "author"]
    date_hierarchy = "reported_on"


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "description",
        "programme",
        "project",
        "status",
        "initial_rating_recorded",
        "residual_rating_recorded",
    ]
    list_filter = ["status", "programme"]
    search_fields = ["reference", "title", "description", "owner__name", "controls"]
    list_select_related = ["programme", "project", "strategy"]
    autocomplete_fields = ["project", "programme", "strategy", "owner"]


class RaidActionInline(admin.TabularInline):
    model = RaidAction
    extra = 0
    fields = ["description", "owner", "due_on", "done_on"]
    autocomplete_fields = ["owner"]


RiskAdmin.inlines = [RaidActionInline]


@admin.register(Issue)
class IssueAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "programme", "project", "priority", "status"]
    list_filter = ["status", "priority", "escalated_to"]
    search_fields = ["reference", "title", "description", "owner__name"]
    list_select_related = ["programme", "project", "strategy"]
    autocomplete_fields = ["project", "programme", "strategy", "owner"]
    inlines = [RaidActionInline]


@admin.register(Dependency)
class DependencyAdmin(SimpleHistoryAdmin):
    list_display = ["project", "milestone", "on_project", "on_milestone"]
    search_fields = ["project__name", "on_project__name", "note"]
    list_select_related = ["project", "milestone", "on_project", "on_milestone"]
    autocomplete_fields = ["project", "on_project"]
    raw_id_fields = ["milestone", "on_milestone"]


@admin.register(Benefit)
class BenefitAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "status", "project", "programme", "owner", "expected_on"]
    list_filter = ["kind", "status", "programme__strategy"]
    search_fields = ["reference", "description", "measure", "owner__name"]
    list_select_related = ["project", "programme", "owner"]
    autocomplete_fields = ["project", "programme", "owner"]
    exclude = ["version"]
