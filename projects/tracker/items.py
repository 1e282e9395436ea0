"""What a tracker was read into: items (the projects it lists) with their milestone
rows, progress entries and money, each placed by sheet, row and column."""

from dataclasses import dataclass, field
from datetime import date

from openpyxl.utils import get_column_letter

from .cells import Due


@dataclass(frozen=True)
class Where:
    sheet: str
    row: int
    column: int | None = None

    def __str__(self):
        place = f"Sheet ‘{self.sheet}’, row {self.row}"
        return f"{place}, column {get_column_letter(self.column)}" if self.column else place


@dataclass
class Problem:
    where: Where | None
    message: str

    def __str__(self):
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class MilestoneRow:
    title: str
    due: Due
    where: Where
    baseline: date | None = None
    forecast: date | None = None
    completed: date | None = None
    status: str | None = None
    lead: str = ""
    # A milestone from a quarter column: due in that quarter, so a date already
    # inside the quarter is left as it is.
    quarter: tuple[date, date] | None = None
    # False when the row gave only a due date: its title is then the item's name.
    titled: bool = True


@dataclass
class MoneyCell:
    kind: str
    year: int | None
    pounds: object
    where: Where


@dataclass
class Item:
    programme: str
    reference: str
    name: str
    where: Where
    part: str = ""
    description: str = ""
    values: dict = field(default_factory=dict)  # project fields as the sheet wrote them
    rag: object = None  # a RagLevel
    rag_where: Where | None = None
    milestones: list = field(default_factory=list)
    progress: list = field(default_factory=list)  # (ProgressEntry, Where)
    money: list = field(default_factory=list)

    @property
    def key(self):
        if self.reference:
            return ("reference", self.reference.casefold())
        return ("name", self.programme.casefold(), self.name.casefold())

    def merge(self, other):
        """Another sheet's row for the same item (a milestones sheet beside a projects one)."""
        for name in ("part", "description"):
            if not getattr(self, name):
                setattr(self, name, getattr(other, name))
        for name, value in other.values.items():
            self.values.setdefault(name, value)
        if self.rag is None:
            self.rag, self.rag_where = other.rag, other.rag_where
        self.milestones += other.milestones
        self.progress += other.progress
        self.money += other.money


@dataclass
class Reading:
    items: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    rows: int = 0
    sheets: list = field(default_factory=list)
    risks: list = field(default_factory=list)  # RiskRow (risk_sheet.py)
