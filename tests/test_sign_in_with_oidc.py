"""Signing in with the council's account (OpenID Connect), end to end: the portal under the
live server, a real provider (django-oidc-provider, tests/oidc_provider/) in a process of its
own on loopback, and a `requests` session going between them as a browser would. Nothing is
mocked: discovery, the code exchange with PKCE, the ID token's signature (JWKS), userinfo and
the provider's sign-out all go over HTTP.

With password sign-in off, only the break-glass page takes a password, and only from the
administrators it names (the Django test client is enough for those)."""

import re

import pytest
import requests
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

from core.roles import CLERK, MEMBER, OFFICER, role_groups, roles_of
from programmes.models import Person

from .factories import make_person
from .oidc_provider.claims import FORGED_ISSUER, FORGED_ISSUER_USERNAME
from .oidc_provider.start import running_provider
from .world import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

COUNCIL = "southoxon.gov.uk"
OFFICERS_GROUP = "3f2b9c1e-officers"  # Entra ID names groups by object id
CLERKS_GROUP = "8d41a7f0-clerks"


def someone(username, email, name, groups=()):
    """A person who signs in at the provider, with its password."""
    first, last = name.split(" ", 1)
    return {
        "username": username,
        "email": email,
        "first_name": first,
        "last_name": last,
        "groups": list(groups),
    }


PEOPLE = [
    # Lee Brown is world.owner (an officer); James Carpenter a Person without a sign-in.
    someone("lee", f"lee.brown@{COUNCIL}", "Lee Brown"),
    someone("james", f"james.carpenter@{COUNCIL}", "James Carpenter"),
    someone("priya", f"priya.shah@{COUNCIL}", "Priya Shah"),
    someone("dana", f"dana.okafor@{COUNCIL}", "Dana Okafor", [CLERKS_GROUP, "0000-everyone"]),
    someone("outsider", "someone@mail.example.com", "Some One"),
    someone(FORGED_ISSUER_USERNAME, f"forged@{COUNCIL}", "Fay Forged"),
]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    with running_provider(
        tmp_path_factory.mktemp("oidc-provider"), portal_url=live_server.url, people=PEOPLE
    ) as running:
        yield running


@pytest.fixture
def council_accounts(provider, settings, world):
    """The portal configured for the provider, as the README's environment variables do."""
    settings.PORTAL_OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.PORTAL_OIDC_ALLOWED_DOMAINS = [COUNCIL]
    settings.PORTAL_OIDC_GROUP_ROLES = {}
    # `requests` sends no Secure cookie over http, where Chromium makes an exception for
    # localhost; production keeps them Secure (tests/test_security_settings.py).
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    world.owner.person.email = f"Lee.Brown@{COUNCIL.upper()}"  # case is no matter
    world.owner.person.save()
    return provider


def sign_in_with_council_account(live_server, provider, username):
    """A browser that follows the sign-in button to the provider, signs in there and is
    sent back; the response is where it ended up."""
    browser = requests.Session()
    login_page = browser.get(f"{live_server.url}{reverse('oidc_authentication_init')}")
    assert login_page.url.startswith(f"{provider.url}/accounts/login/"), login_page.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text)[1]
    response = browser.post(
        login_page.url,
        {"csrfmiddlewaretoken": token, "username": username, "password": provider.password},
    )
    return browser, response


def signed_in_as(response):
    match = re.search(r"Signed in as ([^<:]+)[:<]", response.text)
    return match[1].strip() if match else None


def test_a_person_the_portal_knows_signs_in_with_their_council_account(
    live_server, council_accounts, world
):
    users_before = User.objects.count()

    _, response = sign_in_with_council_account(live_server, council_accounts, "lee")

    assert response.url == f"{live_server.url}/"
    assert signed_in_as(response) == "Lee Brown"
    assert User.objects.count() == users_before  # matched to world.owner by email
    # ...and bound to the provider's permanent identity for every later sign-in.
    assert world.owner.council_account.issuer == council_accounts.issuer


def test_an_administrators_sign_in_is_not_taken_over_by_email_address_alone(
    live_server, council_accounts, world
):
    world.owner.is_staff = True
    world.owner.save()

    _, response = sign_in_with_council_account(live_server, council_accounts, "lee")

    assert response.url == f"{live_server.url}{reverse('login')}"
    assert "Ask a superuser of the portal to link yours" in response.text
    assert signed_in_as(response) is None


def test_a_named_person_without_a_sign_in_is_linked_to_the_one_they_sign_in_with(
    live_server, council_accounts, world
):
    world.sponsor.email = f"james.carpenter@{COUNCIL}"
    world.sponsor.save()

    sign_in_with_council_account(live_server, council_accounts, "james")

    world.sponsor.refresh_from_db()
    assert world.sponsor.user.email == f"james.carpenter@{COUNCIL}"
    assert Person.objects.filter(email__iexact=world.sponsor.email).count() == 1


def test_two_people_with_one_address_are_refused_rather_than_guessed_between(
    live_server, council_accounts, world
):
    world.sponsor.email = f"james.carpenter@{COUNCIL}"
    world.sponsor.save()
    make_person(name="Jim Carpenter", email=f"James.Carpenter@{COUNCIL}")

    _, response = sign_in_with_council_account(live_server, council_accounts, "james")

    assert response.url == f"{live_server.url}{reverse('login')}"
    assert "More than one person in the portal has the email address" in response.text
    assert not User.objects.filter(email__iexact=world.sponsor.email).exists()


def test_someone_new_waits_for_an_administrator_to_give_them_a_role(live_server, council_accounts):
    browser, response = sign_in_with_council_account(live_server, council_accounts, "priya")

    assert response.url == f"{live_server.url}{reverse('identity:waiting')}"
    assert "An administrator needs to give you access" in response.text
    assert browser.get(f"{live_server.url}/projects/").url == response.url
    newcomer = User.objects.get(email=f"priya.shah@{COUNCIL}")
    assert newcomer.person.name == "Priya Shah"
    assert not roles_of(newcomer)

    newcomer.groups.add(role_groups()[MEMBER])  # an administrator, in the admin site

    home = browser.get(response.url)
    assert home.url == f"{live_server.url}/"
    assert signed_in_as(home) == "Priya Shah"


def test_the_providers_groups_give_roles_at_every_sign_in(live_server, council_accounts, settings):
    settings.PORTAL_OIDC_GROUP_ROLES = {OFFICERS_GROUP: OFFICER, CLERKS_GROUP: CLERK}

    _, response = sign_in_with_council_account(live_server, council_accounts, "dana")

    assert signed_in_as(response) == "Dana Okafor"
    dana = User.objects.get(email=f"dana.okafor@{COUNCIL}")
    assert roles_of(dana) == {CLERK}

    dana.groups.add(role_groups()[OFFICER])  # not the provider's say: gone at the next sign-in
    sign_in_with_council_account(live_server, council_accounts, "dana")
    assert roles_of(User.objects.get(pk=dana.pk)) == {CLERK}


def test_a_token_from_another_issuer_is_refused(live_server, council_accounts):
    browser, response = sign_in_with_council_account(
        live_server, council_accounts, FORGED_ISSUER_USERNAME
    )

    assert response.url == f"{live_server.url}{reverse('login')}"
    assert f"it was issued by {FORGED_ISSUER}" in response.text
    assert signed_in_as(response) is None
    assert not User.objects.filter(email=f"forged@{COUNCIL}").exists()
    assert browser.get(f"{live_server.url}/").url.startswith(f"{live_server.url}/sign-in/")


def test_a_provider_that_is_not_the_configured_issuer_is_not_used(
    live_server, council_accounts, settings
):
    # The same server under another name: its discovery document names 127.0.0.1.
    settings.PORTAL_OIDC_ISSUER = council_accounts.issuer.replace("127.0.0.1", "localhost")

    response = requests.get(f"{live_server.url}{reverse('oidc_authentication_init')}")

    assert response.url == f"{live_server.url}{reverse('login')}"
    assert "sign-in service cannot be reached" in response.text


def test_a_callback_replayed_in_another_browser_signs_no_one_in(live_server, council_accounts):
    _, response = sign_in_with_council_account(live_server, council_accounts, "lee")
    callback = next(hop.url for hop in response.history if "/oidc/callback/" in hop.url)

    replayed = requests.get(callback)

    assert replayed.url == f"{live_server.url}{reverse('login')}"
    assert "You could not be signed in with your council account" in replayed.text
    assert signed_in_as(replayed) is None


def test_an_address_outside_the_councils_domains_is_refused(live_server, council_accounts):
    _, response = sign_in_with_council_account(live_server, council_accounts, "outsider")

    assert response.url == f"{live_server.url}{reverse('login')}"
    assert "someone@mail.example.com is not an address of a council" in response.text
    assert not User.objects.filter(email="someone@mail.example.com").exists()


def test_signing_out_ends_the_portal_session_and_the_providers(live_server, council_accounts):
    browser, home = sign_in_with_council_account(live_server, council_accounts, "lee")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', home.text)[1]

    signed_out = browser.post(
        f"{live_server.url}{reverse('logout')}", {"csrfmiddlewaretoken": token}
    )

    hops = [hop.headers["Location"] for hop in signed_out.history]
    assert hops[0].startswith(f"{council_accounts.url}/openid/end-session?")
    assert signed_out.url == f"{live_server.url}{reverse('login')}"
    assert browser.get(f"{live_server.url}/").url.startswith(f"{live_server.url}/sign-in/")
    # The provider's session ended too: the button asks for a password again.
    again = browser.get(f"{live_server.url}{reverse('oidc_authentication_init')}")
    assert again.url.startswith(f"{council_accounts.url}/accounts/login/")


@pytest.fixture
def passwords_off(settings):
    settings.PORTAL_OIDC_ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"
    settings.PORTAL_PASSWORD_SIGN_IN = False
    settings.PORTAL_BREAK_GLASS_USERNAMES = ["admin", "officer"]


def test_with_password_sign_in_off_the_sign_in_page_has_no_password_form(
    client, world, passwords_off
):
    page = client.get(reverse("login")).content.decode()

    assert "Sign in with your council account" in page
    assert 'type="password"' not in page
    refused = client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    assert refused.status_code == 405
    assert "_auth_user_id" not in client.session


def test_with_password_sign_in_off_no_password_authenticates_but_a_break_glass_one(
    rf, world, settings
):
    def by_password(username):
        return authenticate(rf.post("/"), username=username, password=PASSWORD)

    assert by_password("member") == world.member
    settings.PORTAL_OIDC_ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"
    settings.PORTAL_PASSWORD_SIGN_IN = False
    settings.PORTAL_BREAK_GLASS_USERNAMES = ["admin"]
    assert by_password("member") is None
    assert by_password("admin") == world.admin


def test_with_password_sign_in_off_the_admin_site_takes_no_password(client, world, passwords_off):
    world.member.is_staff = True
    world.member.save()

    client.post(reverse("admin:login"), {"username": "member", "password": PASSWORD})

    assert "_auth_user_id" not in client.session


def test_the_break_glass_page_takes_a_named_administrators_password(client, world, passwords_off):
    response = client.post(
        reverse("break_glass_sign_in"), {"username": "admin", "password": PASSWORD}
    )

    # The password is right; an administrator's second factor comes next
    # (tests/test_second_factor.py).
    assert response.status_code == 302
    assert response["Location"] == reverse("identity:two_step_setup")


@pytest.mark.parametrize("password_sign_in", [False, True])
@pytest.mark.parametrize(
    "username",
    [
        "member",  # not named
        "officer",  # named, but not an administrator
    ],
)
def test_the_break_glass_page_refuses_everyone_else(
    username, password_sign_in, world, passwords_off, settings
):
    settings.PORTAL_PASSWORD_SIGN_IN = password_sign_in
    client = Client()
    response = client.post(
        reverse("break_glass_sign_in"), {"username": username, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_turning_password_sign_in_off_ends_password_sessions(client, world, settings):
    client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    assert client.get(reverse("home")).status_code == 200

    settings.PORTAL_OIDC_ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"
    settings.PORTAL_PASSWORD_SIGN_IN = False

    assert client.get(reverse("home")).status_code == 302


def test_without_an_issuer_the_sign_in_page_is_as_it_was(client, db):
    page = client.get(reverse("login")).content.decode()

    assert "council account" not in page
    assert 'type="password"' in page
    assert client.get(reverse("oidc_authentication_init")).status_code == 404


AN_ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"


def council_account_pages(world):
    """This feature's pages as they render, for the HTML checker (tests/test_html_validity.py)
    and axe: the sign-in page with the button, with and without the password form, the
    break-glass page and the waiting page."""
    responses = {}
    with override_settings(PORTAL_OIDC_ISSUER=AN_ISSUER):
        responses["/sign-in/ with the council's account"] = Client().get("/sign-in/")
        with override_settings(PORTAL_PASSWORD_SIGN_IN=False):
            responses["/sign-in/ with passwords off"] = Client().get("/sign-in/")
        responses["/sign-in/break-glass/"] = Client().get("/sign-in/break-glass/")
        responses["/account/waiting/"] = waiting_client(world).get("/account/waiting/")
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 200)
    return {name: response.content for name, response in responses.items()}


def waiting_client(world):
    newcomer = User.objects.create_user("newcomer", email=f"newcomer@{COUNCIL}")
    client = Client()
    client.force_login(newcomer, backend=django_settings.PORTAL_OIDC_BACKEND)
    return client


@pytest.mark.browser
def test_no_wcag_violations_on_the_council_account_pages(live_server, browser, world, settings):
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility_axe import violations_on

    settings.PORTAL_OIDC_ISSUER = AN_ISSUER
    axe = Axe()
    found = {}
    context = browser.new_context()
    page = context.new_page()
    for passwords in (True, False):
        settings.PORTAL_PASSWORD_SIGN_IN = passwords
        page.goto(f"{live_server.url}/sign-in/")
        found[f"/sign-in/, passwords {passwords}"] = violations_on(page, axe)
    page.goto(f"{live_server.url}/sign-in/break-glass/")
    found["/sign-in/break-glass/"] = violations_on(page, axe)
    session = waiting_client(world).cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.goto(f"{live_server.url}/projects/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "An administrator needs to give you access"
    )
    found["/account/waiting/"] = violations_on(page, axe)
    assert not any(found.values()), found
