"""Settings for signing in with the council's account that cannot work stop the portal with a
message saying what to set (portal/settings.py; README, Configuration)."""

import pytest

from .test_settings import start_django

COUNCIL = "southoxon.gov.uk"


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (
            {"PORTAL_OIDC_ISSUER": "https://login.microsoftonline.com/t/v2.0"},
            "PORTAL_OIDC_CLIENT_ID and PORTAL_OIDC_CLIENT_SECRET must be too",
        ),
        (
            {
                "PORTAL_OIDC_ISSUER": "http://login.example.net/t",
                "PORTAL_OIDC_CLIENT_ID": "id",
                "PORTAL_OIDC_CLIENT_SECRET": "secret",
                "PORTAL_OIDC_ALLOWED_DOMAINS": COUNCIL,
            },
            "an issuer is an https:// address",
        ),
        (
            {
                # Named like the machine's own, but someone else's host.
                "PORTAL_OIDC_ISSUER": "http://localhost.evil.example/t",
                "PORTAL_OIDC_CLIENT_ID": "id",
                "PORTAL_OIDC_CLIENT_SECRET": "secret",
                "PORTAL_OIDC_ALLOWED_DOMAINS": COUNCIL,
            },
            "an issuer is an https:// address",
        ),
        (
            {
                "PORTAL_OIDC_ISSUER": "https://login.microsoftonline.com/t/v2.0",
                "PORTAL_OIDC_CLIENT_ID": "id",
                "PORTAL_OIDC_CLIENT_SECRET": "secret",
            },
            "name the council's email domains in PORTAL_OIDC_ALLOWED_DOMAINS",
        ),
        ({"PORTAL_OIDC_GROUP_ROLES": "abc=Officers"}, "'abc=Officers' is not group=role"),
        ({"PORTAL_PASSWORD_SIGN_IN": "off"}, "PORTAL_PASSWORD_SIGN_IN=off needs"),
    ],
)
def test_configuration_that_cannot_work_stops_the_portal_with_a_message(environment, message):
    result = start_django(DEBUG="true", **environment)

    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    "issuer", ["http://localhost:8080/realms/council", "http://127.0.0.1:9000", "http://[::1]/t"]
)
def test_a_provider_on_this_machine_may_use_plain_http(issuer):
    result = start_django(
        DEBUG="true",
        PORTAL_OIDC_ISSUER=issuer,
        PORTAL_OIDC_CLIENT_ID="id",
        PORTAL_OIDC_CLIENT_SECRET="secret",
        PORTAL_OIDC_ALLOWED_DOMAINS=COUNCIL,
    )

    assert result.returncode == 0, result.stderr
