from django.core.management.base import BaseCommand

from demo.accounts import demo_password
from demo.load import load_demo
from programmes.models import Strategy


class Command(BaseCommand):
    help = "Load the demo data built from the seed papers. Safe to run again: it changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any strategy exists already."
        )
        parser.add_argument(
            "--no-users", action="store_true", help="Load the data without the demo sign-ins."
        )

    def handle(self, *args, if_empty=False, no_users=False, **options):
        if if_empty and Strategy.objects.exists():
            self.stdout.write("The database already has data; demo data not loaded.")
            return
        users = load_demo(with_users=not no_users)
        self.stdout.write(self.style.SUCCESS("Demo data loaded from the seed papers."))
        if users:
            names = ", ".join(user.username for user in users)
            self.stdout.write(
                f"Demo sign-ins (local use only): {names}; password {demo_password()}"
            )
