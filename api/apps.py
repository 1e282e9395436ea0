from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only API under /api/v1/ for BI tools, and the personal tokens it takes.
    A read-side feature: it reads the domain apps and the dashboards' as-at view."""

    name = "api"
    verbose_name = "API"

    def ready(self):
        from . import authentication  # noqa: F401 - its OpenAPI extension registers itself
