"""`manage.py link_council_account USERNAME SUBJECT`: an administrator's link of a council
account to a sign-in, from the command line.

A sign-in with administrative rights is never linked by its email address, so after
council sign-in is switched on its holder is refused until someone links it in the admin
site. With passwords off and no break-glass administrator, nobody could reach the admin
site to do it: this links the first one (README, "Signing in with the council's account").
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from identity.council_people import LinkRefused, SignInRefused, link
from identity.oidc_discovery import oidc_enabled


class Command(BaseCommand):
    help = (
        "Link the council account with the provider's SUBJECT (its `sub`, shown to the person "
        "when their sign-in was refused) to the sign-in USERNAME, at PORTAL_OIDC_ISSUER."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The portal sign-in's username.")
        parser.add_argument("subject", help="The provider's `sub` for this person.")

    def handle(self, *args, username, subject, **options):
        if not oidc_enabled():
            raise CommandError(
                "Council sign-in is not configured: set PORTAL_OIDC_ISSUER first, so the "
                "account is linked at the right provider."
            )
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no sign-in with the username {username!r}.")
        issuer = settings.PORTAL_OIDC_ISSUER
        try:
            linked = link(user=user, issuer=issuer, subject=subject)
        except (LinkRefused, SignInRefused) as refused:
            raise CommandError(str(refused)) from None
        if linked:
            self.stdout.write(f"Linked the council account {subject} at {issuer} to {username}.")
        else:
            self.stdout.write(
                f"The council account {subject} at {issuer} was already linked to {username}."
            )
