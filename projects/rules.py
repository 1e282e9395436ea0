"""Permissions on projects, from the one rule in `projects.access`."""

import rules

from core.permissions import can_edit_through, object_for_user
from core.roles import ADMINISTRATOR, OFFICER, has_role

from .access import (
    editable_benefits_filter,
    editable_projects_filter,
    editable_raid_filter,
    escalating_raid_filter,
    person_of,
)
from .models import Benefit, Issue, Project, Risk

can_edit_project = can_edit_through(Project, editable_projects_filter, "can_edit_project")
# Risks and issues alike: the filters hold for both models.
can_edit_raid = can_edit_through(None, editable_raid_filter, "can_edit_raid")
can_escalate_raid = can_edit_through(None, escalating_raid_filter, "can_escalate_raid")
can_change_benefit = can_edit_through(Benefit, editable_benefits_filter, "can_change_benefit")


@rules.predicate
def may_keep_raid_of(user, holder):
    """May add risks and issues to `holder`: a project (its editors), a programme (its
    owner) or a strategy (administrators only)."""
    if has_role(user, ADMINISTRATOR):
        return True
    if isinstance(holder, Project):
        return can_edit_project(user, holder)
    person = person_of(user)
    owner_id = getattr(holder, "owner_id", None)
    return bool(person and has_role(user, OFFICER) and owner_id and owner_id == person.pk)


rules.add_perm("projects.view_project", rules.is_authenticated)
rules.add_perm("projects.change_project", can_edit_project)
for model in (Risk, Issue):
    rules.add_perm(f"projects.view_{model._meta.model_name}", rules.is_authenticated)
    rules.add_perm(f"projects.change_{model._meta.model_name}", can_edit_raid)
    rules.add_perm(f"projects.escalate_{model._meta.model_name}", can_escalate_raid)
rules.add_perm("projects.add_raid_to", may_keep_raid_of)
# A holder's benefits are kept by the people who keep its risks and issues.
rules.add_perm("projects.add_benefit_to", may_keep_raid_of)
rules.add_perm("projects.view_benefit", rules.is_authenticated)
rules.add_perm("projects.change_benefit", can_change_benefit)


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
