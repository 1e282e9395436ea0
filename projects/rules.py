"""Permissions on projects, from the one rule in `projects.access`."""

import rules

from core.permissions import can_edit_through, object_for_user
from core.roles import ADMINISTRATOR, OFFICER, has_role

from .access import editable_projects_filter
from .models import Project

can_edit_project = can_edit_through(Project, editable_projects_filter, "can_edit_project")


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


@rules.predicate
def may_import_trackers(user):
    return has_role(user, OFFICER) or has_role(user, ADMINISTRATOR)


# Officers import updates to the projects they may edit; administrators may also
# add programmes and projects (decided per row, in `projects.tracker.plan`).
rules.add_perm("projects.import_tracker", may_import_trackers)
