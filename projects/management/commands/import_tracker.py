"""Import a council's tracker from the command line: preview by default, write with --confirm.

    manage.py import_tracker FILE --strategy SLUG [--confirm]

The command runs as the server's operator, so it may add programmes and projects.
"""

import hashlib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.workbook_safety import RefusedWorkbook, check_size
from programmes.models import Strategy
from projects.models import TrackerImport
from projects.tracker.apply import StalePreview, apply_import, plan_workbook


class Command(BaseCommand):
    help = "Preview, then with --confirm import, a tracker workbook (.xlsx) into a strategy."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--strategy", required=True, help="The strategy's slug.")
        parser.add_argument("--confirm", action="store_true", help="Write the changes.")
        parser.add_argument(
            "--as-user",
            default=None,
            help="Username recorded as the author (default: the first superuser).",
        )

    def handle(self, *args, file, strategy, confirm, as_user, **options):
        try:
            strategy = Strategy.objects.get(slug=strategy)
        except Strategy.DoesNotExist:
            slugs = ", ".join(Strategy.objects.values_list("slug", flat=True))
            raise CommandError(f"No strategy {strategy!r}: use one of {slugs}") from None
        if not file.is_file():
            raise CommandError(f"{file} is not a file")
        user = self.author(as_user)
        try:
            check_size(file.name, file.stat().st_size)
            content = file.read_bytes()
            plan = plan_workbook(strategy=strategy, user=None, filename=file.name, content=content)
        except RefusedWorkbook as refusal:
            raise CommandError(str(refusal)) from None
        self.report(plan)
        if plan.problems:
            raise CommandError(f"{len(plan.problems)} problem(s): nothing was written")
        if not confirm:
            self.stdout.write("Nothing written: run again with --confirm to import.")
            return
        if not plan.can_apply:
            self.stdout.write("Nothing to import: the portal already holds what the sheet says.")
            return
        tracker_import = TrackerImport.objects.create(
            filename=file.name[:255],
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            strategy=strategy,
            uploaded_by=user,
            plan=plan.as_json(),
            plan_digest=plan.digest(),
        )
        try:
            outcome = apply_import(
                tracker_import,
                user=user,
                operator=True,
                on_progress=lambda done, total: self.stdout.write(f"  {done:,} of {total:,}"),
            )
        except StalePreview:
            raise CommandError("The portal changed while importing: nothing was written") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported: {outcome.created} created, {outcome.updated} updated, "
                f"{outcome.unchanged} left alone; {outcome.milestones} milestones, "
                f"{outcome.updates} progress updates and {outcome.risks} risks written."
            )
        )

    def author(self, username):
        users = get_user_model().objects
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError("Name an existing user with --as-user (no superuser exists)")
        return user

    def report(self, plan):
        summary = plan.as_json()
        counts = summary["counts"]
        self.stdout.write(
            f"{summary['rows']:,} rows read: {counts['create']} to create, "
            f"{counts['update']} to update, {counts['unchanged']} left alone."
        )
        for programme in summary["new_programmes"]:
            self.stdout.write(f"  New programme: {programme}")
        for item in summary["items"]:
            if item["action"] != "unchanged":
                self.stdout.write(f"  {item['action'].title()} {item['project']} ({item['where']})")
                for line in item["changes"]:
                    self.stdout.write(f"      {line}")
        for note in summary["notes"]:
            self.stdout.write(f"  Note: {note}")
        for problem in summary["problems"]:
            self.stderr.write(f"  Problem: {problem}")
