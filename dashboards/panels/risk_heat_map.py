"""The 5 × 5 risk heat map: open risks counted by likelihood and impact, initial beside
current, drawn as SVG with the same counts in a table. A register printed in words only
(Oxfordshire's High → Medium) cannot be placed on the grid: its risks are counted by
their words beneath it (tests/test_risk_heat_map.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from projects.models import Risk
from projects.risk_rating import rating_band

SCALE = range(1, 6)
CELL = 56
LABEL = 28
# Fill and text by band: the band's word is in each cell's title and the table, never
# the colour alone.
BAND_STYLE = {
    "Low": ("#cce2d8", "#0b0c0c"),
    "Medium": ("#fff7bf", "#0b0c0c"),
    "High": ("#ffbf47", "#0b0c0c"),
    "Very high": ("#d4351c", "#ffffff"),
}


@dataclass(frozen=True)
class Rating:
    """One open risk's two ratings: scores where scored, else the words printed."""

    initial: tuple[int, int] | None  # (likelihood, impact)
    current: tuple[int, int] | None
    initial_words: str = ""
    current_words: str = ""


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    initial: int
    current: int

    @property
    def band(self) -> str:
        return rating_band(self.likelihood * self.impact)


@dataclass(frozen=True)
class HeatMap:
    rows: list[list[HeatCell]]  # likelihood 5 first, impact 1 to 5 across
    in_words: list[tuple[str, str, int]]  # (initial words, current words, risks)
    unrated: int
    scored: int  # risks with a likelihood and impact, initial or current

    @classmethod
    def of(cls, ratings: Iterable[Rating]) -> HeatMap:
        initial: Counter[tuple[int, int]] = Counter()
        current: Counter[tuple[int, int]] = Counter()
        words: Counter[tuple[str, str]] = Counter()
        unrated = scored = 0
        for rating in ratings:
            scored += bool(rating.initial or rating.current)
            if rating.initial:
                initial[rating.initial] += 1
            if rating.current:
                current[rating.current] += 1
            if not (rating.initial or rating.current):
                if rating.initial_words or rating.current_words:
                    words[(rating.initial_words or "–", rating.current_words or "–")] += 1
                else:
                    unrated += 1
        rows = [
            [HeatCell(lk, im, initial[(lk, im)], current[(lk, im)]) for im in SCALE]
            for lk in reversed(SCALE)
        ]
        return cls(
            rows=rows,
            in_words=[(first, now, count) for (first, now), count in sorted(words.items())],
            unrated=unrated,
            scored=scored,
        )

    @classmethod
    def build(cls, risks: QuerySet[Risk]) -> HeatMap:
        """The open risks of a page's scope, read as values in one query."""
        fields = (
            "initial_likelihood",
            "initial_impact",
            "residual_likelihood",
            "residual_impact",
            "initial_rating_recorded",
            "residual_rating_recorded",
        )
        return cls.of(
            Rating(
                initial=(il, ii) if il and ii else None,
                current=(rl, ri) if rl and ri else None,
                initial_words=iw,
                current_words=rw,
            )
            for il, ii, rl, ri, iw, rw in risks.filter(status=Risk.Status.OPEN)
            .order_by()
            .values_list(*fields)
        )

    @property
    def is_empty(self) -> bool:
        return not (self.scored or self.in_words)

    def svg(self, stage: str) -> SafeString:
        """The grid of one stage ("initial" or "current"), its counts written in the cells."""
        size = LABEL + CELL * 5
        parts = [
            f'<svg class="app-heat-map" role="img" viewBox="0 0 {size} {size + LABEL}" '
            f'width="{size}" height="{size + LABEL}" xmlns="http://www.w3.org/2000/svg" '
            'font-family="arial, helvetica, sans-serif" font-size="14">'
            f"<title>{escape(stage.capitalize())} ratings of open risks: likelihood up, "
            "impact across</title>"
        ]
        for y, row in enumerate(self.rows):
            top = y * CELL
            parts.append(
                f'<text x="{LABEL / 2}" y="{top + CELL / 2 + 5}" text-anchor="middle">'
                f"{row[0].likelihood}</text>"
            )
            for x, cell in enumerate(row):
                left = LABEL + x * CELL
                fill, ink = BAND_STYLE[cell.band]
                count = getattr(cell, stage)
                parts.append(
                    f'<rect x="{left}" y="{top}" width="{CELL}" height="{CELL}" fill="{fill}" '
                    f'stroke="#0b0c0c"><title>Likelihood {cell.likelihood}, impact '
                    f"{cell.impact}: {escape(cell.band)}, {count} risk"
                    f"{'' if count == 1 else 's'}</title></rect>"
                )
                if count:
                    parts.append(
                        f'<text x="{left + CELL / 2}" y="{top + CELL / 2 + 6}" fill="{ink}" '
                        f'text-anchor="middle" font-weight="bold" font-size="18">{count}</text>'
                    )
        for x in SCALE:
            parts.append(
                f'<text x="{LABEL + (x - 0.5) * CELL}" y="{CELL * 5 + 20}" '
                f'text-anchor="middle">{x}</text>'
            )
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 - built from numbers and escaped words

    @property
    def initial_svg(self) -> SafeString:
        return self.svg("initial")

    @property
    def current_svg(self) -> SafeString:
        return self.svg("current")
