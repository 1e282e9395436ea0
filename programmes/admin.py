from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Kpi,
    KpiActual,
    Organisation,
    Person,
    Programme,
    RagLevel,
    RagScale,
    Strategy,
    StrategyHeadline,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


class RagLevelInline(admin.TabularInline):
    model = RagLevel
    extra = 0


@admin.register(RagScale)
class RagScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "levels__label", "levels__words"]
    inlines = [RagLevelInline]


@admin.register(RagLevel)
class RagLevelAdmin(admin.ModelAdmin):
    list_display = ["label", "words", "code", "scale", "order", "colour"]
    list_filter = ["scale"]
    search_fields = ["label", "words", "code"]


class ProgrammeInline(admin.TabularInline):
    model = Programme
    extra = 0
    fields = ["name", "order"]


class StrategyHeadlineInline(admin.TabularInline):
    model = StrategyHeadline
    extra = 0
    fields = ["figure", "order"]
    verbose_name = "headline figure"
    verbose_name_plural = "headline figures: what leads the dashboard and reports"


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["title", "period", "version", "approved_on", "rag_scale"]
    list_filter = ["rag_scale", "organisations"]
    search_fields = ["title", "period", "source"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["organisations"]
    # projects/admin.py adds the councils' cost shares, which are the projects app's.
    inlines = [StrategyHeadlineInline, ProgrammeInline]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "strategy", "owner", "order"]
    list_filter = ["strategy"]
    search_fields = ["name", "description"]
    list_select_related = ["strategy", "owner"]
    autocomplete_fields = ["owner"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "initials", "job_title", "organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["name", "initials", "job_title", "email", "user__username"]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["user"]


class KpiActualInline(admin.TabularInline):
    model = KpiActual
    extra = 0
    fields = ["period_end", "value", "entered_by"]
    autocomplete_fields = ["entered_by"]


@admin.register(Kpi)
class KpiAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "strategy", "programme", "target", "frequency", "owner"]
    list_filter = ["strategy", "frequency", "unit"]
    search_fields = ["code", "name"]
    list_select_related = ["strategy", "programme", "owner"]
    autocomplete_fields = ["strategy", "programme", "owner"]
    inlines = [KpiActualInline]
