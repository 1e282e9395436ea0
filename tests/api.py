"""Reading the API in tests: a token for a persona, and a GET that sends it."""

from api.tokens import token_issue


def token_for(user, name="Power BI"):
    return token_issue(user=user, name=name).text


def api_get(client, url, token, **params):
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {token}")
