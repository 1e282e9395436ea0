"""Two-step verification for password sign-ins: who must use it, the half-signed-in state
between a right password and a right code, checking codes, and setting up, renewing and
removing a person's second factor.

django-otp keeps the factors: a TOTPDevice for the authenticator app and a StaticDevice
whose StaticTokens are the recovery codes (each deleted as it is used). A session is
verified once `django_otp.login` (or `auth.login` of a user carrying `otp_device`) has
recorded the device in it; OTPMiddleware then makes `request.user.is_verified()` true.
"""

import secrets
import time
from base64 import b32encode
from binascii import unhexlify
from collections.abc import Callable
from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, authenticate, get_user_model
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ADMINISTRATOR, has_role

from .models import SecondFactorReset
from .password_backend import is_break_glass, password_sign_in_on
from .sessions import end_sessions

RECOVERY_CODES = 10
# A right password holds the door open this long for the code, or for setting one up.
PENDING_SECONDS = 10 * 60

_PENDING = "identity.pending_sign_in"
_PASSWORD_AGAIN = "identity.password_again"
_SETUP_SECRET = "identity.setup_secret"
_SHOW_CODES = "identity.recovery_codes_to_show"
_AFTER_CODES = "identity.after_recovery_codes"

WRONG_CODE = "The code is not right. Enter the code your app shows now, or a recovery code"
TOO_MANY = "You have entered too many wrong codes. Wait a minute, then try again"


class CodeRefused(Exception):
    """A code that did not verify; the message is the one the form shows."""


# Who must, who may


def signed_in_with_provider(request: HttpRequest) -> bool:
    """Signed in through the council's OpenID Connect provider, which asks for its own
    second factor: such a session is never made to show a code here, though it may, to
    manage the person's own codes (tests/test_second_factor_sessions.py)."""
    backend = request.session.get(BACKEND_SESSION_KEY)
    return bool(backend) and backend == settings.PORTAL_OIDC_BACKEND


def required_for(user: Any) -> bool:
    """Administrators, and anyone else the admin site lets in, must use a second factor
    with a password."""
    return bool(user.is_authenticated and (user.is_staff or has_role(user, ADMINISTRATOR)))


def can_sign_in_with_password(user: Any) -> bool:
    """What a second factor here guards: someone with no password (made by the council's
    provider) or whose password sign-in is off has nothing to set one up for."""
    return bool(user.has_usable_password() and (password_sign_in_on() or is_break_glass(user)))


def authenticator_of(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_second_factor(user: Any) -> bool:
    return authenticator_of(user) is not None


def session_is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def session_is_strong(request: HttpRequest) -> bool:
    """A second factor was shown in this session, here or to the provider."""
    return session_is_verified(request) or signed_in_with_provider(request)


# Between the password and the code


def second_step(request: HttpRequest, user: Any, next_url: str) -> HttpResponse | None:
    """After a right password: the page that asks for the code, or that sets one up, or
    None when the person may be signed in at once. Until the code, the person is not
    signed in at all: nothing they could reach depends on a check being remembered."""
    if has_second_factor(user):
        step = "identity:two_step_code"
    elif required_for(user):
        step = "identity:two_step_setup"
    else:
        return None
    request.session.cycle_key()
    request.session[_PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "since": time.time(),
        "next": next_url,
    }
    return redirect(step)


def pending_user(request: HttpRequest) -> Any | None:
    """The person who gave a right password in this session, within PENDING_SECONDS."""
    pending = request.session.get(_PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending["user"], is_active=True).first()


def sign_in_verified(request: HttpRequest, user: Any, device: Device) -> None:
    """Sign in the pending person, or verify the signed-in one, with `device`."""
    if request.user.is_authenticated and request.user.pk == user.pk:
        django_otp.login(request, device)
        # django_otp.login keeps the key: a key learnt before the code must not become
        # a verified session (tests/test_second_factor_sessions.py).
        request.session.cycle_key()
        return
    pending = request.session.pop(_PENDING)
    # django-otp records the device in the new session on user_logged_in.
    user.otp_device = device
    auth_login(request, user, backend=pending["backend"])
    request.session[_AFTER_CODES] = pending["next"]


def next_page(request: HttpRequest, default: str = "home", asked: str | None = None) -> str:
    """Where the person was going when they signed in, else where the page was `asked`
    to go on to (same site only), else `default`."""
    target = request.session.pop(_AFTER_CODES, None) or asked or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def drop_someone_elses_steps(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """On any sign-in (user_logged_in, connected in identity/apps.py), drop a half-done
    sign-in, setup key or password given again that belong to someone else. Django
    keeps a session's data when it signs in someone where no one was signed in, so they
    would pass into the next person's session in that browser, and a reset of their owner
    would end it (tests/test_second_factor_sessions.py). The same person's are kept: their
    own sign-in is still using them."""
    session = getattr(request, "session", None)
    if session is None:
        return
    for key in (_PENDING, _SETUP_SECRET, _PASSWORD_AGAIN):
        kept = session.get(key)
        if kept is not None and kept.get("user") != user.pk:
            del session[key]


# Codes


def _clean(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def verify_code(user: Any, code: str) -> Device:
    """The device that accepts `code`: six digits are the app's, anything else a recovery
    code. django-otp throttles each device after wrong codes (tests/test_second_factor.py)."""
    code = _clean(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.devices_for_user(user, confirmed=True).first()
    if device is None:
        raise CodeRefused(WRONG_CODE)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise CodeRefused(TOO_MANY)
    verified = django_otp.verify_token(user, device.persistent_id, code)
    if verified is None:
        raise CodeRefused(WRONG_CODE)
    return verified


# Setting up, renewing and removing


def confirm_password(request: HttpRequest, password: str) -> bool:
    """Whether `password` is the signed-in person's, remembering a right one for
    PENDING_SECONDS. Through authenticate(), so django-axes counts wrong ones and locks
    the username out as the sign-in page does (tests/test_second_factor_sessions.py)."""
    user = request.user
    shown = authenticate(request, username=user.get_username(), password=password)
    if shown is None or shown.pk != user.pk:
        return False
    request.session[_PASSWORD_AGAIN] = {"user": user.pk, "since": time.time()}
    return True


def password_confirmed(request: HttpRequest) -> bool:
    """A session already signed in sets up a second factor only after giving the
    password again: it may be a session left open somewhere, or one whose factor was
    reset (tests/test_second_factor_sessions.py)."""
    given = request.session.get(_PASSWORD_AGAIN)
    return bool(
        given
        and given["user"] == request.user.pk
        and time.time() - given["since"] <= PENDING_SECONDS
    )


def setup_secret(request: HttpRequest, user: Any) -> str:
    """The hex key being set up for `user` in this session: nothing is saved until a
    code from it is confirmed (tests/test_second_factor.py)."""
    kept = request.session.get(_SETUP_SECRET)
    if not kept or kept["user"] != user.pk:
        kept = {"user": user.pk, "key": secrets.token_hex(20)}
        request.session[_SETUP_SECRET] = kept
    return str(kept["key"])


def readable_secret(key: str) -> str:
    """The key as authenticator apps take it typed in: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user: Any, key: str) -> str:
    return TOTPDevice(user=user, key=key).config_url


def confirm_setup(request: HttpRequest, user: Any, code: str) -> TOTPDevice:
    """Save the authenticator and ten recovery codes when `code` comes from the key set
    up in this session; raise CodeRefused, saving nothing, when it does not."""
    key = setup_secret(request, user)
    code = _clean(code)
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    if not (code.isdigit() and len(code) == 6 and totp.verify(int(code), tolerance=1)):
        raise CodeRefused("The code is not right. Enter the 6-digit code your app shows now")
    with transaction.atomic():
        remove_second_factor(user)
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", key=key, confirmed=True, last_t=totp.t()
        )
        request.session[_SHOW_CODES] = new_recovery_codes(user)
    del request.session[_SETUP_SECRET]
    request.session.pop(_PASSWORD_AGAIN, None)
    return device


def new_recovery_codes(user: Any) -> list[str]:
    """Ten new single-use codes, replacing any the person had left."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def keep_codes_to_show(request: HttpRequest, codes: list[str]) -> None:
    request.session[_SHOW_CODES] = codes


def codes_to_show(request: HttpRequest) -> list[str]:
    """The new recovery codes, once: a second look finds none."""
    return list(request.session.pop(_SHOW_CODES, []))


def remove_second_factor(user: Any) -> None:
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()


@transaction.atomic
def reset_lost_device(*, person: Any, by: Any, reason: str) -> SecondFactorReset:
    """Another administrator removes `person`'s second factor, on the record, and ends
    the person's sessions, half-done sign-ins too: whoever holds one could otherwise set
    up their own factor in it (tests/test_second_factor_sessions.py). The person sets one
    up again at their next password sign-in if they must."""
    if person.pk == by.pk:
        raise PermissionError("An administrator cannot reset their own second factor.")
    remove_second_factor(person)
    end_sessions(lambda data: _is_session_of(data, person))
    return SecondFactorReset.objects.create(
        person=person,
        person_username=person.get_username(),
        reset_by=by,
        reset_by_username=by.get_username(),
        reason=reason,
    )


def _is_session_of(data: dict[str, Any], person: Any) -> bool:
    pending = data.get(_PENDING) or {}
    return data.get(SESSION_KEY) == str(person.pk) or pending.get("user") == person.pk


# Deny by default


def _open_paths() -> set[str]:
    names = ["two_step_code", "two_step_setup", "two_step_password", "two_step_recovery_codes"]
    return {reverse(f"identity:{name}") for name in names} | {reverse("logout")}


def second_factor_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """An administrator's session that has shown no second factor reaches only the pages
    that ask for one, and signing out. Password sign-ins never make such a session (they
    wait for the code before signing in); this holds for any other way one could arise:
    sessions from before two-step verification, a role given mid-session, a device reset
    by another administrator (tests/test_second_factor.py)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not session_is_strong(request)
            and required_for(user)
            and request.path not in _open_paths()
        ):
            step = "two_step_code" if has_second_factor(user) else "two_step_setup"
            return redirect(f"identity:{step}")
        return get_response(request)

    return middleware
