"""What changed between the `since` day and the as-at day."""

from dataclasses import dataclass

from django.db.models import Count, F, Q

from projects.models import LATEST_FIRST, DeliveryStatus, Milestone, StatusUpdate

from .scope import end_of, with_due_and_project

LIST_LIMIT = 15


@dataclass
class RagMove:
    project: object
    before: object
    after: object
    direction: str  # "worse" or "better" (or "new" when there was no RAG before)
    reason: str


@dataclass
class Slip:
    milestone: object
    project_name: str
    before: object
    after: object

    @property
    def days(self):
        return (self.after - self.before).days


@dataclass
class Changes:
    since: object
    moves: list
    new_reds: int
    slips: list
    completed: list
    more_moves: int = 0


def latest_updates(project_ids, as_at):
    """The newest update on or before `as_at` of each listed project: one query."""
    newest = {}
    for update in (
        StatusUpdate.objects.filter(project__in=project_ids, reported_on__lte=as_at)
        .order_by("project_id", *LATEST_FIRST)
        .only("project_id", "issues", "progress", "next_steps")
    ):
        newest.setdefault(update.project_id, update)
    return newest


def rag_moves(scope, levels):
    """Projects whose RAG differs between the two days, worst first. The database
    compares and counts; only the rows shown are read, with their latest words."""
    by_id = {level.pk: level for level in levels}
    worst = min(levels, key=lambda level: level.order) if levels else None
    moved = (
        scope.projects()
        .with_current_rag(as_at=scope.as_at)
        .with_rag_then(scope.since)
        # Only levels of this scale: a project moved in from another strategy keeps
        # updates on its old scale, which this key cannot show.
        .filter(last_reported_on__gt=scope.since, current_rag_id__in=list(by_id))
        # A first RAG (nothing before) counts as a change; SQL's NULL would hide it.
        .filter(Q(rag_then_id__isnull=True) | ~Q(current_rag_id=F("rag_then_id")))
    )
    newly_worst = Q(current_rag_id=worst.pk) & ~Q(rag_then_id=worst.pk) if worst else Q(pk=None)
    counts = moved.aggregate(total=Count("pk"), new_worst=Count("pk", filter=newly_worst))
    total, new_worst = counts["total"], counts["new_worst"]
    shown = list(
        moved.with_current_rag_order(as_at=scope.as_at)
        .select_related("programme")
        .order_by("current_rag_order", "programme__order", "order", "name")[:LIST_LIMIT]
    )
    words = latest_updates([project.pk for project in shown], scope.as_at)
    moves = []
    for project in shown:
        after, before = by_id[project.current_rag_id], by_id.get(project.rag_then_id)
        if before is None:
            direction = "new"
        elif after.order < before.order:
            direction = "worse"
        else:
            direction = "better"
        update = words.get(project.pk)
        reason = (update.issues or update.progress or "").strip() if update else ""
        move = RagMove(project, before, after, direction, reason)
        move.is_new_worst = after == worst and before != worst
        moves.append(move)
    return moves, total, new_worst


def milestone_slips(scope):
    """Milestones whose due date moved later between the two days, by how much."""
    changed = (
        Milestone.history.filter(
            history_type="~",
            history_date__gt=end_of(scope.since),
            history_date__lte=end_of(scope.as_at),
            project__in=scope.projects().values("pk"),
        )
        .values_list("id", flat=True)
        .distinct()
    )
    changed = list(changed)
    if not changed:
        return []
    due_now = {
        m.id: (m, m.due) for m in with_due_and_project(scope.milestones().filter(id__in=changed))
    }
    # Compare with the milestone as it stood on the `since` day or, if it was
    # entered after that day, as it was first entered.
    then = {
        m.id: m for m in Milestone.history.as_of(end_of(scope.since)).filter(id__in=list(due_now))
    }
    missing = [pk for pk in due_now if pk not in then]
    if missing:
        for first in Milestone.history.filter(id__in=missing, history_type="+").order_by(
            "history_date"
        ):
            then.setdefault(first.id, first)
    slips = []
    for old in then.values():
        new, after = due_now.get(old.id, (None, None))
        before = old.forecast_date or old.baseline_date
        if before and after and after > before:
            slips.append(Slip(new, new.project.name, before, after))
    slips.sort(key=lambda slip: -slip.days)
    return slips


def completed_projects(scope):
    return list(
        scope.projects()
        .filter(
            status_updates__delivery_status=DeliveryStatus.COMPLETE,
            status_updates__reported_on__gt=scope.since,
            status_updates__reported_on__lte=scope.as_at,
        )
        .distinct()
        .order_by("name")
    )


def what_changed(scope, levels):
    moves, total, new_worst = rag_moves(scope, levels)
    return Changes(
        since=scope.since,
        moves=moves,
        more_moves=max(0, total - len(moves)),
        new_reds=new_worst,
        slips=milestone_slips(scope)[:LIST_LIMIT],
        completed=completed_projects(scope)[:LIST_LIMIT],
    )
