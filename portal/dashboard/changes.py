"""What changed between the `since` day and the as-at day."""

from dataclasses import dataclass

from projects.models import Milestone, StatusUpdate

from .scope import end_of, with_due_and_project

LIST_LIMIT = 15


@dataclass
class RagMove:
    project: object  # a snapshot Line, its latest update attached
    before: object
    after: object
    direction: str  # "worse" or "better" (or "new" when there was no RAG before)
    is_new_worst: bool

    @property
    def reason(self):
        update = self.project.latest
        return (update.issues or update.progress or "").strip() if update else ""


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
    completed_total: int = 0


def latest_updates(project_ids, as_at):
    """{project id: its newest update on or before `as_at`} of the listed projects:
    one query."""
    return {
        update.project_id: update
        for update in StatusUpdate.objects.latest_of(project_ids, as_at).only(
            "project_id", "reported_on", "issues", "progress", "next_steps"
        )
    }


def attach_latest_updates(lines, as_at):
    """Give each listed project its newest words on the as-at day, in one query."""
    newest = latest_updates({line.pk for line in lines}, as_at)
    for line in lines:
        line.latest = newest.get(line.pk)


def rag_moves(snapshot):
    """Projects whose RAG differs between the two days, worst first: the first
    LIST_LIMIT as RagMoves, how many moved, and how many are newly at the worst level."""
    worst = min(snapshot.levels.values(), key=lambda level: level.order, default=None)
    moved = snapshot.moved()
    moves = []
    for row in moved[:LIST_LIMIT]:
        line = snapshot.line(row)
        after, before = line.rag, line.rag_then
        if before is None:
            direction = "new"
        elif after.order < before.order:
            direction = "worse"
        else:
            direction = "better"
        moves.append(RagMove(line, before, after, direction, after == worst and before != worst))
    new_worst = sum(1 for row in moved if worst and row.rag_id == worst.pk != row.rag_then_id)
    return moves, len(moved), new_worst


def milestone_slips(scope, snapshot):
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
        m.id: (m, m.due)
        for m in with_due_and_project(
            scope.milestones().filter(id__in=changed), snapshot.project_line
        )
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
            slips.append(Slip(new, new.project_line.name, before, after))
    slips.sort(key=lambda slip: -slip.days)
    return slips


def what_changed(scope, snapshot):
    """The moves come without their words: the caller attaches the latest updates of
    every project the page lists in one query (`attach_latest_updates`)."""
    moves, total, new_worst = rag_moves(snapshot)
    completed = snapshot.completed_between(scope.since, scope.as_at)
    return Changes(
        since=scope.since,
        moves=moves,
        more_moves=max(0, total - len(moves)),
        new_reds=new_worst,
        slips=milestone_slips(scope, snapshot)[:LIST_LIMIT],
        completed=completed[:LIST_LIMIT],
        completed_total=len(completed),
    )
