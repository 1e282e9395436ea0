from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import request_id, sessions, table_cells  # noqa: F401 - connect their signals

        table_cells.install()
