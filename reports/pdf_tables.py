"""Table headers a screen reader can pair with their cells.

WeasyPrint tags a report's tables (/Table, /THead, /TBody, /TR, /TH, /TD) but writes no
/Scope on the header cells, so PDF/UA checkers cannot tell which cells a header
governs. Every table in a report has its column headers in its head and its row
headers (`<th scope="row">`) in its body: the scope follows from where a header sits
(tests/test_report_pdf_ua.py checks each demo report and the highlight report with the
`pdfua` package)."""

from __future__ import annotations

import io

import pikepdf

COLUMN_PARTS = {"/THead"}


def with_header_scopes(pdf: bytes) -> bytes:
    """The PDF with /Scope (Column in a table's head, Row in its body) on every /TH."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root.get("/StructTreeRoot")
        if root is None:
            return pdf
        _scope_headers(root, part=None)
        output = io.BytesIO()
        # An /ID drawn from the content, not the clock: the same snapshot renders to the
        # same bytes, so a render run again gives the checksum the first would have
        # (tests/test_worker_end_to_end.py).
        document.save(output, deterministic_id=True)
    return output.getvalue()


def _scope_headers(element: pikepdf.Object, *, part: str | None) -> None:
    role = str(element.get("/S", ""))
    if role in ("/THead", "/TBody", "/TFoot"):
        part = role
    if role == "/TH":
        scope = pikepdf.Name.Column if part in COLUMN_PARTS else pikepdf.Name.Row
        _set_table_attribute(element, scope)
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _scope_headers(kid, part=part)


def _set_table_attribute(element: pikepdf.Object, scope: pikepdf.Name) -> None:
    """Add /Scope to the element's Table attributes, or give it some."""
    attributes = element.get("/A")
    owners = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    for owner in owners:
        if isinstance(owner, pikepdf.Dictionary) and owner.get("/O") == pikepdf.Name.Table:
            owner.Scope = scope
            return
    table = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)
    if attributes is None:
        element.A = table
    elif isinstance(attributes, pikepdf.Array):
        attributes.append(table)
    else:
        element.A = pikepdf.Array([attributes, table])
