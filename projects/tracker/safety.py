"""Opening an uploaded workbook only when it is safe to: an .xlsx, not encrypted, within
the size and row limits, and not a zip bomb (member sizes are checked before anything
is decompressed). openpyxl parses the XML with defusedxml, which refuses entity
expansion and external entities.
"""

import io
import re
import zipfile

import openpyxl
from django.conf import settings
from openpyxl.utils import column_index_from_string
from openpyxl.xml import DEFUSEDXML

# An encrypted .xlsx (and an old .xls) is an OLE compound file, not a zip.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# Spreadsheet XML compresses well, but not a thousand times over.
MAX_RATIO = 200
MAX_MEMBERS = 2000

assert DEFUSEDXML, "defusedxml must be installed: openpyxl then parses workbooks with it"


class RefusedWorkbook(ValueError):
    """A workbook the portal will not open; the message says why, for the person."""


def _limit_words(size):
    return f"{size / 1_000_000:.3g} MB"


def check_size(filename, size):
    """Refuse a file over the limit before reading any of it."""
    max_bytes = settings.PORTAL_IMPORT_MAX_BYTES
    if size > max_bytes:
        raise RefusedWorkbook(
            f"‘{filename}’ is {_limit_words(size)}: the largest workbook the portal "
            f"takes is {_limit_words(max_bytes)}"
        )


def check_workbook_bytes(filename, content):
    max_bytes = settings.PORTAL_IMPORT_MAX_BYTES
    check_size(filename, len(content))
    if not filename.lower().endswith(".xlsx"):
        raise RefusedWorkbook(
            f"‘{filename}’ is not an Excel workbook: save it from Excel as .xlsx "
            "and upload it again"
        )
    if content.startswith(OLE_SIGNATURE):
        raise RefusedWorkbook(
            f"‘{filename}’ is protected with a password (or is an old .xls file): remove the "
            "password or save it as .xlsx, then upload it again"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile:
        raise RefusedWorkbook(
            f"‘{filename}’ is not an Excel .xlsx workbook (it may be damaged): "
            "open it in Excel, save it as .xlsx and upload it again"
        ) from None
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if len(members) > MAX_MEMBERS or unpacked > max_bytes * 20 or ratio > MAX_RATIO:
        raise RefusedWorkbook(
            f"‘{filename}’ would unpack to {_limit_words(unpacked)}, far more than a tracker "
            "holds: the portal does not open it"
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise RefusedWorkbook(f"‘{filename}’ is encrypted: remove the password and upload it again")
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise RefusedWorkbook(f"‘{filename}’ is a zip file but not an Excel workbook")
    merged = sum(
        _merged_area(archive.read(member))
        for member in members
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
    )
    if merged > MAX_MERGED_CELLS:
        raise RefusedWorkbook(
            f"‘{filename}’ merges {merged:,} cells, far more than a tracker does: "
            "unmerge the cells and upload it again"
        )


MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')
# openpyxl makes an object per merged cell; a tracker merges a few hundred.
MAX_MERGED_CELLS = 1_000_000


def _merged_area(xml):
    area = 0
    for first_column, first_row, last_column, last_row in MERGE.findall(xml):
        if not last_column:
            continue
        try:
            columns = column_index_from_string(last_column.decode()) - column_index_from_string(
                first_column.decode()
            )
        except ValueError:  # past column XFD: not a real sheet
            return MAX_MERGED_CELLS + 1
        area += (abs(columns) + 1) * (abs(int(last_row) - int(first_row)) + 1)
    return area


def open_workbook(filename, content):
    """The workbook, or RefusedWorkbook with a message a person can act on."""
    check_workbook_bytes(filename, content)
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # noqa: BLE001 - any parser failure is the same refusal
        raise RefusedWorkbook(
            f"‘{filename}’ could not be read as a workbook ({type(error).__name__}): "
            "open it in Excel, save it as .xlsx and upload it again"
        ) from None
    rows = sum(sheet.max_row for sheet in book.worksheets)
    if rows > settings.PORTAL_IMPORT_MAX_ROWS:
        raise RefusedWorkbook(
            f"‘{filename}’ has {rows:,} rows: the portal imports at most "
            f"{settings.PORTAL_IMPORT_MAX_ROWS:,} at a time; split the workbook and import "
            "each part"
        )
    return book
