from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Milestone, Project, Risk, StatusUpdate


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


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
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
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
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
class StatusUpdateAdmin(SimpleHistoryAdmin):
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
    search_fields = ["reference", "description", "owner", "controls", "further_action"]
    list_select_related = ["programme", "project"]
    autocomplete_fields = ["project", "programme"]
