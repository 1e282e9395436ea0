"""A RAG level as a frozen report keeps it: enough to draw the badge, the key and the
stylesheet, whatever later happens to the level in the database."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol

from .rag_mix import KeyedLevel


class LevelLike(KeyedLevel, Protocol):
    """A RagLevel, as a report keeps it."""

    @property
    def needs_reason(self) -> bool: ...


@dataclass(frozen=True)
class RagRef:
    pk: int
    label: str
    words: str
    colour: str
    text_colour: str
    needs_reason: bool = False

    @classmethod
    def of(cls, level: LevelLike | None) -> RagRef | None:
        """The level as a report keeps it; None for no level (no RAG yet)."""
        return None if level is None else cls.of_level(level)

    @classmethod
    def of_level(cls, level: LevelLike) -> RagRef:
        return cls(
            pk=level.pk,
            label=level.label,
            words=level.words,
            colour=level.colour,
            text_colour=level.text_colour,
            needs_reason=level.needs_reason,
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> RagRef | None:
        return None if data is None else cls(**data)


@dataclass(frozen=True)
class ScaleRef:
    """A RAG scale as a frozen report keeps it: its name and levels, worst first."""

    pk: int
    name: str
    levels: tuple[RagRef, ...]
