"""The panels a dashboard and a cabinet report share: each a typed row model that a
frozen report stores as JSON and reads back (core/frozen_rows.py), built from the live
data by its `build` class method, and drawn by one partial
(templates/partials/panels/<key>.html) on the page and in the PDF.

A panel holds words, numbers, dates and RAG levels (core/rag_ref.py) only: a report
issued years ago prints the same from its stored copy, whatever the database says now.
"""

from __future__ import annotations

from typing import Any, Protocol, Self


class Panel(Protocol):
    def to_json(self) -> dict[str, Any]: ...

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self: ...


COMMENT_LIMIT = 600


def clip(text: str | None, limit: int = COMMENT_LIMIT) -> str:
    """An officer's words, cut to `limit` characters for a table cell."""
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
