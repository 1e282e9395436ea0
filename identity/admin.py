from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .council_people import LinkRefused, link
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
    privileged sign-in, which an email address alone never does (README, "Signing in with
    the council's account").

    Only a superuser adds one: a council sign-in counts as the second factor for /admin/, so
    whoever could link a superuser's sign-in to their own council account could become
    them. None is removed or changed here: without its link, the next sign-in with the
    address would take the last holder's sign-in, person, roles and API tokens
    (tests/test_council_accounts.py)."""

    list_display = ["user", "issuer", "subject", "linked_at"]
    search_fields = ["user__username", "user__email", "subject"]
    autocomplete_fields = ["user"]
    readonly_fields = ["linked_at"]

    def get_changeform_initial_data(self, request):
        return {
            "issuer": settings.PORTAL_OIDC_ISSUER,
            **super().get_changeform_initial_data(request),
        }

    def has_add_permission(self, request):
        return request.user.is_superuser and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return False  # a link is made, never edited

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Through the service `manage.py link_council_account` uses (identity/council_people.py).
        try:
            link(user=obj.user, issuer=obj.issuer, subject=obj.subject)
        except LinkRefused as refused:
            raise PermissionDenied(str(refused)) from None
        linked = CouncilAccount.objects.get(user=obj.user)
        obj.pk, obj.linked_at = linked.pk, linked.linked_at
        obj._state.adding = False
