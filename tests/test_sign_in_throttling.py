"""Sign-in throttling with django-axes: locked after five wrong passwords, unlocked
by an administrator."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

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
    admin_client.force_login(administrator)
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
