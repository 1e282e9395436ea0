"""Permissions on projects, from the one rule in `projects.access`."""

import rules

from portal.permissions import object_for_user
from portal.roles import ADMINISTRATOR, has_role

from .models import Project


@rules.predicate
def can_edit_project(user, project):
    if project is None:
        return False
    if has_role(user, ADMINISTRATOR):
        return True
    return Project.objects.editable_by(user).filter(pk=project.pk).exists()


rules.add_perm("projects.view_project", rules.is_authenticated)
rules.add_perm("projects.change_project", can_edit_project)


def project_for_user(request, pk, *, perm="projects.change_project", queryset=None):
    """The project a request may act on: 404 if it does not exist, 403 if not allowed."""
    return object_for_user(
        request,
        queryset if queryset is not None else Project.objects,
        pk,
        perm=perm,
        refusal="You cannot change this project.",
    )
