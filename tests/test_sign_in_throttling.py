"""Sign-in throttling with django-axes: locked after five wrong passwords for a username
from one address, for 30 minutes that further attempts do not extend, unlocked by an
administrator; behind a trusted proxy, the address is the one the proxy saw."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from .second_factor import log_in
from .test_home import text_of
from .world import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, user, password):
    return client.post(reverse("login"), {"username": user.username, "password": password})


def test_five_wrong_passwords_lock_the_username_even_against_the_right_one(client, member):
    for _ in range(4):
        assert "Enter a correct username and password" in text_of(sign_in(client, member, "wrong"))

    locked = sign_in(client, member, "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked" in text_of(locked)
    right = sign_in(client, member, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_administrator_unlocks_a_locked_username_in_the_admin(client, member, administrator):
    for _ in range(5):
        sign_in(client, member, "wrong")
    attempt = AccessAttempt.objects.get(username=member.username)

    admin_client = client.__class__()
    log_in(admin_client, administrator)
    admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert not AccessAttempt.objects.filter(username=member.username).exists()
    assert sign_in(client, member, PASSWORD).status_code == 302


def test_a_right_password_clears_earlier_failures(client, member):
    for _ in range(3):
        sign_in(client, member, "wrong")
    assert sign_in(client, member, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, member, "wrong")
    assert sign_in(client, member, PASSWORD).status_code == 302


def lock_out(client, user, **headers):
    for _ in range(5):
        client.post(
            reverse("login"), {"username": user.username, "password": "wrong"}, headers=headers
        )


def test_the_lockout_says_how_long_in_words(client, member):
    lock_out(client, member)

    page = text_of(sign_in(client, member, "wrong"))

    assert "locked for 30 minutes from the last wrong password" in page
    assert "PT30M" not in page


def test_attempts_during_a_lockout_do_not_make_it_longer(client, member):
    lock_out(client, member)
    attempt = AccessAttempt.objects.get(username=member.username)
    attempt.attempt_time -= timedelta(minutes=20)
    attempt.save()

    assert sign_in(client, member, "wrong").status_code == 429
    assert sign_in(client, member, PASSWORD).status_code == 429
    attempt.refresh_from_db()
    assert timezone.now() - attempt.attempt_time >= timedelta(minutes=20)

    attempt.attempt_time -= timedelta(minutes=11)  # 31 minutes since the fifth
    attempt.save()
    assert sign_in(client, member, PASSWORD).status_code == 302


PROXY = "10.0.0.2"  # every request reaches the portal from the proxy


def trust_the_proxy(settings):
    settings.PORTAL_TRUSTED_PROXY = True
    settings.PORTAL_TRUSTED_PROXY_ADDRESSES = [PROXY]


def test_behind_a_trusted_proxy_two_clients_are_told_apart(client, member, settings):
    trust_the_proxy(settings)
    client.defaults["REMOTE_ADDR"] = PROXY
    attacker = {"x-forwarded-for": "203.0.113.9"}
    lock_out(client, member, **attacker)

    other = client.__class__(REMOTE_ADDR=PROXY)
    # The member's own browser: the proxy appends the address it was connected from.
    response = other.post(
        reverse("login"),
        {"username": member.username, "password": PASSWORD},
        headers={"x-forwarded-for": "198.51.100.20"},
    )

    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_a_client_cannot_claim_another_address_through_the_proxy(client, member, settings):
    trust_the_proxy(settings)
    client.defaults["REMOTE_ADDR"] = PROXY
    # The attacker writes the member's address first; the proxy appends the real one.
    lock_out(client, member, **{"x-forwarded-for": "198.51.100.20, 203.0.113.9"})

    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, member):
    lock_out(client, member, **{"x-forwarded-for": "203.0.113.9"})

    assert AccessAttempt.objects.get().ip_address == "127.0.0.1"


def test_the_forwarded_header_is_believed_only_from_the_proxy(client, member, settings):
    """A client reaching the server directly cannot claim an address."""
    trust_the_proxy(settings)
    client.defaults["REMOTE_ADDR"] = "198.51.100.7"
    lock_out(client, member, **{"x-forwarded-for": "203.0.113.9"})

    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded", "read_as"),
    [
        ("203.0.113.9:5555", "203.0.113.9"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("not an address", PROXY),
        ("", PROXY),
    ],
)
def test_a_forwarded_address_is_read_as_an_address_or_not_at_all(
    client, member, settings, forwarded, read_as
):
    trust_the_proxy(settings)
    client.defaults["REMOTE_ADDR"] = PROXY

    response = sign_in_as(client, member, forwarded)

    assert response.status_code == 200  # the form again, with its error: no 500
    assert AccessAttempt.objects.get().ip_address == read_as


def sign_in_as(client, user, forwarded):
    return client.post(
        reverse("login"),
        {"username": user.username, "password": "wrong"},
        headers={"x-forwarded-for": forwarded},
    )
