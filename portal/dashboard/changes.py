"""What changed between the `since` day and the as-at day."""

from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from projects.models import Milestone, StatusUpdate

from .scope import end_of

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
    """Milestones whose due day moved later between the two days, furthest first.

    The audit records of the milestones changed in between are read once, as values,
    and each milestone's state on a day is its last record on or before that day (or,
    if it was entered after the `since` day, its first record). Asking the trail for
    every milestone as it stood on each day instead compared every record with every
    later one, and built a model instance per record: 70 of the as-at dashboard's
    200 ms at 1,000 projects (cProfile)."""
    since_end, as_at_end = end_of(scope.since), end_of(scope.as_at)
    changed = Milestone.history.filter(
        history_type="~",
        history_date__gt=since_end,
        history_date__lte=as_at_end,
        project__in=scope.projects().values("pk"),
    ).values("id")
    records = (
        Milestone.history.filter(id__in=changed, history_date__lte=as_at_end)
        .order_by("id", "history_date", "history_id")
        .values_list(
            "id",
            "history_date",
            "history_type",
            "project_id",
            "title",
            "baseline_date",
            "forecast_date",
            named=True,
        )
    )
    slips = []
    for _, trail in groupby(records, key=attrgetter("id")):
        trail = list(trail)
        then = next((r for r in reversed(trail) if r.history_date <= since_end), trail[0])
        now = trail[-1]
        project = snapshot.by_pk.get(now.project_id)
        if now.history_type == "-" or project is None:
            continue
        before = then.forecast_date or then.baseline_date
        after = now.forecast_date or now.baseline_date
        if before and after and after > before:
            slips.append(Slip(now.title, project.name, before, after))
    slips.sort(key=lambda slip: (-slip.days, slip.project_name, slip.title))
    return slips


def what_changed(scope, snapshot):
    """The moves come without their words: the caller attaches the latest updates of
    every project the page lists in one query (`attach_latest_updates`)."""
    moves, total, new_worst = rag_moves(snapshot)
    slips = milestone_slips(scope, snapshot)
    completed = snapshot.completed_between(scope.since, scope.as_at)
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
