from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: settings, URLs, the WSGI/ASGI entry points, backups and the
    migrations that predate the apps' split (roles' groups; cabinet reports' tables,
    now the reports app's). Nothing imports it."""

    name = "portal"
    verbose_name = "Portal"
