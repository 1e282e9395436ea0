"""Make the test provider's database: migrate, an RSA key, the portal as a client and the
people who sign in. Run as `python -m tests.oidc_provider.seed <spec.json>` with
DJANGO_SETTINGS_MODULE=tests.oidc_provider.settings (start.py does)."""

import json
import sys

import django


def seed(spec):
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    client = Client.objects.create(
        name="Portal",
        client_type="confidential",
        client_id=spec["client_id"],
        client_secret=spec["client_secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = spec["redirect_uris"]
    client.post_logout_redirect_uris = spec["post_logout_redirect_uris"]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))
    for person in spec["people"]:
        user = User.objects.create_user(
            person["username"],
            email=person["email"],
            password=spec["password"],
            first_name=person["first_name"],
            last_name=person["last_name"],
        )
        for name in person.get("groups", []):
            user.groups.add(Group.objects.get_or_create(name=name)[0])


if __name__ == "__main__":
    django.setup()
    with open(sys.argv[1]) as file:
        seed(json.load(file))
