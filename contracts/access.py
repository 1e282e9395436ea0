"""The editing rule for contract changes, as a filter: an officer may change a
change when they are named on it or on its contract; administrators may change
everything; members and clerks read. `contracts.rules` builds the permission on
this filter, as `projects.access` does for projects."""

from django.db.models import Q

from portal.roles import ADMINISTRATOR, OFFICER, has_role
from projects.access import person_of


def editable_changes_filter(user):
    if not user.is_authenticated:
        return Q(pk__in=[])
    if has_role(user, ADMINISTRATOR):
        return Q()
    person = person_of(user)
    if person is None or not has_role(user, OFFICER):
        return Q(pk__in=[])
    return Q(managers=person) | Q(contract__managers=person)


def may_raise_changes(user):
    return has_role(user, ADMINISTRATOR) or (
        has_role(user, OFFICER) and person_of(user) is not None
    )
