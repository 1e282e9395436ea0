from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Telling people what needs them: by email and on their "Needs your attention" page.
    A read-side feature: it listens to the domain apps' saves and the reports app's
    renders (notifications.receivers) and imports them; none imports it."""

    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from . import receivers  # noqa: F401 - connect the receivers
