"""Demo sign-ins for local use only: officer, sponsor, member, clerk and admin."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from core.roles import ADMINISTRATOR, CLERK, MEMBER, OFFICER, role_groups
from programmes.models import Person

DEFAULT_PASSWORD = "portal-demo"
# username, full name, role, the Person the officer is (Lee Brown manages the
# most projects in both the Annex B table and the action plan).
DEMO_USERS = [
    ("officer", "Lee", "Brown", OFFICER, "Lee Brown"),
    # The sponsor of most of Lee Brown's projects: told when one turns Red (README, Background
    # work), so that `make run`'s console shows the email.
    ("sponsor", "James", "Carpenter", OFFICER, "James Carpenter"),
    ("member", "Demo", "Councillor", MEMBER, "Demo Councillor"),
    ("clerk", "Demo", "Clerk", CLERK, "Demo Clerk"),
    ("admin", "Demo", "Administrator", ADMINISTRATOR, None),
]


def demo_password():
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def refuse_demo_users_in_production():
    if not settings.DEBUG:
        raise CommandError(
            "Refusing to create demo sign-ins with DEBUG off: they have a published password. "
            "Use --no-users to load the demo data alone."
        )


def load_demo_users():
    refuse_demo_users_in_production()
    groups = role_groups()
    User = get_user_model()
    password = demo_password()
    users = []
    for username, first, last, role, person_name in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
            )
            user.set_password(password)
            user.is_staff = role == ADMINISTRATOR
            user.is_superuser = role == ADMINISTRATOR
            user.save()
        user.groups.add(groups[role])
        if person_name:
            # The papers' person, or (for the councillor and the clerk) one of the demo's own,
            # so that they too are told things (notifications go to a Person).
            person, _ = Person.objects.get_or_create(name=person_name)
            if person.user_id != user.pk:
                person.user = user
                person.save(update_fields=["user"])
        users.append(user)
    return users
