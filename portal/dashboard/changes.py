"""What changed between the `since` day and the as-at day."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from projects.models import LATEST_FIRST, DeliveryStatus, Milestone, StatusUpdate

from .scope import end_of

LIST_LIMIT = 25


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
    new_reds: list
    slips: list
    completed: list
    more_moves: int = 0


def rag_moves(scope, levels):
    order = {level.pk: level.order for level in levels}
    by_id = {level.pk: level for level in levels}
    latest = StatusUpdate.objects.filter(
        project=OuterRef("pk"), reported_on__lte=scope.as_at
    ).order_by(*LATEST_FIRST)
    rows = list(
        scope.projects()
        .with_current_rag(as_at=scope.as_at)
        .with_rag_then(scope.since)
        .annotate(
            latest_issues=Subquery(latest.values("issues")[:1]),
            latest_progress=Subquery(latest.values("progress")[:1]),
        )
        .filter(last_reported_on__gt=scope.since)
        .select_related("programme")
        .order_by("programme__order", "order", "name")
    )
    moves = []
    for project in rows:
        now, then = project.current_rag_id, project.rag_then_id
        if now == then or now is None:
            continue
        if then is None:
            direction = "new"
        elif order[now] < order[then]:
            direction = "worse"
        else:
            direction = "better"
        reason = (project.latest_issues or project.latest_progress or "").strip()
        moves.append(RagMove(project, by_id.get(then), by_id[now], direction, reason))
    worst = min(order.values()) if order else None
    new_reds = [m for m in moves if m.after.order == worst]
    moves.sort(key=lambda move: (move.after.order, move.project.name))
    return moves, new_reds


def milestone_slips(scope):
    """Milestones whose due date moved later between the two days, by how much."""
    changed = (
        Milestone.history.filter(
            history_type="~",
            history_date__gt=end_of(scope.since),
            history_date__lte=end_of(scope.as_at),
            project__in=scope.projects().values("pk"),
        )
        .values("id")
        .distinct()
    )
    # Rows may be historical records (the as-at view), which have fields but not
    # the model's properties: read the due date from the fields.
    due_now = {
        m.id: (m, m.forecast_date or m.baseline_date)
        for m in scope.milestones().filter(id__in=changed).select_related("project")
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
    moves, new_reds = rag_moves(scope, levels)
    return Changes(
        since=scope.since,
        moves=moves[:LIST_LIMIT],
        more_moves=max(0, len(moves) - LIST_LIMIT),
        new_reds=new_reds,
        slips=milestone_slips(scope)[:LIST_LIMIT],
        completed=completed_projects(scope)[:LIST_LIMIT],
    )
