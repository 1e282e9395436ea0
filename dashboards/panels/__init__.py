"""The panels a dashboard and a cabinet report share: each a typed row model that a
frozen report stores as JSON and reads back (core/frozen_rows.py), built from the live
data by its `build` class method, and drawn by one partial
(templates/partials/panels/<key>.html) on the page and in the PDF.

A panel holds words, numbers, dates and RAG levels (core/rag_ref.py) only: a report
issued years ago prints the same from its stored copy, whatever the database says now.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, Self

from django.db.models import QuerySet

from projects.models import Milestone, MilestoneStatus, Project

from ..scope import end_of


class Panel(Protocol):
    def to_json(self) -> dict[str, Any]: ...

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self: ...


COMMENT_LIMIT = 600


def clip(text: str | None, limit: int = COMMENT_LIMIT) -> str:
    """An officer's words, cut to `limit` characters for a table cell."""
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def milestones_as_at(day: date) -> QuerySet[Any]:
    """Every milestone as the audit trail had it at the end of `day` (a day still to
    come reads them as they are), but the withdrawn: a report reads its data as at its
    cut-off."""
    return Milestone.history.as_of(end_of(day)).exclude(delivery_status=MilestoneStatus.WITHDRAWN)


def project_names(projects: QuerySet[Project]) -> dict[int, str]:
    """{project id: its name as a report prints it}: rows read from the audit trail
    keep no project, so their names are read once."""
    return {p.pk: str(p) for p in projects.only("reference", "name")}
