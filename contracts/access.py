"""The editing rule for contract changes, as a filter: an officer may change a
change when they are named on it or on its contract; administrators may change
everything; members and clerks read. `contracts.rules` builds the permission on
this filter, as `projects.access` does for projects."""

from django.db.models import Q

from core.roles import ADMINISTRATOR, OFFICER, has_role
from projects.access import editing_filter, person_of


def editable_changes_filter(user):
    return editing_filter(user, lambda person: Q(managers=person) | Q(contract__managers=person))


def may_raise_changes(user):
    return has_role(user, ADMINISTRATOR) or (
        has_role(user, OFFICER) and person_of(user) is not None
    )
