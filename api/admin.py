from django.contrib import admin, messages

from .models import ApiToken, ApiTokenUse
from .tokens import token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their people (or `manage.py api_token`), never here; an
    administrator may revoke one, say when someone leaves."""

    list_display = ["name", "user", "hint", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username"]
    fields = ["user", "name", "hint", "created_at", "created_by", "revoked_at", "revoked_by"]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke the chosen tokens")
    def revoke(self, request, queryset):
        for token in queryset.live():
            token_revoke(token=token, by=request.user)
        messages.success(request, "The chosen tokens are revoked.")


@admin.register(ApiTokenUse)
class ApiTokenUseAdmin(admin.ModelAdmin):
    list_display = ["at", "token", "path", "status", "address"]
    list_filter = ["status"]
    search_fields = ["token__name", "token__user__username", "path"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
