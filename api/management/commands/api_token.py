"""`manage.py api_token USERNAME`: a new API token for a person, printed once. For an
administrator with the server's shell (a service account for a BI gateway, say); people
make their own on their account page."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.tokens import TokenRefused, token_issue


class Command(BaseCommand):
    help = "Make a personal API token for USERNAME and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--name", default="Made with manage.py api_token", help="What the token is for."
        )

    def handle(self, *args, username, name, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No sign-in is called {username!r}.") from None
        if not user.has_perm("api.read"):
            raise CommandError(
                f"{username} has no role in the portal, so a token would read nothing. "
                "Give them a role first."
            )
        try:
            made = token_issue(user=user, name=name)
        except TokenRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stderr.write(
            f"A token for {username} ({made.token.name}). It is shown only this once:"
        )
        self.stdout.write(made.text)
