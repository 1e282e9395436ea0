"""Finding a tracker's header row and what each column holds, from the header's words.

Trackers put title rows above the header, word the same column several ways (`Due
Dates` / `Due date`; `Council(s) Impacted`) and write a key into a header (`RAG
Status R = late A = Risk of delay G = on track`), so columns are found by their
words, never by position.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .cells import quarter_end

EXACT = {
    "programme": {
        "activity stream",
        "programme",
        "programme name",
        "workstream",
        "work stream",
        "stream",
        "service area",
    },
    "strategy": {"strategy", "strategy or plan"},
    "reference": {"ref", "reference", "ref no", "reference number", "item ref"},
    "name": {"project", "project name", "item", "plan item", "title", "name"},
    "description": {"description", "project description", "item description"},
    "milestone": {"milestones", "milestone", "milestone title", "milestones and deliverables"},
    "due": {"due dates", "due date", "due", "date due", "due by", "due words"},
    "baseline": {"baseline date", "baseline"},
    "forecast": {"forecast date", "forecast"},
    "completed": {"completed on", "date completed", "completed"},
    "milestone_status": {"milestone status"},
    "milestone_lead": {"milestone lead"},
    "lead": {"lead", "project lead", "lead officer"},
    "sponsor": {"sponsor", "project sponsor"},
    "manager": {"project manager", "manager", "pm"},
    "lifecycle": {"status", "lifecycle status", "project status", "lifecycle"},
    "rag": {"rag", "rag status", "rag rating"},
    "progress": {
        "progress",
        "progress update",
        "progress updates",
        "latest progress",
        "commentary",
        "progress this period",
        "updates",
    },
    "resourcing": {"resourcing", "resources"},
    "plan_part": {"plan part", "part"},
    "funding": {"funding approach", "funding"},
    "start": {"start date", "start"},
    "end": {"end date", "end"},
    # Derived columns the portal's own exports add: read as nothing.
    "ignore": {"rag meaning", "rag words", "last update", "last updated", "programme strategy"},
}
PREFIX = {
    "driver": ("links to service outcomes", "driver", "service outcome"),
    "councils": ("councils impacted", "councils affected", "councils", "council impacted"),
    "delivery_status": ("delivery status",),
    "rag": ("rag status ", "rag "),
}
# Without one of these, a row of words is not a header row.
IDENTITY_ROLES = {"name", "description", "milestone"}
YEAR_SPAN = re.compile(r"\b(20\d\d)\s*[-/]\s*(?:20)?\d\d\b")


def normalise(text):
    words = str(text).lower().replace("(s)", "s").replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9£]+", " ", words).split())


@dataclass
class MoneyColumn:
    kind: str  # budget or pressure
    year: int | None
    multiplier: Decimal


@dataclass
class Columns:
    """Which column (1-based) holds each role in one header row."""

    row: int
    roles: dict = field(default_factory=dict)
    quarters: dict = field(default_factory=dict)  # column → (header words, quarter end)
    money: dict = field(default_factory=dict)  # column → MoneyColumn
    headers: dict = field(default_factory=dict)  # column → header as written
    ignored: dict = field(default_factory=dict)  # column → a money header not read

    def role_of(self, column):
        for role, index in self.roles.items():
            if index == column:
                return role
        return None


def role_for(header):
    words = normalise(header)
    if not words:
        return None
    for role, names in EXACT.items():
        if words in names:
            return role
    for role, prefixes in PREFIX.items():
        if any(words == prefix.strip() or words.startswith(prefix) for prefix in prefixes):
            return role
    return None


def money_column(header):
    words = normalise(header)
    kind = "budget" if "budget" in words else "pressure" if "pressure" in words else None
    raw = str(header).lower().replace("'", "").replace("’", "")
    year = YEAR_SPAN.search(raw)
    # "Budget holder" or "Budget RAG" are not amounts: a money column says so.
    if kind is None or not ("£" in raw or "000" in raw or "(k)" in raw or year):
        return None
    thousands = "£000" in raw or "£k" in raw or "(k)" in raw or "000s" in raw
    return MoneyColumn(
        kind, int(year.group(1)) if year else None, Decimal(1000 if thousands else 1)
    )


def read_header(row_number, values):
    """The columns of `values` if they read as a header row, else None."""
    columns = Columns(row=row_number)
    for column, value in enumerate(values, start=1):
        if value is None or not isinstance(value, str) or not value.strip():
            continue
        end = quarter_end(value)
        if end:
            columns.quarters[column] = (" ".join(value.split()), end)
            columns.headers[column] = value
            continue
        money = money_column(value)
        if money:
            if any((m.kind, m.year) == (money.kind, money.year) for m in columns.money.values()):
                # One budget and one pressure per year: a second (capital beside revenue)
                # is not read rather than silently added to the first.
                columns.ignored[column] = value
            else:
                columns.money[column] = money
                columns.headers[column] = value
            continue
        role = role_for(value)
        if role and role not in columns.roles:
            columns.roles[role] = column
            columns.headers[column] = value
    found = set(columns.roles) - {"ignore"}
    identity = found & IDENTITY_ROLES or (columns.quarters and "name" in found)
    if identity and len(found) + len(columns.quarters) + len(columns.money) >= 3:
        return columns
    return None


def quarter_label(first: date, last: date, number):
    """`Q1 Jul-Sep 2018`: the words `quarter_end` reads back."""
    return f"Q{number} {first:%b}-{last:%b} {last:%Y}"
