"""An officer's own plan of milestones: add, edit, re-baseline, reorder, withdraw and
delete, each a claim on the project's version first, so a status update or another plan
change opened at an older version is refused rather than saved over
(tests/test_milestone_planning.py).

The first due date given becomes the baseline. Moving a baseline later is a
re-baseline, with a reason, kept as a `Rebaseline`. Once a status update has reported a
milestone it is withdrawn with a reason, never deleted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from core.concurrency import claim_version
from programmes.models import Person

from .models import Milestone, MilestoneStatus, Project, Rebaseline, StatusUpdate
from .services import ConflictError

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def claim_project(project: Project, version: int) -> None:
    """Claim the project's version for a change to its plan, or raise ConflictError."""
    if not claim_version(Project.objects, pk=project.pk, version=version):
        raise ConflictError(project=Project.objects.get(pk=project.pk), opened_version=version)
    project.version = version + 1


# Other places a milestone may have been reported, each asked (milestone, the moment it
# was added or None): apps above this one register theirs in their AppConfig.ready() (the
# cabinet reports issued on its strategy since, reports/apps.py), so this module imports
# none of them.
REPORTED_ELSEWHERE: list[Callable[[Milestone, datetime | None], bool]] = []


def has_been_reported(milestone: Milestone) -> bool:
    """A status update of its project was saved, or a report on its strategy issued,
    after the milestone was added: from then on members may have read it, so it is
    withdrawn rather than deleted (tests/test_milestone_planning.py)."""
    added = milestone.history.order_by("history_date").values_list("history_date", flat=True)
    first = added.first()
    updates = StatusUpdate.objects.filter(project_id=milestone.project_id)
    if updates.filter(created_at__gte=first).exists() if first else updates.exists():
        return True
    return any(reported(milestone, first) for reported in REPORTED_ELSEWHERE)


@transaction.atomic
def milestone_add(
    *,
    project: Project,
    version: int,
    title: str,
    due: date | None,
    due_text: str = "",
    lead: Person | None = None,
) -> Milestone:
    """A new milestone at the end of the plan; its due date is its baseline."""
    claim_project(project, version)
    last = project.milestones.aggregate(last=Max("order"))["last"]
    milestone = Milestone(
        project=project,
        title=title,
        baseline_date=due,
        due_text=due_text,
        lead=lead,
        order=(last or 0) + 1,
    )
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_edit(
    *,
    milestone: Milestone,
    version: int,
    title: str,
    baseline_date: date | None,
    due_text: str = "",
    lead: Person | None = None,
    rebaseline_reason: str = "",
    changed_by: User | None = None,
) -> Milestone:
    """Change a milestone's words, lead or baseline. A baseline that was set and now
    moves is a re-baseline and needs its reason; a first baseline needs none."""
    if milestone.is_withdrawn:
        raise ValidationError("This milestone is withdrawn: it can no longer be changed.")
    rebaselined = milestone.baseline_date is not None and baseline_date != milestone.baseline_date
    if rebaselined and not rebaseline_reason.strip():
        raise ValidationError(
            {"rebaseline_reason": "Enter why the baseline is changing: it is a re-baseline"}
        )
    claim_project(milestone.project, version)
    if rebaselined:
        Rebaseline.objects.create(
            milestone=milestone,
            from_date=milestone.baseline_date,
            to_date=baseline_date,
            reason=rebaseline_reason.strip(),
            changed_by=changed_by,
        )
    milestone.title = title
    milestone.baseline_date = baseline_date
    milestone.due_text = due_text
    milestone.lead = lead
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_move(*, milestone: Milestone, version: int, up: bool) -> None:
    """Swap a milestone with the one above (or below) it; the plan is numbered 1, 2, 3…
    again, so milestones imported with equal numbers get a settled order."""
    claim_project(milestone.project, version)
    plan = list(Milestone.objects.filter(project_id=milestone.project_id))
    at = next(index for index, m in enumerate(plan) if m.pk == milestone.pk)
    to = at - 1 if up else at + 1
    if 0 <= to < len(plan):
        plan[at], plan[to] = plan[to], plan[at]
    for number, m in enumerate(plan, 1):
        if m.order != number:
            m.order = number
            m.save(update_fields=["order"])  # saved one by one, so the trail has it


@transaction.atomic
def milestone_withdraw(*, milestone: Milestone, version: int, reason: str) -> Milestone:
    """Withdrawn, with the reason, and kept: it stays in the history and on the project's
    page, and no longer counts as due, late or done."""
    if milestone.is_withdrawn:
        raise ValidationError("This milestone is already withdrawn.")
    claim_project(milestone.project, version)
    milestone.delivery_status = MilestoneStatus.WITHDRAWN
    milestone.withdrawal_reason = reason.strip()
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone, version: int) -> None:
    """Only a milestone no status update has reported: a mistake caught in time."""
    if has_been_reported(milestone):
        raise ValidationError(
            "This milestone has been reported in a status update: withdraw it, with a "
            "reason, rather than delete it."
        )
    claim_project(milestone.project, version)
    milestone.delete()
