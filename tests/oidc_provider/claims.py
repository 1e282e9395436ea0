"""What the test provider says of a person: standard claims, and Entra ID's `groups` claim
in the ID token (not in userinfo, as Entra ID does)."""

# Someone whose ID token names another issuer: signed with this provider's key, as a token
# from another Entra ID tenant is signed with the same Microsoft keys.
FORGED_ISSUER_USERNAME = "forged"
FORGED_ISSUER = "https://login.example.net/another-tenant/v2.0"


def userinfo(claims, user):
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


def id_token_hook(id_token, user, token, request, **kwargs):
    id_token["groups"] = sorted(user.groups.values_list("name", flat=True))
    if user.username == FORGED_ISSUER_USERNAME:
        id_token["iss"] = FORGED_ISSUER
    return id_token
