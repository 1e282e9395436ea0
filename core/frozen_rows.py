"""Row models to JSON and back, for copies that must read the same years later.

A panel's rows are frozen dataclasses; `to_json` turns them into plain JSON values (dates
as ISO text, amounts as decimal text) and `from_json` builds the same dataclasses again
from their type hints, with cattrs. Nothing is converted by a key's name.
Guarded by tests/core/test_frozen_rows.py."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Self, TypeVar

import cattrs

T = TypeVar("T")

converter = cattrs.Converter()


def _exactly(kind: type) -> Any:
    """Read a value of `kind` as it is: cattrs would write None as "None" in a text
    field, or turn "3" into 3, and a report would print something it never said."""

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, not {value!r}")
        return value

    return structure


converter.register_structure_hook(str, _exactly(str))
converter.register_structure_hook(int, _exactly(int))
converter.register_structure_hook(bool, _exactly(bool))
converter.register_unstructure_hook(date, date.isoformat)
converter.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
converter.register_unstructure_hook(datetime, datetime.isoformat)
converter.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))
converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(Decimal, lambda value, _: Decimal(value))


def to_json(rows: Any) -> Any:
    return converter.unstructure(rows)


def from_json(data: Any, kind: type[T]) -> T:
    return converter.structure(data, kind)


class FrozenRows:
    """What a panel (a frozen dataclass) mixes in to be kept as JSON and read back."""

    def to_json(self) -> dict[str, Any]:
        return to_json(self)  # type: ignore[no-any-return]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return from_json(data, cls)
