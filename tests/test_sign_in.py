import pytest
from django.urls import reverse

from .second_factor import log_in
from .world import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_with_the_right_password_reaches_home(client, member):
    response = client.post(
        reverse("login"), {"username": member.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert f"Signed in as {member.get_full_name()}" in response.content.decode()


def test_wrong_password_shows_the_error_summary_and_keeps_the_username(client, member):
    response = client.post(reverse("login"), {"username": member.username, "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct username and password" in body
    assert f'value="{member.username}"' in body
    assert "_auth_user_id" not in client.session


def test_empty_form_names_each_missing_field(client):
    body = client.post(reverse("login"), {}).content.decode()
    assert 'href="#id_username">Enter your username' in body
    assert 'href="#id_password">Enter your password' in body


def test_sign_out_is_post_only(client, member):
    client.force_login(member)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_navigation_shows_administration_only_to_administrators(client, member, administrator):
    client.force_login(member)
    assert "Administration" not in client.get(reverse("home")).content.decode()
    log_in(client, administrator)
    assert "Administration" in client.get(reverse("home")).content.decode()
