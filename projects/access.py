"""The editing rules as filters: an officer may edit a project when they are its
sponsor, project manager, lead or a named editor, or, for an item of a
contract's annual plan, a manager of that contract; administrators may edit
everything; members and clerks read. A project's editors keep its risks and issues;
a programme's owner keeps the programme's, and receives its projects' escalations; a
strategy's are its administrators'. `projects.rules` builds the permissions on these
same filters, so a list and a permission check can never disagree."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from core.roles import ADMINISTRATOR, OFFICER, has_role


def person_of(user):
    """The Person a signed-in user is, or None (not every user is a named person)."""
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except ObjectDoesNotExist:
        return None


def owned_by_filter(person, prefix=""):
    """Projects a person is sponsor, project manager, lead or a named editor of."""
    return (
        Q(**{f"{prefix}sponsor": person})
        | Q(**{f"{prefix}manager": person})
        | Q(**{f"{prefix}lead": person})
        | Q(**{f"{prefix}editors": person})
    )


def editing_filter(user, officers_rule):
    """Everything for administrators; `officers_rule(person)` for an officer who is a
    named person; nothing for anyone else. Shared by every editing rule."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if has_role(user, ADMINISTRATOR):
        return Q()
    person = person_of(user)
    if person is None or not has_role(user, OFFICER):
        return Q(pk__in=[])
    return officers_rule(person)


def project_editors_filter(person, prefix=""):
    """Projects `person` may edit, as an officer: theirs, and their contracts' plan items."""
    return owned_by_filter(person, prefix) | Q(
        **{f"{prefix}programme__strategy__contract__managers": person}
    )


def editable_projects_filter(user):
    return editing_filter(user, project_editors_filter)


def editable_raid_filter(user):
    """Risks and issues `user` may change: a project's by its editors, a programme's by
    its owner, who may also act on its projects' items escalated to it."""
    return editing_filter(
        user,
        lambda person: (
            project_editors_filter(person, "project__")
            | Q(programme__owner=person)
            | (Q(project__programme__owner=person) & ~Q(escalated_to=""))
        ),
    )


def escalating_raid_filter(user):
    """Risks and issues `user` may escalate one level now: a project's editors send its
    items to the programme; the programme's owner sends the programme's own, and those
    escalated to it, to the strategy's board."""
    return editing_filter(
        user,
        lambda person: (
            (project_editors_filter(person, "project__") & Q(escalated_to=""))
            | (Q(programme__owner=person) & Q(escalated_to=""))
            | Q(project__programme__owner=person, escalated_to="programme")
        ),
    )


def editable_benefits_filter(user):
    """Benefits `user` may change: a project's by its editors, a programme's by its
    owner (the same people who keep their risks)."""
    return editing_filter(
        user,
        lambda person: project_editors_filter(person, "project__") | Q(programme__owner=person),
    )
