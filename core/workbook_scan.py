"""A streaming pass over every part of a workbook before openpyxl parses any of it: how
many rows, cells and characters of text its sheets hold and which cells they merge,
read with expat (which knows the XML's encoding, namespaces and quoting as openpyxl's
parser does) a megabyte at a time, stopping at the first limit passed. openpyxl then
reads the sheets in read-only mode, a row at a time, so no upload within the limits
costs much memory or time (tests/test_tracker_safety.py; `make bench` prints the peak
for the worst workbooks).

Every XML part is scanned, not only those the workbook names as sheets, so a part
named otherwise is counted all the same; a row numbered 1,000,000 counts as a
million rows, as openpyxl would read that many.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from xml.parsers import expat

from defusedxml.ElementTree import fromstring
from openpyxl.utils import column_index_from_string

CHUNK = 1 << 20
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Excel holds at most 32,767 characters in a cell, and 16,384 columns in a row.
CELL_TEXT_LIMIT = 32_767
ROW_CELLS_LIMIT = 16_384
REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


class LimitPassed(Exception):
    """A workbook holds more than the portal reads; `what` says what, in words."""

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
    text: int  # characters in all cells together, a shared string each time it is used
    merged_cells: int


@dataclass
class PartScan:
    """One part: its highest row number, its widest column and its merged areas."""

    rows: int = 0
    columns: int = 0
    merges: list[Merge] = field(default_factory=list)


@dataclass
class WorkbookScan:
    """Rows, cells, text and merged cells counted over every part scanned so far."""

    limits: Limits
    rows: int = 0  # each part's highest row number, added: openpyxl reads every row up to it
    cells: int = 0
    text: int = 0
    merged_cells: int = 0
    shared: array = field(default_factory=lambda: array("L"))  # each shared string's length

    def part(self, archive: zipfile.ZipFile, name: str) -> PartScan:
        """Scan one XML part; LimitPassed at the first limit passed."""
        reading = _PartReading(self, PartScan())
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _no_document_type
        parser.EntityDeclHandler = _no_document_type
        parser.StartElementHandler = reading.start
        parser.EndElementHandler = reading.end
        parser.CharacterDataHandler = reading.text
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        self.rows += reading.scan.rows
        self.check()
        return reading.scan

    def check(self) -> None:
        limits = self.limits
        if self.rows > limits.rows:
            raise LimitPassed(
                f"reaches row {self.rows:,} (its sheets together), and the portal reads at "
                f"most {limits.rows:,} rows: delete any rows below the data (a stray cell far "
                "down counts), or split the workbook and import each part"
            )
        if self.cells > limits.cells:
            raise LimitPassed(
                f"has more than {limits.cells:,} filled or formatted cells, far more than a "
                "tracker: delete the rows and columns it does not use (formatting a whole "
                "row or column fills it) and upload it again"
            )
        if self.text > limits.text:
            raise LimitPassed(
                f"holds more than {limits.text:,} characters of text, far more than a "
                "tracker: split the workbook and import each part"
            )
        if self.merged_cells > limits.merged_cells:
            raise LimitPassed(
                f"merges more than {limits.merged_cells:,} cells, far more than a tracker "
                "does: unmerge the cells and upload it again"
            )


def _no_document_type(*_: object) -> None:
    raise LimitPassed(
        "declares a document type, which Excel never writes: save it from Excel as .xlsx "
        "and upload it again"
    )


class _PartReading:
    """expat's handlers for one part, counting as openpyxl's reader would read it."""

    def __init__(self, workbook: WorkbookScan, scan: PartScan) -> None:
        self.workbook = workbook
        self.scan = scan
        self.row = 0
        self.column = 0
        self.row_cells = 0
        self.kind = "n"  # the cell's type: "s" a shared string, "inlineStr", ...
        self.in_text = False  # in a <t> or <v>
        self.length = 0  # characters of that element so far
        self.index = ""  # a shared string's number, as the cell's <v> writes it
        self.in_shared = False  # in a shared string (<si>), which may have several <t>
        self.shared_length = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace != MAIN:
            return
        if local == "row":
            self.row = _row_number(attrs["r"]) if "r" in attrs else self.row + 1
            self.scan.rows = max(self.scan.rows, self.row)
            self.column = self.row_cells = 0
        elif local == "c":
            self.cell(attrs)
        elif local in ("t", "v"):
            self.in_text, self.length, self.index = True, 0, ""
        elif local == "si":
            self.in_shared, self.shared_length = True, 0
        elif local == "mergeCell":
            self.merge(attrs.get("ref", ""))

    def cell(self, attrs: dict[str, str]) -> None:
        workbook = self.workbook
        workbook.cells += 1
        self.row_cells += 1
        if workbook.cells > workbook.limits.cells:
            workbook.check()
        if self.row_cells > ROW_CELLS_LIMIT:
            raise LimitPassed(
                f"has a row of more than {ROW_CELLS_LIMIT:,} cells, more than Excel allows"
            )
        found = REFERENCE.fullmatch(attrs.get("r", ""))
        self.column = _column(found.group(1)) if found else self.column + 1
        self.scan.columns = max(self.scan.columns, self.column)
        self.kind = attrs.get("t", "n")

    def text(self, data: str) -> None:
        if not self.in_text:
            return
        self.length += len(data)
        if self.length > CELL_TEXT_LIMIT:
            raise LimitPassed(_LONG_CELL)
        if self.kind == "s" and len(self.index) < 12:
            self.index += data

    def end(self, name: str) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace != MAIN:
            return
        workbook = self.workbook
        if local == "si":  # counted each time a cell uses it
            workbook.shared.append(self.shared_length)
            self.in_shared = False
        elif local not in ("t", "v") or not self.in_text:
            return
        elif self.in_shared:
            self.in_text = False
            self.shared_length += self.length
            if self.shared_length > CELL_TEXT_LIMIT:
                raise LimitPassed(_LONG_CELL)
        else:
            self.in_text = False
            workbook.text += self._shared_length() if self.kind == "s" else self.length
            if workbook.text > workbook.limits.text:
                workbook.check()

    def _shared_length(self) -> int:
        try:
            return self.workbook.shared[int(self.index)]
        except (ValueError, IndexError):
            return 0  # not a shared string openpyxl can find: it will refuse the workbook

    def merge(self, ref: str) -> None:
        ends = [REFERENCE.fullmatch(end) for end in ref.split(":")]
        if len(ends) > 2 or not all(ends):
            return  # openpyxl does not read it either
        rows = sorted(int(end.group(2)) for end in ends if end)
        columns = sorted(_column(end.group(1)) for end in ends if end)
        merge = Merge(rows[0], columns[0], rows[-1], columns[-1])
        self.workbook.merged_cells += merge.area
        if self.workbook.merged_cells > self.workbook.limits.merged_cells:
            self.workbook.check()
        self.scan.merges.append(merge)


_LONG_CELL = f"has a cell of more than {CELL_TEXT_LIMIT:,} characters, more than Excel allows"


def _row_number(written: str) -> int:
    """A row's number as openpyxl reads it: a whole number, perhaps written as 1e6."""
    try:
        return int(written)
    except ValueError:
        number = float(written)
        if not number.is_integer():
            raise LimitPassed(f"numbers a row ‘{written[:20]}’, which is not a row") from None
        return int(number)


def _column(letters: str) -> int:
    try:
        return column_index_from_string(letters.upper())
    except ValueError:  # past column XFD: not a real sheet
        raise LimitPassed("uses columns past the last a sheet has") from None


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{sheet title: its part's name}, from the workbook and its relationships; the
    merged areas and widths the scan found are the reader's by these titles."""
    workbook = fromstring(archive.read("xl/workbook.xml"))
    try:
        relationships = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in relationships.iter(f"{RELATIONSHIPS}Relationship")
    }
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{MAIN}}}sheet"):
        title = sheet.get("name", "")
        if title in parts:
            raise LimitPassed(f"has two sheets called ‘{title[:40]}’, which Excel never writes")
        target = targets.get(sheet.get(OFFICE_RELATIONSHIP), "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[title] = posixpath.normpath(path)
    return parts
