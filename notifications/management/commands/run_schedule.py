"""`manage.py run_schedule`: the portal's scheduled work, for cron or a systemd timer
(README, Background work). Run it hourly; running it twice, or late, does no harm: each
reminder and digest is sent once, and pruning only removes what is old enough."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.task_queue import workers_expected
from notifications.reminders import remind_updates_due
from notifications.sending import send_digests
from projects.models import TrackerImport

# Finished tasks' records are kept this long, for an administrator to see what ran.
TASK_RESULTS_KEPT_DAYS = 14


class Command(BaseCommand):
    help = (
        "Send the reminders due before each cut-off and the weekly digests, and prune "
        "finished tasks, abandoned uploads and the API's old log. Safe to run twice."
    )

    def handle(self, *args, **options):
        if not settings.PORTAL_BASE_URL:
            raise CommandError(
                "Set PORTAL_BASE_URL (the address people reach the portal at) for the links."
            )
        today = timezone.localdate()
        reminded = remind_updates_due(today=today)
        digests = send_digests(today=today)
        uploads, _ = TrackerImport.objects.expired().delete()
        if workers_expected():  # tasks kept in the database, not run as queued
            call_command(
                "prune_db_task_results",
                min_age_days=TASK_RESULTS_KEPT_DAYS,
                queue_name="*",
                verbosity=0,
            )
        # The API's log of token uses is the API app's to prune (a command, not an import:
        # the API sits above this app).
        call_command("prune_api_token_uses", verbosity=0, stdout=StringIO())
        self.stdout.write(
            f"Reminded {reminded} officer{'s' if reminded != 1 else ''} of updates due; "
            f"sent {digests} digest{'s' if digests != 1 else ''}; deleted {uploads} "
            f"upload{'s' if uploads != 1 else ''} a week old; pruned task results over "
            f"{TASK_RESULTS_KEPT_DAYS} days old."
        )
