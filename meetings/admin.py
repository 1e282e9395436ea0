from django.contrib import admin

from .models import Body, Meeting, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "cycle"]
    list_filter = ["kind", "cycle"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["organisations", "strategies"]
    inlines = [MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["body", "date", "venue"]
    list_filter = ["body"]
    date_hierarchy = "date"
