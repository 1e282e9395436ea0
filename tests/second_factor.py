"""Sessions that have shown a second factor, for tests that are about something else.

An administrator's session must show one before it reaches anything
(identity/second_factor.py), so a test that force_logins an administrator uses
`log_in(client, user)` instead: it force_logins, then records in the session the
authenticator app every administrator has, as the code page does after a right code."""

import time

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from identity.second_factor import required_for

from .world import PASSWORD

CODE_PAGE = reverse("identity:two_step_code")
SETUP_PAGE = reverse("identity:two_step_setup")
PASSWORD_PAGE = reverse("identity:two_step_password")
CODES_PAGE = reverse("identity:two_step_recovery_codes")


def signed_in(client):
    return "_auth_user_id" in client.session


def authenticator(user):
    """The person's authenticator app, set up with a key the tests know."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Test authenticator"}
    )
    return device


def code_for(device):
    """A code the device will take now: the current step's, or the next step's when this
    step's code was taken already (a device takes each step once; its tolerance takes
    the next)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
    return f"{totp.token():06d}"


def log_in(client, user):
    """client.force_login(user), with a verified second factor where the user must
    have one."""
    client.force_login(user)
    if required_for(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
        session.save()
    return client


def sign_in(client, user, **extra):
    """The sign-in page's form, with the tests' password."""
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD, **extra})


def enter(client, code):
    return client.post(reverse("identity:two_step_code"), {"code": code})


def password_again(client, password=PASSWORD):
    """What a signed-in session gives before it may set up a second factor."""
    return client.post(reverse("identity:two_step_password"), {"password": password})


def setup_code(client):
    """The code the person's app would show for the key the setup page gave them."""
    key = client.session["identity.setup_secret"]["key"]
    return f"{TOTP(bytes.fromhex(key)).token():06d}"


def with_provider(client, user, settings):
    """A session the council's provider began, as its callback signs one in. The provider
    is switched on (pytest-django's `settings`): its sessions end while it is off."""
    settings.PORTAL_OIDC_ISSUER = "https://login.example.org/council/v2.0"
    client.force_login(user, backend=settings.PORTAL_OIDC_BACKEND)
    return client
