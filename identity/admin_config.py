"""django.contrib.admin with the portal's own site, in INSTALLED_APPS in its place.

A module of its own: INSTALLED_APPS imports it before any model is ready, and
identity/apps.py may hold only the identity app's config."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The default `admin.site` is the one that asks for a second factor
    (identity/admin_site.py)."""

    default_site = "identity.admin_site.PortalAdminSite"
