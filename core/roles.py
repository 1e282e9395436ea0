"""The four roles, as auth groups. What each may do is decided in the apps' rules."""

from django.contrib.auth.models import Group

OFFICER = "Officer"
MEMBER = "Member"
CLERK = "Clerk"
ADMINISTRATOR = "Administrator"
ROLES = (OFFICER, MEMBER, CLERK, ADMINISTRATOR)


def roles_of(user):
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached |= {ADMINISTRATOR}
        user._portal_roles = cached
    return cached


def has_role(user, role):
    return role in roles_of(user)


def role_groups():
    return {role: Group.objects.get_or_create(name=role)[0] for role in ROLES}
