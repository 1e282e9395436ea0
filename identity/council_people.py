"""Who a council account is in the portal: the sign-in bound to its issuer and `sub`, or at
its first sign-in one matched to a Person by email, or a new one.

The provider's `sub` never changes; an email address can be reissued to someone else. So the
first sign-in binds the provider's identity to the sign-in (a CouncilAccount), and later ones
find it by that alone. At the first, the Person with the email address (case aside) is the
one signing in, and their sign-in is linked to them; with none, a sign-in and a Person are
made from the claims. Two Persons with one address are refused rather than guessed between,
as are a sign-in already bound to another account and, by email alone, one with
administrative rights (tests/test_sign_in_with_oidc.py, tests/test_council_accounts.py).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from core.roles import ADMINISTRATOR, has_role, role_groups
from programmes.models import Person

from .models import CouncilAccount

logger = logging.getLogger(__name__)


class SignInRefused(Exception):
    """Why a council account may not sign in: said on the sign-in page."""


@dataclass(frozen=True)
class Match:
    person: Person | None
    user: User | None


def email_domain_allowed(email: str) -> bool:
    domain = email.rpartition("@")[2].lower()
    return domain in settings.PORTAL_OIDC_ALLOWED_DOMAINS


def match(email: str) -> Match:
    people = list(Person.objects.filter(email__iexact=email).select_related("user")[:2])
    if len(people) > 1:
        raise SignInRefused(
            f"More than one person in the portal has the email address {email}. An "
            "administrator needs to correct that before you can sign in."
        )
    person = people[0] if people else None
    if person is not None and person.user is not None:
        return Match(person, person.user)
    # A sign-in made by hand (a member or clerk often has no Person) with the same address.
    users = list(User.objects.filter(email__iexact=email, person__isnull=True)[:2])
    if len(users) > 1:
        raise SignInRefused(
            f"More than one sign-in in the portal has the email address {email}. An "
            "administrator needs to correct that before you can sign in."
        )
    return Match(person, users[0] if users else None)


@transaction.atomic
def account_for(claims: dict[str, Any]) -> User:
    """The sign-in for these (verified) claims, linked to its Person; made if need be."""
    email = claims["email"]
    found = match(email)
    user = found.user
    if user is None:
        given, family = _names(claims)
        user = User.objects.create_user(
            _free_username(email), email=email, first_name=given, last_name=family
        )
    elif not user.email:
        user.email = email
        user.save(update_fields=["email"])
    person = found.person or Person.objects.filter(user=user).first()
    if person is None:
        Person.objects.create(name=_free_person_name(claims, email), email=email, user=user)
    elif person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def bound_user(claims: dict[str, Any]) -> User | None:
    """The sign-in this council account was bound to, whatever its email address now."""
    account = (
        CouncilAccount.objects.filter(issuer=claims["iss"], subject=claims["sub"])
        .select_related("user")
        .first()
    )
    return account.user if account is not None else None


def is_privileged(user: User) -> bool:
    """A sign-in no email address alone may take over: the admin site's, an
    Administrator's, or a break-glass one."""
    return (
        user.is_superuser
        or user.is_staff
        or has_role(user, ADMINISTRATOR)
        or user.username in settings.PORTAL_BREAK_GLASS_USERNAMES
    )


def check_may_bind(user: User, claims: dict[str, Any]) -> None:
    """Refuses to bind `user`, found by the claims' email address, to this council account
    when it is bound to another of this provider's, or is privileged: an administrator links
    those in the admin site (README, "Signing in with the council's account")."""
    email, subject = claims["email"], claims["sub"]
    if CouncilAccount.objects.filter(user=user, issuer=claims["iss"]).exists():
        # Never "remove the link": that would hand the last holder's sign-in (their person,
        # roles and API tokens) to whoever has the address now (identity/admin.py).
        raise SignInRefused(
            f"The address {email} belongs to someone else's sign-in in the portal, which is "
            "linked to a different council account. An administrator needs to give you a "
            "sign-in of your own before you can sign in."
        )
    if is_privileged(user):
        raise SignInRefused(
            f"The portal's sign-in for {email} has administrative rights, so it is not linked "
            "to a council account by its email address alone. Ask a superuser of the portal "
            "to link yours: in the admin site, under Council accounts, or with manage.py "
            f"link_council_account, for your sign-in with the subject {subject}."
        )


def bind(user: User, claims: dict[str, Any]) -> bool:
    """Binds the council account to `user` (replacing a binding to an issuer no longer
    configured); False when it already was."""
    issuer, subject = claims["iss"], claims["sub"]
    if CouncilAccount.objects.filter(user=user, issuer=issuer, subject=subject).exists():
        return False
    try:
        with transaction.atomic():
            CouncilAccount.objects.update_or_create(
                user=user, defaults={"issuer": issuer, "subject": subject}
            )
    except IntegrityError:  # the same account, signing in twice at once
        raise SignInRefused("Your sign-in could not be completed. Try again.") from None
    logger.info("Council account %s at %s bound to sign-in %s", subject, issuer, user.pk)
    return True


class LinkRefused(Exception):
    """Why an administrator may not link a council account to a sign-in."""


def link(*, user: User, issuer: str, subject: str) -> bool:
    """An administrator's link of the council account `issuer` + `subject` to `user`, in the
    admin site or by `manage.py link_council_account`; False when it already was. A link is
    never moved: not from another sign-in, nor to another of this issuer's accounts
    (tests/test_council_accounts.py)."""
    bound_to = (
        CouncilAccount.objects.filter(issuer=issuer, subject=subject).select_related("user").first()
    )
    if bound_to is not None and bound_to.user_id != user.pk:
        raise LinkRefused(
            f"The council account {subject} at {issuer} is already linked to the sign-in "
            f"{bound_to.user.get_username()}."
        )
    if CouncilAccount.objects.filter(user=user, issuer=issuer).exclude(subject=subject).exists():
        raise LinkRefused(
            f"The sign-in {user.get_username()} is already linked to another council account "
            f"at {issuer}."
        )
    return bind(user, {"iss": issuer, "sub": subject})


def set_roles_from_groups(user: User, groups: Iterable[str] | None) -> None:
    """With PORTAL_OIDC_GROUP_ROLES set, the provider's groups decide the four roles at every
    sign-in (other groups are left alone). Unset, roles are an administrator's to give.
    The admin site (is_staff) is never given by a claim: an administrator grants it.
    `groups` is None when the provider could not list them all (Entra ID's overage)."""
    mapping: dict[str, str] = settings.PORTAL_OIDC_GROUP_ROLES
    if not mapping:
        return
    # A break-glass administrator keeps the role the provider's groups may not give them, or
    # one sign-in would lock the council out (tests/test_council_accounts.py).
    if user.username in settings.PORTAL_BREAK_GLASS_USERNAMES:
        return
    if groups is None:
        logger.warning(
            "The provider sent too many groups for sign-in %s to list: roles left as they were "
            "(README: assign the groups to the application).",
            user.pk,
        )
        return
    wanted = {mapping[group] for group in groups if group in mapping}
    for role, group in role_groups().items():
        if role in wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    user.__dict__.pop("_portal_roles", None)  # core.roles caches them on the user


def _names(claims: dict[str, Any]) -> tuple[str, str]:
    given = str(claims.get("given_name") or "")[:150]
    family = str(claims.get("family_name") or "")[:150]
    if not (given or family) and claims.get("name"):
        given, _, family = str(claims["name"]).partition(" ")
    return given[:150], family[:150]


def _free_username(email: str) -> str:
    username = email.lower()[:150]
    if not User.objects.filter(username__iexact=username).exists():
        return username
    suffix = 2
    while User.objects.filter(username__iexact=f"{username[:140]}-{suffix}").exists():
        suffix += 1
    return f"{username[:140]}-{suffix}"


def _free_person_name(claims: dict[str, Any], email: str) -> str:
    given, family = _names(claims)
    name = str(claims.get("name") or f"{given} {family}".strip() or email.partition("@")[0])
    # Person names are unique: a namesake is told apart by their address.
    if Person.objects.filter(name=name).exists():
        name = f"{name} ({email})"
    return name[:200]
