"""The scope's projects read once: a light row each, with its RAG on the as-at day and
on the `since` day, and the days it was reported complete. The RAG counts, lifecycle
counts, the Red and Amber list, the RAG moves, the completions and the roadmap's rows
are all sorted and counted from it, rather than each asking the database again."""

from dataclasses import dataclass

from core.calendar import financial_year_start
from projects.models import DeliveryStatus, StatusUpdate


@dataclass
class Line:
    """A project as a dashboard list shows it."""

    pk: int
    name: str
    programme: object
    rag: object = None
    rag_then: object = None
    latest: object = None  # its newest status update on the as-at day, when listed

    @property
    def last_reported_on(self):
        return self.latest.reported_on if self.latest else None


class ScopeRead:
    def __init__(self, scope, levels, programmes):
        self.scope = scope
        self.levels = {level.pk: level for level in levels}
        self.programmes = {programme.pk: programme for programme in programmes}
        # The programmes were read first: a programme an import adds in between is left
        # out with its projects, so the page shows one moment's strategy
        # (tests/test_dashboard.py, a programme added while the page is read).
        self.rows = [
            row
            for row in scope.projects()
            .order_by("programme__order", "order", "name")
            .for_dashboard(as_at=scope.as_at, since=scope.since)
            if row.programme_id in self.programmes
        ]
        self.by_pk = {row.pk: row for row in self.rows}
        self._completions = self._read_completions()

    def _read_completions(self):
        """{project id: [days reported complete]} from the start of the financial year, or
        from the `since` day if that is earlier, to the as-at day: one query for both
        the headline and what changed. Completions are few, so every strategy's are read
        through the index on status and day, and those outside the scope dropped here:
        asked for the scope's projects in SQL, SQLite walked each project's updates
        instead (README, Benchmarks)."""
        first = min(financial_year_start(self.scope.as_at), self.scope.since)
        days = {}
        for project_id, day in StatusUpdate.objects.filter(
            delivery_status=DeliveryStatus.COMPLETE,
            reported_on__range=(first, self.scope.as_at),
        ).values_list("project_id", "reported_on"):
            if project_id in self.by_pk:
                days.setdefault(project_id, []).append(day)
        return days

    def line(self, row):
        return Line(
            pk=row.pk,
            name=row.name,
            programme=self.programmes[row.programme_id],
            rag=self.levels.get(row.rag_id),
            rag_then=self.levels.get(row.rag_then_id),
        )

    def project_line(self, pk):
        return self.line(self.by_pk[pk])

    def rag_counts_by_programme(self):
        """{programme id: {RAG level id or None: projects}}."""
        counts = {}
        for row in self.rows:
            by_level = counts.setdefault(row.programme_id, {})
            by_level[row.rag_id] = by_level.get(row.rag_id, 0) + 1
        return counts

    def lifecycle_counts(self):
        counts = {}
        for row in self.rows:
            counts[row.lifecycle_status] = counts.get(row.lifecycle_status, 0) + 1
        return counts

    def worst_first(self, rows):
        """Worst RAG first; within a level, in programme order. `rows` are in programme
        order already and sorted() is stable."""
        return sorted(rows, key=lambda row: self.levels[row.rag_id].order)

    def flagged(self):
        """Projects at a level that needs a reason (Red, Amber…), worst first."""
        return self.worst_first(
            row
            for row in self.rows
            if row.rag_id in self.levels and self.levels[row.rag_id].needs_reason
        )

    def moved(self):
        """Projects whose RAG on this scale differs between the two days, worst first;
        a first RAG (none before) counts as a move. A project moved in from another
        strategy keeps updates on its old scale, which this key cannot show."""
        return self.worst_first(
            row for row in self.rows if row.rag_id in self.levels and row.rag_id != row.rag_then_id
        )

    def completed_between(self, after, until):
        """Projects reported complete after one day and on or before another, by name."""
        return sorted(
            (
                self.by_pk[pk]
                for pk, days in self._completions.items()
                if pk in self.by_pk and any(after < day <= until for day in days)
            ),
            key=lambda row: row.name,
        )
