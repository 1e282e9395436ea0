"""A streaming pass over a workbook's sheets before anything parses them: how many rows
and cells each holds, and which cells it merges, read from the XML a megabyte at a time
and stopping at the first limit passed. openpyxl then reads the sheets in read-only
mode, a row at a time, so no upload within the limits takes much memory
(tests/test_tracker_safety.py; `make bench` prints the peak for the worst workbook).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from defusedxml.ElementTree import fromstring
from openpyxl.utils import column_index_from_string

CHUNK = 1 << 20
ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"|<(?:\w+:)?row[\s/>]')
CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
OFFICE_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class LimitPassed(Exception):
    """A sheet holds more than the portal reads; `what` says what, in words."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass(frozen=True)
class Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def area(self) -> int:
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)


@dataclass(frozen=True)
class Limits:
    rows: int
    cells: int
    merged_cells: int


@dataclass
class WorkbookScan:
    """Rows, cells and merged cells counted over every sheet scanned so far."""

    limits: Limits
    rows: int = 0  # each sheet's highest row number: openpyxl reads every row up to it
    cells: int = 0
    merged_cells: int = 0

    def sheet(self, archive: zipfile.ZipFile, name: str) -> list[Merge]:
        """Scan one sheet's part; its merged areas. LimitPassed at the first limit passed."""
        merges = []
        rows_before = self.rows
        row = 0
        for piece in _pieces(archive, name):
            for match in ROW.finditer(piece):
                row = int(match.group(1)) if match.group(1) else row + 1
                self.rows = max(self.rows, rows_before + row)
            self.cells += len(CELL.findall(piece))
            for first_column, first_row, last_column, last_row in MERGE.findall(piece):
                merge = _merge(
                    first_column, first_row, last_column or first_column, last_row or first_row
                )
                self.merged_cells += merge.area
                merges.append(merge)
            self.check()
        return merges

    def check(self) -> None:
        limits = self.limits
        if self.rows > limits.rows:
            raise LimitPassed(
                f"has more than {limits.rows:,} rows: the portal imports at most "
                f"{limits.rows:,} at a time; split the workbook and import each part"
            )
        if self.cells > limits.cells:
            raise LimitPassed(
                f"has more than {limits.cells:,} filled or formatted cells, far more than a "
                "tracker: delete the rows and columns it does not use (formatting a whole "
                "row or column fills it) and upload it again"
            )
        if self.merged_cells > limits.merged_cells:
            raise LimitPassed(
                f"merges {self.merged_cells:,} cells, far more than a tracker does: unmerge "
                "the cells and upload it again"
            )


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{sheet title: its part's name}, from the workbook and its relationships."""
    workbook = fromstring(archive.read("xl/workbook.xml"))
    try:
        relationships = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in relationships.iter(f"{RELATIONSHIPS}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(OFFICE_RELATIONSHIP), "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def _pieces(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The part's XML in pieces that each end before a `<`, so no tag is cut in two."""
    carried = b""
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            text = carried + chunk
            cut = text.rfind(b"<")
            if cut <= 0:
                carried = text
                continue
            carried = text[cut:]
            yield text[:cut]
    if carried:
        yield carried


def _merge(first_column: bytes, first_row: bytes, last_column: bytes, last_row: bytes) -> Merge:
    try:
        columns = sorted(column_index_from_string(c.decode()) for c in (first_column, last_column))
    except ValueError:  # past column XFD: not a real sheet
        raise LimitPassed("merges cells past the last column a sheet has") from None
    rows = sorted((int(first_row), int(last_row)))
    return Merge(rows[0], columns[0], rows[1], columns[1])
