"""Export all the portal's data to one JSON file (restore it with restore_portal)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate, or of no use in another database.
LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
]


class Command(BaseCommand):
    help = "Export every record (people, projects, history, reports and their PDFs) to a file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. var/portal-backup.json")

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=LEFT_OUT,
            output=file,
            indent=None,
            verbosity=0,
        )
        self.stdout.write(f"Backed up to {file}")
