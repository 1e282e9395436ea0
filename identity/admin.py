from django.conf import settings
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import CouncilAccount, SecondFactorReset

# A second factor is set up by its owner and removed by another administrator on the
# record (identity/views/lost_device.py): django-otp's device pages would let anyone with
# the admin site read a secret or delete a device with no reason kept.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(admin.ModelAdmin):
    """The audit of lost-device resets: read, never written or removed here."""

    list_display = ["reset_at", "person_username", "reset_by_username", "reason"]
    list_filter = ["reset_at"]
    search_fields = ["person_username", "reset_by_username", "reason"]
    date_hierarchy = "reset_at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CouncilAccount)
class CouncilAccountAdmin(admin.ModelAdmin):
    """Which council account signs in as whom. Adding one is how an administrator links a
    privileged sign-in, which an email address alone never does; removing one lets the
    account's address link afresh (README, "Signing in with the council's account")."""

    list_display = ["user", "issuer", "subject", "linked_at"]
    search_fields = ["user__username", "user__email", "subject"]
    autocomplete_fields = ["user"]
    readonly_fields = ["linked_at"]

    def get_changeform_initial_data(self, request):
        return {
            "issuer": settings.PORTAL_OIDC_ISSUER,
            **super().get_changeform_initial_data(request),
        }

    def has_change_permission(self, request, obj=None):
        return False  # remove it and add another: a link is made or undone, never edited
