"""Personal API tokens: made on your own page and shown once, revoked there, made by an
administrator's `manage.py api_token`, and never stored as themselves."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from api.models import ApiToken
from api.tokens import MAX_LIVE_TOKENS, token_issue

from .api import api_get

pytestmark = pytest.mark.django_db
PAGE = "/account/api-tokens/"


def test_a_person_makes_a_token_and_sees_it_once(client, world):
    client.force_login(world.member)
    response = client.post(PAGE, {"name": "Power BI: board pack"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = response.context["new_token"].text
    assert text in response.content.decode()
    assert api_get(client, "/api/v1/projects/", text).status_code == 200
    # The page lists it by name and its first characters, never the token again.
    again = client.get(PAGE).content.decode()
    assert "Power BI: board pack" in again and text[:8] in again and text not in again


def test_a_token_without_a_name_is_refused_and_nothing_is_made(client, world):
    client.force_login(world.member)
    response = client.post(PAGE, {"name": "  "})
    assert response.status_code == 400
    assert "Enter what the token is for" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_person_may_have_ten_live_tokens(client, world):
    for n in range(MAX_LIVE_TOKENS):
        token_issue(user=world.member, name=f"Token {n}")
    client.force_login(world.member)
    response = client.post(PAGE, {"name": "One too many"})
    assert response.status_code == 400
    assert "revoke one you no longer use first" in response.content.decode()
    assert ApiToken.objects.filter(user=world.member).count() == MAX_LIVE_TOKENS


def test_a_person_revokes_their_token_and_it_stops_working(client, world):
    made = token_issue(user=world.member, name="Old report")
    client.force_login(world.member)
    response = client.post(reverse("api_token_revoke", args=[made.token.pk]), follow=True)
    assert "Token “Old report” revoked" in response.content.decode()
    made.token.refresh_from_db()
    assert made.token.revoked_by == world.member
    client.logout()
    assert api_get(client, "/api/v1/projects/", made.text).status_code == 401


def test_nobody_revokes_another_persons_token(client, world):
    made = token_issue(user=world.member, name="Theirs")
    client.force_login(world.clerk)
    assert client.post(reverse("api_token_revoke", args=[made.token.pk])).status_code == 404
    made.token.refresh_from_db()
    assert made.token.is_live


def test_the_page_says_when_each_token_was_last_used(client, world):
    made = token_issue(user=world.member, name="Refreshing report")
    api_get(client, "/api/v1/strategies/", made.text)
    client.force_login(world.member)
    (token,) = client.get(PAGE).context["tokens"]
    assert token.last_used_at is not None


def test_the_command_prints_a_new_token_once(world):
    out, err = StringIO(), StringIO()
    call_command("api_token", "member", "--name", "BI gateway", stdout=out, stderr=err)
    text = out.getvalue().strip()
    assert text.startswith("tsp_")
    assert "shown only this once" in err.getvalue()
    token = ApiToken.objects.get()
    assert token.name == "BI gateway" and token.user == world.member
    assert text not in token.digest


@pytest.mark.parametrize(
    "username, message",
    [("nobody", "No sign-in is called 'nobody'"), ("norole", "has no role in the portal")],
)
def test_the_command_refuses_a_sign_in_it_cannot_make_a_token_for(world, username, message):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("norole")
    with pytest.raises(CommandError, match=message):
        call_command("api_token", username, stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()


def test_token_uses_older_than_the_log_keeps_are_forgotten_by_the_schedule(world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from api.models import ApiTokenUse

    settings.PORTAL_API_LOG_DAYS = 30
    token = token_issue(user=world.member, name="Old").token
    old = ApiTokenUse.objects.create(token=token, path="/api/v1/projects/", status=200)
    ApiTokenUse.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    recent = ApiTokenUse.objects.create(token=token, path="/api/v1/risks/", status=200)
    call_command("run_schedule", stdout=StringIO())
    assert list(ApiTokenUse.objects.values_list("pk", flat=True)) == [recent.pk]
