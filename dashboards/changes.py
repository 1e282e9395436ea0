"""What changed between the `since` day and the as-at day."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from projects.models import Milestone, StatusUpdate, due_day

from .scope import end_of

LIST_LIMIT = 15


@dataclass
class RagMove:
    project: object  # a scope_read Line, its latest update attached
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
    title: str
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
    slips_total: int = 0
    completed_total: int = 0


def attach_latest_updates(lines, as_at):
    """Give each listed project its newest words on the as-at day, in one query."""
    newest = StatusUpdate.objects.latest_words_of({line.pk for line in lines}, as_at)
    for line in lines:
        line.latest = newest.get(line.pk)


def rag_moves(scope_read):
    """Projects whose RAG differs between the two days, worst first: the first
    LIST_LIMIT as RagMoves, how many moved, and how many are newly at the worst level."""
    worst = min(scope_read.levels.values(), key=lambda level: level.order, default=None)
    moved = scope_read.moved()
    moves = []
    for row in moved[:LIST_LIMIT]:
        line = scope_read.line(row)
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


def milestone_slips(scope, scope_read):
    """Milestones whose due day moved later between the two days, furthest first.

    A milestone's state on a day is its last audit record on or before that day (or,
    if it was entered after the `since` day, its first record). The database finds
    both records of each milestone changed in between, through the trail's index on
    (milestone, date). Asking the trail for every milestone as it stood on each day
    instead compared every record with every later one and built a model instance per
    record, the as-at dashboard's largest cost (README, Benchmarks)."""
    since_end, as_at_end = end_of(scope.since), end_of(scope.as_at)
    # Every strategy's changes in between, found through the trail's date index; the
    # scope's are kept below. Asked for the scope's projects in SQL, SQLite read the
    # whole trail of each project instead.
    changed = Milestone.history.filter(
        history_type="~", history_date__gt=since_end, history_date__lte=as_at_end
    ).values("id")
    trail = Milestone.history.filter(id=OuterRef("id"))
    newest_first = ("-history_date", "-history_id")

    def due_in_first(records):
        return Subquery(records.annotate(due=due_day()).values("due")[:1])

    rows = (
        Milestone.history.filter(
            id__in=changed,
            history_id=Subquery(
                trail.filter(history_date__lte=as_at_end)
                .order_by(*newest_first)
                .values("history_id")[:1]
            ),
        )
        .exclude(history_type="-")
        .annotate(
            before=Coalesce(
                due_in_first(trail.filter(history_date__lte=since_end).order_by(*newest_first)),
                due_in_first(trail.order_by("history_date", "history_id")),
            ),
            after=due_day(),
        )
        .order_by()
        .values_list("title", "project_id", "before", "after")
    )
    slips = [
        Slip(title, scope_read.by_pk[project_id].name, before, after)
        for title, project_id, before, after in rows
        if project_id in scope_read.by_pk and before and after and after > before
    ]
    slips.sort(key=lambda slip: (-slip.days, slip.project_name, slip.title))
    return slips


def what_changed(scope, scope_read):
    """The moves come without their words: the caller attaches the latest updates of
    every project the page lists in one query (`attach_latest_updates`)."""
    moves, total, new_worst = rag_moves(scope_read)
    slips = milestone_slips(scope, scope_read)
    completed = scope_read.completed_between(scope.since, scope.as_at)
    return Changes(
        since=scope.since,
        moves=moves,
        more_moves=max(0, total - len(moves)),
        new_reds=new_worst,
        slips=slips[:LIST_LIMIT],
        slips_total=len(slips),
        completed=completed[:LIST_LIMIT],
        completed_total=len(completed),
    )
