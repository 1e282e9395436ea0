"""Load a backup_portal file into an empty database, all of it or nothing."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from projects.models import Project


def settle_deferred_constraints():
    """PostgreSQL refuses to TRUNCATE a table with foreign-key checks still deferred in
    this transaction: run them now (and defer them again: loaddata relies on it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class Command(BaseCommand):
    help = "Restore a backup made by backup_portal into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        if Project.objects.exists() or get_user_model().objects.exists():
            raise CommandError(
                "This database already holds projects or people: restore only into an "
                "empty one (create it and run migrate first). Nothing was changed."
            )
        with transaction.atomic():
            settle_deferred_constraints()
            # The migrations' own rows (role groups, RAG scales) come back from the file.
            # flush's post_migrate rebuilds content types and permissions, left out of backups.
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", file, verbosity=0)
        self.stdout.write(f"Restored from {file}")
