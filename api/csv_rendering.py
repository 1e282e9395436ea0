"""CSV for BI tools and spreadsheets: djangorestframework-csv's paginated renderer, with
the columns in the API's own order (not sorted by name), a list in one cell, and text
that a spreadsheet would run as a formula made inert (OWASP's CSV injection advice:
a leading ' before = + - @, tab or carriage return). Guarded by tests/test_api.py."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework_csv.renderers import PaginatedCSVRenderer

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_header(serializer: serializers.Serializer) -> list[str]:
    """The columns of a serializer's rows: a nested record's fields as `name.field`."""
    header = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            header += [f"{name}.{inner}" for inner in csv_header(field)]
        else:
            header.append(name)
    return header


def inert(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class ApiCsvRenderer(PaginatedCSVRenderer):
    def flatten_item(self, item: Any) -> dict[str, Any]:
        if isinstance(item, list) and all(not isinstance(x, dict | list) for x in item):
            return {"": "; ".join(str(x) for x in item)}
        flat = super().flatten_item(item)
        return {key: inert(value) for key, value in flat.items()}
