"""A risk register sheet: the portal's own export's "Risks" sheet, or a council's register
with the same headings. Each row is a risk of a project (named by its reference or name)
or, with no project, of a programme. A sheet is taken for a register when one of its
first rows has a "Risk ref" heading, or "Event" beside a likelihood or a rating
(tests/test_risk_register_import.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

from core.query_params import WHOLE_NUMBER

from ..models import Risk
from .cells import as_date, first_date_in, plain_text, words_of
from .columns import normalise
from .items import Problem, Reading, Where

# The portal's own "Risks" sheet, as exported (projects/risk_export.py) and read back: a
# heading and the Risk field it holds; the first four say whose risk it is (a programme
# and no project, the programme's; neither, the strategy's own).
EXPORTED = [
    ("Strategy", "strategy"),
    ("Programme", "programme"),
    ("Ref", "project_reference"),
    ("Project", "project"),
    ("Risk ref", "reference"),
    ("Title", "title"),
    ("Cause", "cause"),
    ("Event", "description"),
    ("Effect", "effect"),
    ("Owner", "owner"),
    ("Initial likelihood", "initial_likelihood"),
    ("Initial impact", "initial_impact"),
    ("Initial rating", "initial_rating_recorded"),
    ("Current likelihood", "residual_likelihood"),
    ("Current impact", "residual_impact"),
    ("Current rating", "residual_rating_recorded"),
    ("Response", "response"),
    ("Controls in place", "controls"),
    ("Further action", "further_action"),
    ("Could happen by", "proximity"),
    ("Next review", "review_on"),
    ("Status", "status"),
]
# Heading words (normalised) → what the column holds: the export's, and the words other
# registers use for the same.
HEADINGS = {normalise(heading): role for heading, role in EXPORTED} | {
    "project ref": "project_reference",
    "risk": "title",
    "description": "description",
    "residual likelihood": "residual_likelihood",
    "residual impact": "residual_impact",
    "residual rating": "residual_rating_recorded",
    "controls": "controls",
    "proximity": "proximity",
    "review date": "review_on",
}
SCORES = {"initial_likelihood", "initial_impact", "residual_likelihood", "residual_impact"}
DATES = {"proximity", "review_on"}
TEXTS = {
    "title": 200,
    "reference": 30,
    "initial_rating_recorded": 30,
    "residual_rating_recorded": 30,
    "cause": 5000,
    "description": 5000,
    "effect": 5000,
    "controls": 5000,
    "further_action": 5000,
}
RESPONSES = {label.casefold(): value for value, label in Risk.Response.choices if value}
STATUSES = {label.casefold(): value for value, label in Risk.Status.choices}
LOOK_FOR_HEADINGS = 10  # rows read before a sheet is taken for something else


@dataclass
class RiskRow:
    where: Where
    programme: str = ""
    project_reference: str = ""
    project: str = ""
    owner: str = ""
    strategy: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # Risk field → value

    @property
    def keeper(self) -> str:
        return self.project or self.project_reference or self.programme


def risk_headings(values: list[Any]) -> dict[int, str] | None:
    """{column: what it holds} when the row is a risk register's heading row."""
    found: dict[int, str] = {}
    for column, value in enumerate(values, 1):
        role = HEADINGS.get(normalise(words_of(value)))
        if role and role not in found.values():
            found[column] = role
    roles = set(found.values())
    rated = roles & {"initial_likelihood", "initial_rating_recorded", "residual_rating_recorded"}
    if "reference" in roles or ("description" in roles and rated):
        return found
    return None


def take_risk_sheet(
    rows: Iterator[tuple[int, tuple[Any, ...]]],
) -> tuple[Iterator[tuple[int, tuple[Any, ...]]], dict[int, str] | None]:
    """The sheet's rows (those looked at put back) and, if it is a risk register, its
    headings (the rows after them left to read)."""
    looked: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in rows:
        looked.append((number, cells))
        values = [cell.value for cell in cells] if cells else []
        if not any(words_of(value) for value in values):
            continue
        headings = risk_headings(values)
        if headings:
            return rows, headings
        if len([row for row in looked if row[1]]) >= LOOK_FOR_HEADINGS:
            break
    return chain(looked, rows), None


def read_risk_rows(
    title: str,
    rows: Iterator[tuple[int, tuple[Any, ...]]],
    headings: dict[int, str],
    reading: Reading,
) -> None:
    for number, cells in rows:
        values = {
            headings[column]: cell.value
            for column, cell in enumerate(cells or (), 1)
            if column in headings and words_of(cell.value)
        }
        if not values:
            continue
        reading.rows += 1
        row = RiskRow(where=Where(title, number))
        for role, value in values.items():
            _read(row, role, value, Where(title, number, _column(headings, role)), reading)
        if not row.values.get("description"):
            if not row.values.get("title"):
                reading.problems.append(
                    Problem(row.where, "a risk needs its event (what might happen) or a title")
                )
                continue
            # A register of titles only: the title is what might happen.
            row.values["description"] = row.values["title"]
        reading.risks.append(row)


def _column(headings: dict[int, str], role: str) -> int:
    return next(column for column, held in headings.items() if held == role)


def _read(row: RiskRow, role: str, value: Any, where: Where, reading: Reading) -> None:
    words = words_of(value)
    if role in {"programme", "project_reference", "project", "owner", "strategy"}:
        setattr(row, role, words)
    elif role in SCORES:
        whole = isinstance(value, int) or WHOLE_NUMBER.fullmatch(words)
        score = int(words) if whole else None
        if score is None or not 1 <= score <= 5:
            label = role.replace("residual", "current").replace("_", " ").capitalize()
            reading.problems.append(Problem(where, f"{label} must be a whole number from 1 to 5"))
        else:
            row.values[role] = score
    elif role in DATES:
        day: date | None = as_date(value) or first_date_in(words)
        if day is None:
            reading.problems.append(Problem(where, f"‘{words}’ is not a date"))
        else:
            row.values[role] = day
    elif role == "response":
        choice = RESPONSES.get(words.casefold())
        if choice is None:
            reading.problems.append(
                Problem(
                    where, f"‘{words}’ is not a response: Treat, Tolerate, Transfer or Terminate"
                )
            )
        else:
            row.values[role] = choice
    elif role == "status":
        choice = STATUSES.get(words.casefold())
        if choice is None:
            reading.problems.append(Problem(where, f"‘{words}’ is not a status: Open or Closed"))
        else:
            row.values[role] = choice
    else:
        text = plain_text(value)
        limit = TEXTS[role]
        if len(text) > limit:
            reading.problems.append(Problem(where, f"more than {limit:,} characters"))
        else:
            row.values[role] = text
