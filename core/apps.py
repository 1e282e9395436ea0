from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The base layer: roles, permissions plumbing, form fields, the xlsx writer, PDF
    rendering, chart geometry and the calendar. It imports no app of ours."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import request_id, sessions  # noqa: F401 - connect their signals
