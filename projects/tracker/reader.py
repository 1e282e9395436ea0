"""A tracker sheet read into items (the projects it lists), their milestones, progress
entries and money, with every problem placed by sheet, row and column
(`reading.read_workbook` gives it each sheet that is not a risk register).

Nothing here touches the database: `planner` compares what was read with the
portal, and `apply.py` writes it.
"""

import re
from datetime import date

from ..models import Project
from .cells import (
    LIFECYCLE_WORDS,
    MILESTONE_WORDS,
    Due,
    amount,
    as_date,
    fill_colour,
    plain_text,
    rag_level,
    read_due,
    split_progress,
    status_from,
    words_of,
)
from .columns import read_header
from .items import Item, MilestoneRow, MoneyCell, Problem, Where

PART_ROW = re.compile(r"^part\s*[-:]?\s*(1|2|3|one|two|three)\b", re.I)
PARTS = {
    "1": Project.PlanPart.TRANSITION,
    "one": Project.PlanPart.TRANSITION,
    "2": Project.PlanPart.ANNUAL,
    "two": Project.PlanPart.ANNUAL,
    "3": Project.PlanPart.FORWARD,
    "three": Project.PlanPart.FORWARD,
}
PLAN_FOR = re.compile(r"^(?:annual\s+)?(?:plan|programme|activity stream)\s+for\s*:?\s*(.*)$", re.I)
SUCCESSOR_LEAD = re.compile(r"\s*\(([A-Za-z]{1,4})\)\s*$")
NAME_LIMIT = Project._meta.get_field("name").max_length
REFERENCE_LIMIT = Project._meta.get_field("reference").max_length


def name_from_description(text):
    """A short name for an item the plan gives only a description for: its first clause
    (`Stakeholder Plans - Develop a stakeholder map…` → `Stakeholder Plans`)."""
    first = re.split(r";|\s[-–]\s|\.\s|\n", text, maxsplit=1)[0].strip()
    if len(first) <= 120:
        return first
    return first[:117].rsplit(" ", 1)[0] + "…"


class SheetReader:
    def __init__(self, sheet, reading, levels, *, rows, merges):
        """`rows`: the sheet's (number, cells), a row at a time; `merges`: its merged areas."""
        self.sheet = sheet
        self.rows = rows
        self.reading = reading
        self.levels = list(levels)
        self.key = {}  # fill colour → RagLevel, from a colour key in the sheet
        self.columns = None
        self.part = ""
        self.sheet_programme = sheet.title.strip()
        self.programme = ""
        self.item = None
        # A merged area reads as its top-left cell's value throughout, kept when its row is
        # read (tests/test_trackers_import_into_a_new_strategy.py).
        self.covered = {}  # (row, column) → the top-left cell of its merged area
        for merge in merges:
            top_left = (merge.min_row, merge.min_col)
            for row in range(merge.min_row, merge.max_row + 1):
                for column in range(merge.min_col, merge.max_col + 1):
                    self.covered[(row, column)] = top_left
        self.top_lefts = set(self.covered.values())
        self.merged_values = {}

    def problem(self, where, message):
        self.reading.problems.append(Problem(where, message))

    def note(self, where, message):
        self.reading.notes.append(Problem(where, message))

    def read(self):
        for number, row in self.rows:
            if not row:
                continue
            values = [
                self.value_at(number, column, cell.value) for column, cell in enumerate(row, 1)
            ]
            if all(value is None or words_of(value) == "" for value in values):
                continue
            self.reading.rows += 1
            self.read_row(number, row, values)

    def value_at(self, number, column, value):
        if value is None:
            return self.merged_values.get(self.covered.get((number, column)))
        if (number, column) in self.top_lefts:
            self.merged_values[(number, column)] = value
        return value

    def read_row(self, number, cells, values):
        header = read_header(number, values)
        if header:
            self.columns = header
            self.item = None
            for column, words in header.ignored.items():
                self.note(
                    Where(self.sheet.title, number, column),
                    f"‘{words}’ is a second money column for the same year: not read",
                )
            return
        texts = [words_of(value) for value in values if words_of(value)]
        part = PART_ROW.match(texts[0])
        if part and len(texts) == 1:
            self.part = PARTS[part.group(1).lower()]
            self.item = None
            return
        if self.columns is None:
            self.read_preamble(cells, values)
            return
        self.read_item_row(number, cells, values)

    def read_preamble(self, cells, values):
        """Rows above the header: a colour key, and the title naming the plan's area."""
        for column, (cell, value) in enumerate(zip(cells, values, strict=False), 1):
            text = words_of(value)
            if not text:
                continue
            colour = fill_colour(cell)
            if colour:
                try:
                    level = rag_level(text, self.levels)
                except ValueError:
                    level = None
                if level:
                    self.key[colour] = level
            title = PLAN_FOR.match(text)
            if title:
                named = title.group(1).strip() or next(
                    (words_of(v) for v in values[column:] if words_of(v)), ""
                )
                if named:
                    self.sheet_programme = named

    def cell_at(self, cells, values, role):
        column = self.columns.roles.get(role)
        if not column or column > len(values):
            return None, None
        return values[column - 1], cells[column - 1]

    def where(self, number, role=None):
        column = self.columns.roles.get(role) if role else None
        return Where(self.sheet.title, number, column)

    def read_item_row(self, number, cells, values):
        def words(role):
            return words_of(self.cell_at(cells, values, role)[0])

        programme = words("programme")
        if programme:
            self.programme = programme
        reference, name, description = words("reference"), words("name"), ""
        raw_description = self.cell_at(cells, values, "description")[0]
        if raw_description is not None:
            description = plain_text(raw_description)
        if name or description:
            self.start_item(number, cells, values, reference, name, description)
        elif self.item is None:
            content = [text for text in (words_of(value) for value in values) if text]
            if len(content) > 1:
                self.note(
                    Where(self.sheet.title, number),
                    "left alone: it names no project or description and follows no item",
                )
            return
        self.read_milestones(number, cells, values, is_item_row=bool(name or description))
        self.read_progress(number, cells, values)

    def start_item(self, number, cells, values, reference, name, description):
        where = Where(self.sheet.title, number)
        if not name:
            name = name_from_description(description)
        if len(name) > NAME_LIMIT:
            self.problem(
                self.where(number, "name"),
                f"the project name is {len(name)} characters long: "
                f"shorten it to {NAME_LIMIT} or fewer",
            )
        if len(reference) > REFERENCE_LIMIT:
            self.problem(
                self.where(number, "reference"),
                f"‘{reference[:40]}…’ is too long for a reference "
                f"({REFERENCE_LIMIT} characters at most)",
            )
            reference = ""
        part = PART_ROW.match(words_of(self.cell_at(cells, values, "plan_part")[0]))
        item = Item(
            programme=self.programme or self.sheet_programme,
            reference=reference,
            name=name,
            where=where,
            part=PARTS[part.group(1).lower()] if part else self.part,
            description=description if description != name else "",
        )
        for role in (
            "strategy",
            "lead",
            "sponsor",
            "manager",
            "driver",
            "councils",
            "resourcing",
            "funding",
        ):
            text = words_of(self.cell_at(cells, values, role)[0])
            if text:
                item.values[role] = (text, self.where(number, role))
        for role in ("start", "end"):
            value = self.cell_at(cells, values, role)[0]
            if value is not None:
                day = as_date(value) or read_due(value).day
                if day:
                    item.values[role] = (day, self.where(number, role))
                elif words_of(value):
                    self.problem(self.where(number, role), f"‘{words_of(value)}’ is not a date")
        status_role = "lifecycle" if "lifecycle" in self.columns.roles else "delivery_status"
        status = words_of(self.cell_at(cells, values, status_role)[0])
        if status:
            try:
                lifecycle = status_from(status, LIFECYCLE_WORDS)
                item.values["lifecycle"] = (lifecycle, self.where(number, status_role))
            except ValueError:
                self.problem(
                    self.where(number, status_role),
                    f"‘{status}’ is not a status: use Scheduled, Not started, Active, "
                    "Started, Paused, Complete or Closed",
                )
        self.read_rag(number, cells, values, item)
        for column, money in self.columns.money.items():
            value = values[column - 1] if column <= len(values) else None
            cell_where = Where(self.sheet.title, number, column)
            try:
                pounds = amount(value, money.multiplier)
            except ValueError:
                unit = "£000s" if money.multiplier > 1 else "pounds"
                self.problem(cell_where, f"‘{words_of(value)}’ is not an amount in {unit}")
                continue
            if pounds is not None:
                item.money.append(MoneyCell(money.kind, money.year, pounds, cell_where))
        existing = self.reading.items.get(item.key)
        if existing:
            existing.merge(item)
            self.item = existing
        else:
            self.reading.items[item.key] = item
            self.item = item

    def read_rag(self, number, cells, values, item):
        value, cell = self.cell_at(cells, values, "rag")
        where = self.where(number, "rag")
        if cell is None:
            # The action plan has no RAG column: the project's cell is filled instead.
            value, cell = self.cell_at(cells, values, "name")
            where = self.where(number, "name")
            colour = fill_colour(cell) if cell is not None else None
            item.rag = self.key.get(colour) or self.level_of_colour(colour)
            item.rag_where = where if item.rag else None
            return
        text = words_of(value)
        try:
            level = rag_level(text, self.levels) if text else None
        except ValueError:
            names = ", ".join(f"{level.label} ({level.code})" for level in self.levels)
            self.problem(where, f"‘{text}’ is not on this strategy’s RAG key: use {names}")
            return
        if level is None and not text:
            colour = fill_colour(cell)
            level = self.key.get(colour) or self.level_of_colour(colour)
        item.rag, item.rag_where = level, where

    def level_of_colour(self, colour):
        if not colour:
            return None
        return next((level for level in self.levels if level.colour[1:].upper() == colour), None)

    def read_milestones(self, number, cells, values, *, is_item_row):
        item = self.item
        title = words_of(self.cell_at(cells, values, "milestone")[0])
        due = read_due(self.cell_at(cells, values, "due")[0])
        dates = {}
        for role in ("baseline", "forecast", "completed"):
            value = self.cell_at(cells, values, role)[0]
            if value is None or not words_of(value):
                continue
            day = as_date(value) or read_due(value).day
            if day is None:
                self.problem(self.where(number, role), f"‘{words_of(value)}’ is not a date")
            dates[role] = day
        status_role = "milestone_status" if "milestone_status" in self.columns.roles else None
        if status_role is None and "delivery_status" in self.columns.roles:
            status_role = "delivery_status"
        status_words = words_of(self.cell_at(cells, values, status_role)[0]) if status_role else ""
        status = None
        if status_words:
            try:
                status = status_from(status_words, MILESTONE_WORDS)
            except ValueError:
                if not is_item_row or status_role == "milestone_status":
                    self.problem(
                        self.where(number, status_role),
                        f"‘{status_words}’ is not a milestone status: use Not started, "
                        "Started, Paused or Complete",
                    )
        lead = words_of(self.cell_at(cells, values, "milestone_lead")[0]) or (
            "" if is_item_row else words_of(self.cell_at(cells, values, "lead")[0])
        )
        if title or due.words or due.day or dates:
            item.milestones.append(
                MilestoneRow(
                    title=title or item.name,
                    titled=bool(title),
                    due=due,
                    where=self.where(number, "milestone" if title else "due"),
                    status=status,
                    lead=lead,
                    **dates,
                )
            )
        for column, (label, end) in self.columns.quarters.items():
            if column > len(values) or not words_of(values[column - 1]):
                continue
            status = self.quarter_status(cells[column - 1] if column <= len(cells) else None)
            for line in str(values[column - 1]).splitlines():
                successor = SUCCESSOR_LEAD.search(line)
                text = " ".join(SUCCESSOR_LEAD.sub("", line).split())
                if not text:
                    continue
                start = date(
                    end.year if end.month > 2 else end.year - 1, (end.month - 3) % 12 + 1, 1
                )
                item.milestones.append(
                    MilestoneRow(
                        title=text,
                        due=Due(end, label),
                        where=Where(self.sheet.title, number, column),
                        status=status,
                        lead=successor.group(1).upper() if successor else "",
                        quarter=(start, end),
                    )
                )

    def quarter_status(self, cell):
        """A quarter cell's fill read against the key: the complete colour (Blue) is
        Complete, another key colour is Started, no fill says nothing."""
        colour = fill_colour(cell) if cell is not None else None
        level = self.key.get(colour) or self.level_of_colour(colour)
        if level is None:
            return None
        if "complete" in level.words.lower() or "complete" in level.label.lower():
            return MILESTONE_WORDS["complete"]
        if "end point" in level.words.lower():
            return None
        return MILESTONE_WORDS["started"]

    def read_progress(self, number, cells, values):
        value = self.cell_at(cells, values, "progress")[0]
        for entry in split_progress(value):
            self.item.progress.append((entry, self.where(number, "progress")))
