"""Two-step verification and the sessions around it (identity/second_factor.py): a reset
ends the person's sessions, a signed-in session gives its password again before setting up,
a code gives the session a new key, a council-account session shows a code to manage its
codes, and the setup key stays out of logs and error reports."""

import logging
import time
from base64 import b32encode

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils.log import AdminEmailHandler
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ADMINISTRATOR, MEMBER
from identity.models import SecondFactorReset
from identity.second_factor import new_recovery_codes, reset_lost_device

from .factories import make_user
from .second_factor import (
    CODE_PAGE,
    CODES_PAGE,
    PASSWORD_PAGE,
    SETUP_PAGE,
    authenticator,
    code_for,
    enter,
    log_in,
    password_again,
    setup_code,
    sign_in,
    signed_in,
    with_provider,
)

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("identity:account")
NEW_CODES = reverse("identity:two_step_new_codes")
TURN_OFF = reverse("identity:two_step_turn_off")
SIGN_IN = reverse("login")


def reset(client, person):
    return client.post(reverse("identity:two_step_reset", args=[person.pk]), {"reason": "Lost"})


# A lost-device reset ends the person's sessions


@pytest.mark.parametrize("persona", ["admin", "member"])
def test_a_lost_device_reset_signs_the_person_out_of_every_session(client, world, persona):
    person = getattr(world, persona)
    device = authenticator(person)
    elsewhere = Client()
    sign_in(elsewhere, person)
    enter(elsewhere, code_for(device))
    halfway = Client()
    sign_in(halfway, person)
    resetter = make_user(role=ADMINISTRATOR, username="admin2")
    log_in(client, resetter)

    assert reset(client, person)["Location"] == reverse("identity:two_step_people")

    assert elsewhere.get(reverse("home"))["Location"].startswith(SIGN_IN)
    assert not signed_in(elsewhere)
    assert halfway.get(CODE_PAGE)["Location"] == SIGN_IN
    assert elsewhere.get(SETUP_PAGE)["Location"].startswith(SIGN_IN)
    # The resetter's own session goes on.
    assert client.get(reverse("identity:two_step_people")).status_code == 200
    assert client.session["_auth_user_id"] == str(resetter.pk)


def test_a_reset_is_refused_where_sessions_cannot_be_found_to_end(world, settings):
    authenticator(world.admin)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    resetter = make_user(role=ADMINISTRATOR, username="admin2")

    with pytest.raises(ImproperlyConfigured):
        reset_lost_device(person=world.admin, by=resetter, reason="Lost")

    assert TOTPDevice.objects.filter(user=world.admin).exists()
    assert not SecondFactorReset.objects.exists()


# A half-done sign-in stays with its owner


@pytest.mark.parametrize("stopped_at", ["code", "setup"])
def test_a_half_done_sign_in_does_not_pass_to_the_next_person_who_signs_in_in_that_browser(
    client, world, stopped_at
):
    if stopped_at == "code":
        authenticator(world.admin)
    sign_in(client, world.admin)
    page = CODE_PAGE if stopped_at == "code" else SETUP_PAGE
    assert client.get(page).status_code == 200  # the administrator walks away here

    sign_in(client, world.member)

    assert client.session["_auth_user_id"] == str(world.member.pk)
    assert "identity.pending_sign_in" not in client.session
    assert "identity.setup_secret" not in client.session
    reset_lost_device(
        person=world.admin, by=make_user(role=ADMINISTRATOR, username="admin2"), reason="Lost"
    )
    assert client.get(reverse("home")).status_code == 200  # the member's session goes on


def test_a_password_given_again_by_someone_else_does_not_pass_to_the_next_sign_in(client, world):
    session = client.session
    session["identity.password_again"] = {"user": world.admin.pk, "since": time.time()}
    session.save()

    sign_in(client, world.member)

    assert "identity.password_again" not in client.session


def test_a_persons_own_half_done_steps_stay_when_they_sign_in(client, world):
    session = client.session
    mine = {"user": world.member.pk, "since": time.time()}
    for key in ("identity.pending_sign_in", "identity.password_again"):
        session[key] = mine
    session["identity.setup_secret"] = {"user": world.member.pk, "key": "00" * 20}
    session.save()

    client.force_login(world.member)

    for key in ("identity.pending_sign_in", "identity.password_again", "identity.setup_secret"):
        assert client.session[key]["user"] == world.member.pk


# Setting up from a signed-in session


def test_a_signed_in_session_gives_its_password_again_before_setting_up(client, world):
    client.force_login(world.member)

    assert client.get(SETUP_PAGE)["Location"] == PASSWORD_PAGE
    assert client.post(SETUP_PAGE, {"code": "123456"})["Location"] == PASSWORD_PAGE
    assert "identity.setup_secret" not in client.session
    wrong = password_again(client, "not-the-password")
    assert "The password is not right" in wrong.content.decode()
    assert client.get(SETUP_PAGE)["Location"] == PASSWORD_PAGE

    assert password_again(client)["Location"] == SETUP_PAGE
    assert client.get(SETUP_PAGE).status_code == 200
    assert client.post(SETUP_PAGE, {"code": setup_code(client)})["Location"] == CODES_PAGE
    assert TOTPDevice.objects.filter(user=world.member, confirmed=True).exists()
    shown = client.get(CODES_PAGE).content.decode()
    codes = StaticToken.objects.filter(device__user=world.member).values_list("token", flat=True)
    assert len(codes) == 10 and all(code in shown for code in codes)


def test_an_administrator_session_without_its_factor_cannot_set_one_up_without_the_password(
    client, world
):
    # As a session that outlived a reset would be, were it not ended.
    client.force_login(world.admin)

    assert client.get(ACCOUNT)["Location"] == SETUP_PAGE
    assert client.get(SETUP_PAGE)["Location"] == PASSWORD_PAGE
    assert client.get(PASSWORD_PAGE).status_code == 200
    assert not TOTPDevice.objects.filter(user=world.admin).exists()


def test_the_password_asked_again_is_throttled_like_the_sign_in(client, world):
    client.force_login(world.member)
    for _ in range(5):
        password_again(client, "wrong")

    locked = password_again(client)

    assert locked.status_code == 429
    assert client.get(SETUP_PAGE)["Location"] == PASSWORD_PAGE


def test_someone_with_no_password_is_not_offered_a_second_factor_for_it(client, world, settings):
    person = make_user(role=MEMBER)
    person.set_unusable_password()
    person.save()
    with_provider(client, person, settings)

    account = client.get(ACCOUNT).content.decode()
    assert "Set up two-step verification" not in account
    assert "you do not sign in to the portal with one" in account
    assert client.get(SETUP_PAGE)["Location"] == PASSWORD_PAGE
    assert 'name="password"' not in client.get(PASSWORD_PAGE).content.decode()


# A code gives the session a new key


def test_a_code_entered_in_a_signed_in_session_gives_it_a_new_session_key(client, world):
    device = authenticator(world.admin)
    client.force_login(world.admin)
    before = client.session.session_key

    assert enter(client, code_for(device))["Location"] == reverse("home")

    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get(reverse("admin:index")).status_code == 200


# A session signed in with the council's account


def test_a_council_account_session_shows_a_code_before_managing_its_own_codes(
    client, world, settings
):
    device = authenticator(world.member)
    new_recovery_codes(world.member)
    with_provider(client, world.member, settings)
    account = client.get(ACCOUNT).content.decode()
    assert "Make new recovery codes" not in account
    assert f'href="{CODE_PAGE}?next={ACCOUNT}"' in account
    assert client.post(NEW_CODES).status_code == 403

    assert client.get(f"{CODE_PAGE}?next={ACCOUNT}").status_code == 200
    verified = client.post(f"{CODE_PAGE}?next={ACCOUNT}", {"code": code_for(device)})
    assert verified["Location"] == ACCOUNT

    account = client.get(ACCOUNT).content.decode()
    assert "Make new recovery codes" in account and "Turn off two-step verification" in account
    assert client.post(NEW_CODES)["Location"] == CODES_PAGE
    assert StaticToken.objects.filter(device__user=world.member).count() == 10
    assert client.post(TURN_OFF)["Location"] == ACCOUNT
    assert not TOTPDevice.objects.filter(user=world.member).exists()


def test_an_administrator_signed_in_with_the_council_account_is_offered_the_reset_page(
    client, world, settings
):
    with_provider(client, world.admin, settings)

    account = client.get(ACCOUNT).content.decode()

    assert reverse("identity:two_step_people") in account
    assert client.get(reverse("identity:two_step_people")).status_code == 200


# CSRF, and the setup key kept out of logs


def test_every_two_step_change_is_refused_without_the_csrf_token(world, caplog):
    authenticator(world.member)
    urls = [CODE_PAGE, SETUP_PAGE, PASSWORD_PAGE, NEW_CODES, TURN_OFF]
    urls.append(reverse("identity:two_step_reset", args=[world.member.pk]))
    client = log_in(Client(enforce_csrf_checks=True), world.admin)

    for url in urls:
        caplog.clear()
        assert client.post(url, {"code": "123456", "reason": "x"}).status_code == 403, url
        assert any(r.name == "django.security.csrf" for r in caplog.records), url
    assert TOTPDevice.objects.filter(user=world.member).exists()


def test_the_setup_key_stays_out_of_the_logs_and_the_error_reports(
    world, caplog, monkeypatch, settings
):
    caplog.set_level(logging.DEBUG)
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    password_again(client)
    client.get(SETUP_PAGE)
    key = client.session["identity.setup_secret"]["key"]
    client.post(SETUP_PAGE, {"code": "abc"})  # a wrong code: the page again

    def broken_qr_code(*args, **kwargs):
        raise RuntimeError("the QR code could not be made")

    monkeypatch.setattr("identity.views.second_factor.segno.make", broken_qr_code)
    settings.ADMINS = [("Service desk", "desk@example.org")]
    handler = AdminEmailHandler(include_html=True)  # the frames' values, as Sentry's
    logging.getLogger("django.request").addHandler(handler)
    try:
        assert client.get(SETUP_PAGE).status_code == 500
    finally:
        logging.getLogger("django.request").removeHandler(handler)

    reports = [str(part.content) for report in mail.outbox for part in report.alternatives]
    reports += [report.body for report in mail.outbox]
    assert "broken_qr_code" in reports[0]  # the frames are there, their values are not
    written = b32encode(bytes.fromhex(key)).decode()
    for seen in (caplog.text, *reports):
        assert key not in seen and written not in seen
