"""How many projects sit at each RAG level: the counts every RAG chart and table draws,
in the scale's order, worst first, then the projects with no RAG yet."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar


class Keyed(Protocol):
    """A row of the database (a programme, a level): its key is what counts are keyed by."""

    @property
    def pk(self) -> Any: ...


class Level(Protocol):
    """What a chart draws of a level: a RagLevel, or a stand-in (a savings confidence)."""

    @property
    def label(self) -> str: ...
    @property
    def words(self) -> str: ...
    @property
    def colour(self) -> str: ...
    @property
    def text_colour(self) -> str: ...


class KeyedLevel(Keyed, Level, Protocol):
    """A RagLevel, as far as the counts read it."""


KeyedT = TypeVar("KeyedT", bound=Keyed)


@dataclass
class RagCount:
    level: Level | None  # None for "no update yet"
    count: int
    share: float = 0.0


def rag_counts(
    levels: Iterable[KeyedLevel], counts_by_level_id: Mapping[Any, int], total: int
) -> list[RagCount]:
    """Counts in the scale's order, worst first, then projects with no RAG yet."""
    rows = [RagCount(level, counts_by_level_id.get(level.pk, 0)) for level in levels]
    rows.append(RagCount(None, counts_by_level_id.get(None, 0)))
    for row in rows:
        row.share = row.count / total if total else 0
    return rows


def rag_by_programme(
    levels: Sequence[KeyedLevel],
    programmes: Iterable[KeyedT],
    counts: Mapping[Any, Mapping[Any, int]],
) -> list[tuple[KeyedT, list[RagCount], int]]:
    """[(programme, [RagCount…], total)] for the stacked bar chart."""
    result = []
    for programme in programmes:
        by_level = counts.get(programme.pk, {})
        total = sum(by_level.values())
        result.append((programme, rag_counts(levels, by_level, total), total))
    return result
