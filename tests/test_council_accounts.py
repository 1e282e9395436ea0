"""Who a council account signs in as, and for how long: bound to the provider's permanent
identity (issuer and `sub`) rather than an email address, never linked by email alone to a
sign-in with administrative rights, roles from groups that cannot lock out break-glass
administrators, and sessions that end when the person or council sign-in is switched off.

The claims are given to the backend as the provider's ID token would give them, past the
signature checks tests/test_sign_in_with_oidc.py makes against a real provider."""

import logging
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from core.roles import ADMINISTRATOR, CLERK, OFFICER, role_groups, roles_of
from identity.models import CouncilAccount
from identity.oidc_backend import CouncilAccountBackend, SignInRefused

from .factories import make_user
from .second_factor import log_in

pytestmark = pytest.mark.django_db

ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"
GOOGLE = "https://accounts.google.com"
CLIENT_ID = "portal-client-id"
COUNCIL = "southoxon.gov.uk"
LEE = f"lee.brown@{COUNCIL}"
OFFICERS_GROUP = "3f2b9c1e-officers"


@pytest.fixture
def council(settings, world):
    settings.PORTAL_OIDC_ISSUER = ISSUER
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.PORTAL_OIDC_ALLOWED_DOMAINS = [COUNCIL]
    settings.PORTAL_OIDC_GROUP_ROLES = {}
    settings.PORTAL_BREAK_GLASS_USERNAMES = []
    world.owner.person.email = LEE
    world.owner.person.save()
    return settings


def claims(email, subject, **more):
    return {"iss": ISSUER, "sub": subject, "aud": CLIENT_ID, "email": email, **more}


@pytest.fixture
def sign_in(council, monkeypatch):
    """The backend given these claims as the provider's signed ID token and its userinfo."""
    monkeypatch.setattr(OIDCAuthenticationBackend, "get_userinfo", lambda self, a, i, p: dict(p))

    def signing_in(given):
        return CouncilAccountBackend().get_or_create_user("access", "id", given)

    return signing_in


# Sessions


def test_switching_a_person_off_ends_their_council_account_session(client, world, council):
    client.force_login(world.owner, backend=django_settings.PORTAL_OIDC_BACKEND)
    assert client.get(reverse("home")).status_code == 200

    world.owner.is_active = False
    world.owner.save()

    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_turning_council_sign_in_off_ends_its_sessions(client, world, council):
    client.force_login(world.owner, backend=django_settings.PORTAL_OIDC_BACKEND)
    assert client.get(reverse("home")).status_code == 200

    council.PORTAL_OIDC_ISSUER = ""

    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


# Binding the provider's identity


def test_the_first_sign_in_binds_the_council_account_to_the_sign_in(sign_in, world):
    assert sign_in(claims(LEE, "lee-sub")) == world.owner

    bound = CouncilAccount.objects.get(user=world.owner)
    assert (bound.issuer, bound.subject) == (ISSUER, "lee-sub")


def test_a_bound_council_account_signs_in_whatever_its_email_address_is_now(sign_in, world):
    sign_in(claims(LEE, "lee-sub"))

    assert sign_in(claims(f"lee.b@{COUNCIL}", "lee-sub")) == world.owner
    assert User.objects.filter(email__iexact=f"lee.b@{COUNCIL}").count() == 0


def test_an_address_given_to_someone_else_does_not_sign_them_in_as_its_last_holder(sign_in, world):
    sign_in(claims(LEE, "lee-sub"))

    with pytest.raises(SignInRefused, match="belongs to someone else's sign-in") as refusal:
        sign_in(claims(LEE, "newcomer-sub"))
    assert CouncilAccount.objects.get(user=world.owner).subject == "lee-sub"
    assert "An administrator needs to give you a sign-in of your own" in str(refusal.value)
    assert "remove that link" not in str(refusal.value)


@pytest.mark.parametrize("privilege", ["staff", "superuser", "administrator", "break_glass"])
def test_a_sign_in_with_administrative_rights_is_not_linked_by_email_alone(
    sign_in, world, council, privilege
):
    owner = world.owner
    if privilege == "administrator":
        owner.groups.add(role_groups()[ADMINISTRATOR])
    elif privilege == "break_glass":
        council.PORTAL_BREAK_GLASS_USERNAMES = [owner.username]
    else:
        setattr(owner, f"is_{privilege}", True)
        owner.save()

    with pytest.raises(
        SignInRefused, match="Ask a superuser of the portal to link yours"
    ) as refusal:
        sign_in(claims(LEE, "lee-sub"))

    assert "under Council accounts" in str(refusal.value)
    assert "with the subject lee-sub" in str(refusal.value)
    assert not CouncilAccount.objects.exists()


def test_an_administrator_signs_in_once_another_has_linked_their_council_account(sign_in, world):
    CouncilAccount.objects.create(user=world.admin, issuer=ISSUER, subject="admin-sub")

    assert sign_in(claims(f"alex.morgan@{COUNCIL}", "admin-sub")) == world.admin


def test_an_administrator_links_a_council_account_in_the_admin_site(client, world, council):
    log_in(client, world.admin)
    add = reverse("admin:identity_councilaccount_add")
    assert f'value="{ISSUER}"' in client.get(add).content.decode()  # the issuer, filled in

    added = client.post(add, {"user": world.owner.pk, "issuer": ISSUER, "subject": "lee-sub"})

    assert added["Location"] == reverse("admin:identity_councilaccount_changelist")
    assert CouncilAccount.objects.get(user=world.owner).subject == "lee-sub"


def test_a_staff_member_given_the_add_permission_still_cannot_link_a_council_account(
    client, world, council
):
    staff = make_user(role=OFFICER, username="helpdesk")
    staff.is_staff = True
    staff.save()
    for codename in ("add_councilaccount", "view_councilaccount"):
        staff.user_permissions.add(Permission.objects.get(codename=codename))
    log_in(client, staff)
    add = reverse("admin:identity_councilaccount_add")

    assert client.get(add).status_code == 403
    posted = client.post(add, {"user": world.admin.pk, "issuer": ISSUER, "subject": "mine"})

    assert posted.status_code == 403
    assert not CouncilAccount.objects.exists()


def test_the_admin_site_never_removes_or_changes_a_council_accounts_link(client, world, council):
    account = CouncilAccount.objects.create(user=world.owner, issuer=ISSUER, subject="lee-sub")
    log_in(client, world.admin)

    delete = reverse("admin:identity_councilaccount_delete", args=[account.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:identity_councilaccount_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [account.pk]})
    change = reverse("admin:identity_councilaccount_change", args=[account.pk])
    client.post(change, {"user": world.admin.pk, "issuer": ISSUER, "subject": "lee-sub"})

    assert CouncilAccount.objects.get(pk=account.pk).user == world.owner


# Linking from the command line, when no one can reach the admin site


def link_council_account(*args):
    out = StringIO()
    call_command("link_council_account", *args, stdout=out)
    return out.getvalue()


def test_the_command_links_an_administrators_council_account_so_they_can_sign_in(sign_in, world):
    said = link_council_account("admin", "admin-sub")

    assert said == f"Linked the council account admin-sub at {ISSUER} to admin.\n"
    assert sign_in(claims(f"alex.morgan@{COUNCIL}", "admin-sub")) == world.admin
    assert "already linked to admin" in link_council_account("admin", "admin-sub")


def test_the_command_refuses_a_username_the_portal_does_not_have(council):
    with pytest.raises(CommandError, match="no sign-in with the username 'nobody'"):
        link_council_account("nobody", "admin-sub")


def test_the_command_refuses_while_council_sign_in_is_not_configured(council):
    council.PORTAL_OIDC_ISSUER = ""

    with pytest.raises(CommandError, match="Council sign-in is not configured"):
        link_council_account("admin", "admin-sub")
    assert not CouncilAccount.objects.exists()


def test_the_command_never_moves_a_council_account_from_another_sign_in(world, council):
    CouncilAccount.objects.create(user=world.owner, issuer=ISSUER, subject="lee-sub")

    with pytest.raises(CommandError, match="already linked to the sign-in"):
        link_council_account("admin", "lee-sub")
    with pytest.raises(CommandError, match="already linked to another council account"):
        link_council_account(world.owner.username, "other-sub")
    assert CouncilAccount.objects.get().user == world.owner
    assert CouncilAccount.objects.get().subject == "lee-sub"


# Roles from the provider's groups


def test_a_break_glass_administrator_keeps_their_role_whatever_the_providers_groups(
    sign_in, world, council
):
    council.PORTAL_OIDC_GROUP_ROLES = {OFFICERS_GROUP: OFFICER}
    council.PORTAL_BREAK_GLASS_USERNAMES = ["admin"]
    CouncilAccount.objects.create(user=world.admin, issuer=ISSUER, subject="admin-sub")

    sign_in(claims(f"alex.morgan@{COUNCIL}", "admin-sub", groups=[OFFICERS_GROUP]))

    assert world.admin.groups.filter(name=ADMINISTRATOR).exists()


def test_roles_are_left_alone_when_the_provider_has_too_many_groups_to_list(
    sign_in, world, council, caplog
):
    council.PORTAL_OIDC_GROUP_ROLES = {OFFICERS_GROUP: OFFICER, "clerks": CLERK}
    overage = {  # Entra ID's, past 200 groups: read them from Microsoft Graph
        "_claim_names": {"groups": "src1"},
        "_claim_sources": {"src1": {"endpoint": "https://graph.microsoft.com/v1.0/me/..."}},
    }

    with caplog.at_level(logging.WARNING, logger="identity.council_people"):
        sign_in(claims(LEE, "lee-sub", **overage))

    assert roles_of(User.objects.get(pk=world.owner.pk)) == {OFFICER}
    assert "too many groups" in caplog.text


# The provider's claims


@pytest.mark.parametrize("hosted_domain", [None, "another-council.gov.uk"])
def test_a_google_account_outside_the_councils_workspace_is_refused(council, hosted_domain):
    council.PORTAL_OIDC_ISSUER = GOOGLE
    personal = {"iss": GOOGLE, "sub": "1", "email": LEE, "email_verified": True}
    if hosted_domain:
        personal["hd"] = hosted_domain

    with pytest.raises(SignInRefused, match="not one of the council's Google Workspace accounts"):
        CouncilAccountBackend().verify_claims(personal)


def test_a_google_workspace_account_of_the_council_may_sign_in(council):
    council.PORTAL_OIDC_ISSUER = GOOGLE
    workspace = {"iss": GOOGLE, "sub": "1", "email": LEE, "email_verified": True, "hd": COUNCIL}

    assert CouncilAccountBackend().verify_claims(workspace) is True


@pytest.mark.parametrize(
    ("authorized_party", "accepted"), [(None, True), (CLIENT_ID, True), ("other", False)]
)
def test_a_token_for_the_portal_alone_may_not_name_another_party_it_was_issued_to(
    council, monkeypatch, authorized_party, accepted
):
    payload = {"iss": ISSUER, "aud": CLIENT_ID}
    if authorized_party is not None:
        payload["azp"] = authorized_party
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, t, **kw: payload)

    if accepted:
        assert CouncilAccountBackend().verify_token("token", nonce="n") == payload
    else:
        with pytest.raises(SignInRefused, match="not issued for this portal"):
            CouncilAccountBackend().verify_token("token", nonce="n")


@pytest.mark.parametrize(("authorized_party", "accepted"), [(CLIENT_ID, True), ("other", False)])
def test_a_token_for_several_audiences_must_have_been_issued_to_the_portal(
    council, monkeypatch, authorized_party, accepted
):
    payload = {"iss": ISSUER, "aud": [CLIENT_ID, "other"], "azp": authorized_party}
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", lambda self, t, **kw: payload)

    if accepted:
        assert CouncilAccountBackend().verify_token("token", nonce="n") == payload
    else:
        with pytest.raises(SignInRefused, match="not issued for this portal"):
            CouncilAccountBackend().verify_token("token", nonce="n")
