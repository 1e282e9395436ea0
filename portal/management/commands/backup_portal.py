"""Export all the portal's data to one JSON file (restore it with restore_portal)."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

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
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                # One snapshot for every table, so a save during the backup cannot
                # leave a record pointing at one the file does not hold.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            self._dump(file)
        # It holds password hashes and personal data: readable by its owner only.
        os.chmod(file, 0o600)
        self.stdout.write(f"Backed up to {file}")

    def _dump(self, file):
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=LEFT_OUT,
            output=file,
            indent=None,
            verbosity=0,
        )
