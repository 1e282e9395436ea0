"""Two-step verification for password sign-ins (identity/second_factor.py): required of
administrators, offered to everyone else, reset by another administrator on the record."""

import time
from base64 import b32decode
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import ADMINISTRATOR
from identity.models import SecondFactorReset
from identity.second_factor import TOO_MANY, WRONG_CODE, new_recovery_codes

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
from .world import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_INDEX = reverse("admin:index")


def another_administrator():
    return make_user(role=ADMINISTRATOR, username="admin2", first_name="Sam", last_name="Patel")


def test_an_administrator_without_totp_cannot_reach_the_admin_after_a_password_sign_in(
    client, world
):
    response = sign_in(client, world.admin, next=ADMIN_INDEX)

    assert response["Location"] == SETUP_PAGE
    assert not signed_in(client)
    to_admin = client.get(ADMIN_INDEX, follow=True)
    assert to_admin.redirect_chain[-1][0].startswith(reverse("login"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert "Set up two-step verification" in client.get(SETUP_PAGE).content.decode()


def test_an_administrators_session_without_a_second_factor_reaches_only_the_setup(client, world):
    # As a session from before two-step verification, or a role given mid-session, would.
    client.force_login(world.admin)

    for path in (ADMIN_INDEX, reverse("home"), reverse("identity:account")):
        assert client.get(path)["Location"] == SETUP_PAGE, path
    assert client.get(SETUP_PAGE)["Location"] == PASSWORD_PAGE
    assert client.get(PASSWORD_PAGE).status_code == 200
    authenticator(world.admin)
    assert client.get(ADMIN_INDEX)["Location"] == CODE_PAGE


def test_setting_up_with_a_right_code_signs_in_and_shows_the_recovery_codes_once(client, world):
    sign_in(client, world.admin, next=ADMIN_INDEX)
    client.get(SETUP_PAGE)

    response = client.post(SETUP_PAGE, {"code": setup_code(client)})

    assert response["Location"] == CODES_PAGE
    assert signed_in(client)
    page = client.get(CODES_PAGE).content.decode()
    codes = StaticToken.objects.filter(device__user=world.admin)
    assert codes.count() == 10
    assert all(code.token in page for code in codes)
    assert f'href="{ADMIN_INDEX}"' in page
    assert client.get(CODES_PAGE)["Location"] == reverse("identity:account")
    assert client.get(ADMIN_INDEX).status_code == 200


def test_setting_up_with_a_wrong_code_shows_an_error_and_saves_nothing(client, world):
    sign_in(client, world.admin)
    client.get(SETUP_PAGE)
    wrong = "000000" if setup_code(client) != "000000" else "111111"

    response = client.post(SETUP_PAGE, {"code": wrong})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Error: Set up two-step verification" in page
    assert "The code is not right" in page
    assert not TOTPDevice.objects.filter(user=world.admin).exists()
    assert not StaticToken.objects.filter(device__user=world.admin).exists()
    assert not signed_in(client)


def test_the_setup_page_shows_the_qr_code_inline_and_the_key_to_type(client, world):
    client.force_login(world.member)
    password_again(client)
    page = client.get(SETUP_PAGE).content.decode()
    key = client.session["identity.setup_secret"]["key"]

    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert '<svg role="img"' in main
    assert "<script" not in main and "style=" not in main  # the Content-Security-Policy's
    typed = page.split('id="secret">', 1)[1].split("<", 1)[0].replace(" ", "")
    assert bytes.fromhex(key) == b32decode(typed)


def test_signing_in_with_totp_asks_for_the_code_and_a_wrong_code_does_not_sign_in(client, world):
    device = authenticator(world.admin)

    response = sign_in(client, world.admin, next=reverse("projects:list"))
    assert response["Location"] == CODE_PAGE
    assert not signed_in(client)

    wrong = enter(client, "12345x")
    assert wrong.status_code == 200
    assert WRONG_CODE in wrong.content.decode()
    assert not signed_in(client)

    right = enter(client, code_for(device))
    assert right["Location"] == reverse("projects:list")
    assert signed_in(client)
    assert client.get(ADMIN_INDEX).status_code == 200


def test_after_the_code_a_sign_in_goes_on_only_to_a_page_of_the_portal(client, world):
    device = authenticator(world.admin)
    sign_in(client, world.admin, next="https://elsewhere.example/")

    assert enter(client, code_for(device))["Location"] == reverse("home")


def test_a_recovery_code_works_once_only(client, world):
    authenticator(world.admin)
    code = new_recovery_codes(world.admin)[0]
    sign_in(client, world.admin)
    assert enter(client, code.upper())["Location"] == reverse("home")

    client.logout()
    sign_in(client, world.admin)
    again = enter(client, code)

    assert WRONG_CODE in again.content.decode()
    assert not signed_in(client)
    assert StaticToken.objects.filter(device__user=world.admin).count() == 9


def test_wrong_codes_are_throttled_so_even_the_right_one_waits(client, world, settings):
    # django-otp doubles the wait after each wrong code: 1, 2, 4... seconds by default.
    # A minute here, so the test does not race the clock.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = authenticator(world.admin)
    sign_in(client, world.admin)
    enter(client, "000000" if code_for(device) != "000000" else "111111")

    refused = enter(client, code_for(device))

    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=61)
    )
    assert enter(client, code_for(device))["Location"] == reverse("home")


def test_a_non_administrator_is_offered_two_step_verification_but_not_forced(client, world):
    assert sign_in(client, world.member)["Location"] == reverse("home")
    assert signed_in(client)

    account = client.get(reverse("identity:account")).content.decode()
    assert "Set up two-step verification" in account
    assert client.get(reverse("home")).status_code == 200


def test_a_non_administrator_who_set_it_up_is_asked_for_the_code(client, world):
    client.force_login(world.member)
    password_again(client)
    client.get(SETUP_PAGE)
    assert client.post(SETUP_PAGE, {"code": setup_code(client)})["Location"] == CODES_PAGE
    client.logout()

    assert sign_in(client, world.member)["Location"] == CODE_PAGE
    assert not signed_in(client)
    enter(client, code_for(TOTPDevice.objects.get(user=world.member)))
    assert signed_in(client)


def test_a_person_makes_new_recovery_codes_and_the_old_ones_stop_working(client, world):
    device = authenticator(world.member)
    old = new_recovery_codes(world.member)
    sign_in(client, world.member)
    enter(client, code_for(device))

    response = client.post(reverse("identity:two_step_new_codes"))

    assert response["Location"] == CODES_PAGE
    new = set(StaticToken.objects.filter(device__user=world.member).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    page = client.get(CODES_PAGE).content.decode()
    assert all(code in page for code in new)


def test_a_non_administrator_turns_theirs_off_but_an_administrator_cannot(client, world):
    device = authenticator(world.member)
    sign_in(client, world.member)
    enter(client, code_for(device))
    assert client.post(reverse("identity:two_step_turn_off")).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.member).exists()

    log_in(client, world.admin)
    assert client.post(reverse("identity:two_step_turn_off")).status_code == 403
    assert TOTPDevice.objects.filter(user=world.admin).exists()


def test_another_administrator_resets_a_lost_device_on_the_record(client, world):
    authenticator(world.admin)
    new_recovery_codes(world.admin)
    resetter = another_administrator()
    log_in(client, resetter)
    assert client.get(reverse("identity:two_step_people")).status_code == 200

    response = client.post(
        reverse("identity:two_step_reset", args=[world.admin.pk]),
        {"reason": "Phone lost on the train; called back on the desk number."},
    )

    assert response["Location"] == reverse("identity:two_step_people")
    assert not TOTPDevice.objects.filter(user=world.admin).exists()
    assert not StaticToken.objects.filter(device__user=world.admin).exists()
    record = SecondFactorReset.objects.get()
    assert (record.person, record.reset_by) == (world.admin, resetter)
    assert (record.person_username, record.reset_by_username) == ("admin", "admin2")
    assert record.reason.startswith("Phone lost")
    client.logout()
    assert sign_in(client, world.admin)["Location"] == SETUP_PAGE


def test_the_reset_records_are_read_only_in_the_admin(client, world):
    resetter = another_administrator()
    authenticator(world.admin)
    log_in(client, resetter)
    client.post(reverse("identity:two_step_reset", args=[world.admin.pk]), {"reason": "Phone lost"})
    record = SecondFactorReset.objects.get()

    changelist = client.get(reverse("admin:identity_secondfactorreset_changelist"))
    assert changelist.status_code == 200
    assert "Phone lost" in changelist.content.decode()
    assert client.get(reverse("admin:identity_secondfactorreset_add")).status_code == 403
    delete = reverse("admin:identity_secondfactorreset_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SecondFactorReset.objects.exists()


def test_a_reset_needs_a_reason(client, world):
    authenticator(world.admin)
    log_in(client, another_administrator())

    response = client.post(reverse("identity:two_step_reset", args=[world.admin.pk]), {})

    assert "Enter why you are resetting" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.admin).exists()
    assert not SecondFactorReset.objects.exists()


def test_an_administrator_cannot_reset_their_own(client, world):
    log_in(client, world.admin)
    url = reverse("identity:two_step_reset", args=[world.admin.pk])

    assert client.post(url, {"reason": "Mine"}).status_code == 403
    assert client.get(reverse("identity:two_step_person", args=[world.admin.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=world.admin).exists()
    assert not SecondFactorReset.objects.exists()


@pytest.mark.parametrize("persona", ["member", "clerk", "owner"])
def test_a_non_administrator_cannot_reset_anyone(client, world, persona):
    authenticator(world.admin)
    client.force_login(getattr(world, persona))

    url = reverse("identity:two_step_reset", args=[world.admin.pk])
    assert client.post(url, {"reason": "Because"}).status_code == 403
    assert TOTPDevice.objects.filter(user=world.admin).exists()


def test_a_reset_is_refused_on_get(client, world):
    log_in(client, another_administrator())

    url = reverse("identity:two_step_reset", args=[world.admin.pk])
    assert client.get(url).status_code == 405


def test_a_session_signed_in_through_the_provider_is_not_asked_for_a_code(client, world, settings):
    with_provider(client, world.admin, settings)

    assert client.get(ADMIN_INDEX).status_code == 200
    assert client.get(reverse("home")).status_code == 200


def test_the_admin_login_takes_no_password(client, world):
    response = client.post(
        reverse("admin:login"), {"username": "admin", "password": PASSWORD, "next": ADMIN_INDEX}
    )

    assert response["Location"].startswith(reverse("login"))
    assert not signed_in(client)


def test_a_half_finished_sign_in_expires(client, world, monkeypatch):
    authenticator(world.admin)
    sign_in(client, world.admin)
    later = time.time() + 11 * 60
    monkeypatch.setattr(time, "time", lambda: later)

    assert client.get(CODE_PAGE)["Location"] == reverse("login")


def test_a_locked_out_administrator_is_not_asked_for_a_code(client, world):
    # django-axes refuses the right password while the username is locked out, so the
    # second step is never reached (tests/test_sign_in_throttling.py has the lockout).
    authenticator(world.admin)
    for _ in range(5):
        client.post(reverse("login"), {"username": "admin", "password": "wrong"})

    assert sign_in(client, world.admin).status_code == 429
    assert client.get(CODE_PAGE)["Location"] == reverse("login")
