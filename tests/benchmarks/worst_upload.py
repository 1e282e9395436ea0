"""Workbooks at the import limits, written as raw XML (openpyxl would take minutes to
write half a million cells): the worst a person can upload and have read, and a
200,000-row file that must be refused quickly."""

import io
import random
import zipfile

from core.workbook_safety import OTHER_PART_BYTES, SHARED_STRINGS_BYTES
from core.workbook_scan import ROW_CELLS_LIMIT
from tests.tracker_workbooks import ANNUAL_HEADER

COLUMNS = 50  # the tracker's ten, then forty numbers
# Characters in each of an item's ten dated progress entries: as long as keeps the text
# under the 20 million characters the import reads.
PROGRESS_ENTRY = 140
ROWS = 9_990  # with the header: 500,000 cells less a few hundred
WORDS = [
    "council",
    "service",
    "contract",
    "supplier",
    "review",
    "agreed",
    "scoped",
    "progressing",
    "delayed",
    "budget",
    "savings",
    "milestone",
    "board",
    "approval",
    "migration",
    "platform",
    "network",
    "telephony",
    "licence",
    "data",
    "security",
    "hosting",
    "transition",
    "partner",
    "officer",
    "update",
    "risk",
    "issue",
    "dependency",
]


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _xlsx(*, sheet, shared_strings=None, styles=None):
    """A workbook of one sheet ("IT"), from its parts' XML."""
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{PACKAGE}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
            + (
                f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings'
                '+xml"/>'
                if shared_strings
                else ""
            )
            + (
                f'<Override PartName="/xl/styles.xml" ContentType="{TYPES}.styles+xml"/>'
                if styles
                else ""
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
            '<sheet name="IT" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared_strings:
        parts["xl/sharedStrings.xml"] = shared_strings
    if styles:
        parts["xl/styles.xml"] = styles
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return output.getvalue()


def _sheet(rows):
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        f'.org/spreadsheetml/2006/main"><sheetData>{"".join(rows)}</sheetData></worksheet>'
    ).encode()


def _prose(rng, length):
    text = []
    while sum(len(word) + 1 for word in text) < length:
        text.append(rng.choice(WORDS))
    return " ".join(text)


def _shared(strings):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    ).encode()


def _styles(rng):
    """A style sheet just under its 5 MB limit: some 40,000 cell formats that differ, as a
    much-edited workbook's do (and so do not pack 200 times smaller than they unpack)."""
    xfs = []
    size = 0
    while size < OTHER_PART_BYTES - 2_000:
        xf = (
            f'<xf numFmtId="{rng.randrange(200)}" fontId="0" fillId="{rng.randrange(2)}" '
            f'borderId="0" xfId="0" applyNumberFormat="{rng.randrange(2)}"/>'
        )
        xfs.append(xf)
        size += len(xf) + 1
    xfs.pop()
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}">'
        '<fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1">'
        f'{xfs[0]}</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        "</styleSheet>"
    ).encode()


def items_at_every_limit():
    """500,000 cells on 10,000 rows, each a plan item with a 1,600-character progress
    history (inline in the sheet) and 40 numbers: 19.5 million characters of text, near the
    20 million limit; a style sheet near its 5 MB limit."""
    rng = random.Random(20261206)
    strings = [*ANNUAL_HEADER]
    header = "".join(f'<c t="s"><v>{n}</v></c>' for n in range(len(ANNUAL_HEADER)))
    numbers = "".join(f'<c t="n"><v>{n}</v></c>' for n in range(COLUMNS - len(ANNUAL_HEADER)))
    rows = [f'<row r="1">{header}{numbers}</row>']
    for r in range(2, ROWS + 2):
        item = [
            f"B{r:05d}",
            f"Plan item {r} - {_prose(rng, 40)}",
            "Agree the approach",
            "31/03/22",
            "DW",
            "Obligation Matrix",
            "HDC, HBC",
            "Started",
            "RAG"[r % 3],
        ]
        cells = []
        for text in item:
            cells.append(f'<c t="s" s="{r % 40_000}"><v>{len(strings)}</v></c>')
            strings.append(text)
        progress = " ".join(f"{d:02d}/02/2021 - {_prose(rng, PROGRESS_ENTRY)}." for d in range(10))
        cells.append(f'<c t="inlineStr"><is><t>{progress}</t></is></c>')
        cells += [f'<c t="n"><v>{rng.randrange(10**6)}</v></c>' for _ in range(COLUMNS - 10)]
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    shared = _shared(strings)
    assert len(shared) < SHARED_STRINGS_BYTES, len(shared)
    return _xlsx(sheet=_sheet(rows), shared_strings=shared, styles=_styles(rng))


def tiny_shared_strings():
    """Shared strings near their 20 MB limit, nearly a million short ones (each an object
    openpyxl holds), half a million cells using them."""
    rng = random.Random(7)
    strings = [f"{rng.randrange(10**9):x}" for _ in range(840_000)]
    shared = _shared(strings)
    assert len(shared) < SHARED_STRINGS_BYTES, len(shared)
    rows = [
        f'<row r="{r}">'
        + "".join(f'<c t="s"><v>{rng.randrange(len(strings))}</v></c>' for _ in range(50))
        + "</row>"
        for r in range(1, 9_999)
    ]
    return _xlsx(sheet=_sheet(rows), shared_strings=shared)


def widest_rows():
    """Rows as wide as Excel allows (16,384 cells, which openpyxl builds whole), as many
    as the cell limit allows: 30."""
    rng = random.Random(11)
    rows = [
        f'<row r="{r}">'
        + "".join(f'<c t="n"><v>{rng.random():.6f}</v></c>' for _ in range(ROW_CELLS_LIMIT))
        + "</row>"
        for r in range(1, 31)
    ]
    return _xlsx(sheet=_sheet(rows))


# The shapes that cost most, each within every limit.
WORST = {
    "items at every limit": items_at_every_limit,
    "tiny shared strings": tiny_shared_strings,
    "widest rows": widest_rows,
}


def two_hundred_thousand_rows():
    """The outside test's refused file: 200,000 rows of a few cells (about 7 MB)."""
    rows = [
        f'<row r="{r}"><c t="n"><v>{r}</v></c><c t="n"><v>{r % 7}</v></c></row>'
        for r in range(1, 200_001)
    ]
    return _xlsx(sheet=_sheet(rows))
