"""`manage.py prune_api_token_uses`: forgets API token uses older than
PORTAL_API_LOG_DAYS. `run_schedule` runs it each hour; a BI tool refreshing eight times
a day writes some 3,000 rows a year a token."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from api.models import ApiTokenUse


class Command(BaseCommand):
    help = "Delete the log of API token uses older than PORTAL_API_LOG_DAYS."

    def handle(self, *args, **options):
        before = timezone.now() - timedelta(days=settings.PORTAL_API_LOG_DAYS)
        deleted, _ = ApiTokenUse.objects.filter(at__lt=before).delete()
        self.stdout.write(f"Deleted {deleted} API token uses from before {before:%d/%m/%Y}.")
