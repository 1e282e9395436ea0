from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import SecondFactorReset

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
