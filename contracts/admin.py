from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contract, ContractChange, GovernanceBody


@admin.register(GovernanceBody)
class GovernanceBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(Contract)
class ContractAdmin(SimpleHistoryAdmin):
    list_display = ["name", "supplier", "start_date", "end_date", "value"]
    list_filter = ["supplier", "partners"]
    search_fields = ["name", "term", "supplier__name"]
    list_select_related = ["supplier"]
    filter_horizontal = ["partners", "governance_bodies"]
    autocomplete_fields = ["managers"]


@admin.register(ContractChange)
class ContractChangeAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "reference",
        "contract",
        "category",
        "status",
        "cost_neutral",
        "decision_date",
    ]
    list_filter = ["status", "category", "cost_neutral", "contract", "councils_affected"]
    search_fields = ["reference", "title", "description", "decision_maker"]
    list_select_related = ["contract"]
    filter_horizontal = ["councils_affected"]
    autocomplete_fields = ["projects", "managers"]
