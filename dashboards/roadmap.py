"""The roadmap by quarter: each project a row, its milestones in their quarter, as
the 12-month action plan laid them out in Q1–Q5 columns. Financial-year quarters
(Q1 is April–June, core.calendar), laid out here so the SVG template only draws."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from html import escape

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.calendar import Quarter, quarter_of, quarters_between
from projects.models import DeliveryStatus, due_between_q, due_day
from projects.models.milestones import overdue

MAX_QUARTERS = 6
MAX_ROWS = 20
LABEL_WIDTH = 220
COLUMN_WIDTH = 170
# A mark is two lines, the status word above the title, so the title keeps 26 of its
# characters in a quarter's width: on one line after "Not started:" it kept 11. Measured
# in Chromium at 11px Arial, 26 characters of the demo's 140 titles take at most 154 of
# the 156 pixels inside a mark; each column also clips its marks, for titles in capitals.
MARK_HEIGHT = 26
LINE = MARK_HEIGHT + 4
TITLE_CHARS = 26
HEADER = 34
STATUS_STYLE = {
    # status: (fill, text colour, word): colour and word together, never colour alone
    DeliveryStatus.COMPLETE: ("#00703c", "#ffffff", "Done"),
    DeliveryStatus.STARTED: ("#1d70b8", "#ffffff", "Started"),
    DeliveryStatus.PAUSED: ("#f47738", "#0b0c0c", "Paused"),
    DeliveryStatus.NOT_STARTED: ("#f3f2f1", "#0b0c0c", "Not started"),
    "overdue": ("#d4351c", "#ffffff", "Overdue"),
}


@dataclass
class Mark:
    title: str
    due: date
    status_word: str
    fill: str
    text: str
    x: int = 0
    y: int = 0

    # Worked out once here: the template draws hundreds of marks, and every filter
    # it would otherwise apply per mark shows in the page's time.
    @property
    def short_title(self):
        if len(self.title) <= TITLE_CHARS:
            return self.title
        return self.title[: TITLE_CHARS - 1] + "…"

    @cached_property
    def due_label(self):
        return self.due.strftime("%d/%m/%Y")

    @property
    def table_text(self):
        return f"{self.title} ({self.status_word.lower()}, {self.due_label})"

    @property
    def svg(self):
        """The mark as SVG. Only the titles come from people, so only they are escaped:
        the numbers are ints and the colours and words constants of STATUS_STYLE. A
        roadmap draws hundreds of marks; escaping all twelve values of each showed."""
        return (
            f"<g><title>{escape(self.title)} – due {self.due_label} – {self.status_word}</title>"
            f'<rect x="{self.x}" y="{self.y}" width="{COLUMN_WIDTH - 8}" height="{MARK_HEIGHT}" '
            f'rx="2" fill="{self.fill}" stroke="#0b0c0c" stroke-width="0.5"/>'
            f'<text x="{self.x + 3}" y="{self.y + 10}" fill="{self.text}" font-size="10" '
            f'font-weight="bold">{self.status_word}</text>'
            f'<text x="{self.x + 3}" y="{self.y + 22}" fill="{self.text}">'
            f"{escape(self.short_title)}</text></g>"
        )


@dataclass
class Row:
    project: object
    y: int
    height: int
    width: int
    cells: list = field(default_factory=list)  # marks per quarter

    @property
    def svg(self):
        """The row's rule and project name (its marks are drawn by column, each column
        clipped to its width), escaped with the standard library's html.escape (which
        Django's own escape wraps)."""
        name = escape(Truncator(self.project.name).chars(34))
        return mark_safe(
            f'<line x1="0" x2="{self.width}" y1="{self.y}" y2="{self.y}" stroke="#b1b4b6"/>'
            f'<text x="4" y="{self.y + 15}" fill="#0b0c0c" font-size="12">{name}</text>'
        )

    @property
    def table_cells(self):
        """The row's cells of the table alternative: a cell a quarter, its milestones a
        line each. Drawn here for the same reason as the marks: 120 cells a roadmap."""
        return mark_safe(
            "".join(
                '<td class="govuk-table__cell">'
                + "".join(f"{escape(mark.table_text)}<br>" for mark in cell)
                + "</td>"
                for cell in self.cells
            )
        )


@dataclass
class Column:
    quarter: Quarter
    x: int
    rows: list
    index: int

    @property
    def marks(self):
        """The SVG of every row's marks in this quarter, which the chart clips to the
        column so that no title runs into the next quarter."""
        return mark_safe("".join(mark.svg for row in self.rows for mark in row.cells[self.index]))


@dataclass
class Roadmap:
    quarters: list
    rows: list
    width: int
    height: int
    column_x: list
    hidden_projects: int
    label_width: int = LABEL_WIDTH
    column_width: int = COLUMN_WIDTH

    @cached_property
    def columns(self):
        """Read three times a page (the chart's columns and clips, the table's headers)."""
        return [
            Column(quarter=quarter, x=x, rows=self.rows, index=index)
            for index, (quarter, x) in enumerate(zip(self.quarters, self.column_x, strict=True))
        ]

    @property
    def has_marks(self):
        """Whether any listed project has a milestone in the window: a chart of empty
        rows tells a member less than a sentence saying so."""
        return any(any(row.cells) for row in self.rows)

    @property
    def span(self):
        return f"{self.quarters[0].label} to {self.quarters[-1].label}"


def window(scope, *, known_current=False):
    """Six quarters from the one before the as-at day; if nothing falls there (an old
    plan), the quarters its milestones span. `known_current`: the caller already knows
    milestones fall due soon, so the window needs no look."""
    start = quarter_of(scope.as_at)
    first = quarter_of(date.fromordinal(start.start.toordinal() - 1)).start
    quarters = quarters_between(first, date(first.year + 2, 12, 31), MAX_QUARTERS)
    milestones = scope.milestones()
    if known_current:
        return quarters
    if not milestones.filter(due_between_q(quarters[0].start, quarters[-1].end)).exists():
        earliest = (
            milestones.annotate(due=due_day())
            .exclude(due=None)
            .order_by("due")
            .values_list("due", flat=True)
            .first()
        )
        if earliest:
            quarters = quarters_between(earliest, date(earliest.year + 2, 12, 31), MAX_QUARTERS)
    return quarters


def build_roadmap(scope, scope_read, *, known_current=False):
    """A row for each of the first MAX_ROWS projects of the scope (in programme order),
    with their milestones that fall in the window's quarters."""
    quarters = window(scope, known_current=known_current)
    first, last = quarters[0].start, quarters[-1].end
    projects = [scope_read.line(row) for row in scope_read.rows[:MAX_ROWS]]
    by_project = {project.pk: [] for project in projects}
    # Live rows or rows of the audit trail (the as-at view), read as values: building
    # each record into a model twice cost the as-at page 3 ms in 80 (README, Benchmarks).
    # Unordered: each cell is sorted below, and the model's ordering would join the
    # project, programme and strategy to sort by.
    for values in (
        scope.milestones(of_projects=list(by_project))
        .filter(due_between_q(first, last))
        .order_by()
        .values(*PlannedMilestone.FIELDS)
    ):
        milestone = PlannedMilestone(**values)
        by_project[milestone.project_id].append(milestone)
    for items in by_project.values():
        items.sort(key=lambda m: (m.due, m.order, m.id))
    column_x = [LABEL_WIDTH + i * COLUMN_WIDTH for i in range(len(quarters))]
    width = LABEL_WIDTH + COLUMN_WIDTH * len(quarters)
    rows, y = [], HEADER
    for project in projects:
        cells = [[m for m in by_project[project.pk] if q.contains(m.due)] for q in quarters]
        height = max(1, *(len(cell) for cell in cells)) * LINE + 8
        row = Row(project=project, y=y, height=height, width=width)
        for index, cell in enumerate(cells):
            marks = [
                _mark(milestone, scope.as_at, column_x[index] + 4, y + 4 + position * LINE)
                for position, milestone in enumerate(cell)
            ]
            row.cells.append(marks)
        rows.append(row)
        y += height
    return Roadmap(
        quarters=quarters,
        rows=rows,
        width=width,
        height=y + 4,
        column_x=column_x,
        hidden_projects=len(scope_read.rows) - len(rows),
    )


@dataclass(frozen=True)
class PlannedMilestone:
    """A milestone as the roadmap places it."""

    FIELDS = (
        "id",
        "title",
        "baseline_date",
        "forecast_date",
        "delivery_status",
        "order",
        "project_id",
    )

    id: int
    title: str
    baseline_date: date | None
    forecast_date: date | None
    delivery_status: str
    order: int
    project_id: int

    @property
    def due(self):
        return self.forecast_date or self.baseline_date


def _mark(milestone, as_at, x, y):
    late = overdue(milestone.delivery_status, milestone.due, as_at)
    fill, text, word = STATUS_STYLE["overdue" if late else milestone.delivery_status]
    return Mark(
        title=milestone.title, due=milestone.due, status_word=word, fill=fill, text=text, x=x, y=y
    )
