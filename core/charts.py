"""Geometry for the server-rendered SVG charts; templates only draw what this lays out.

The repeated shapes (a bar and its segments) are written here as SVG: a page draws
dozens, and the template lookups, or even a format_html, per shape showed in the page's
time. Every text is escaped with the standard library's html.escape, which Django's own
escape wraps; numbers are formatted by Python, never localised."""

from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import mark_safe
from django.utils.text import Truncator

BAR_LABEL_WIDTH = 220
BAR_WIDTH = 440
BAR_HEIGHT = 24
BAR_GAP = 10
NO_RAG_FILL = "#ffffff"


@dataclass
class Segment:
    label: str
    words: str
    count: int
    x: float
    width: float
    fill: str
    text: str
    y: int = 0
    count_text: str = ""

    # Arial at 13px is about 7.5px a character: words go on a segment only if they fit.
    @property
    def fits_count(self):
        return self.width >= 7.5 * len(self.count_text) + 8

    @property
    def fits_label(self):
        return self.width >= 7.5 * (len(self.count_text) + len(self.label) + 1) + 8

    @property
    def description(self):
        return f"{self.count_text} {self.label} ({self.words})"

    @property
    def svg(self):
        shape = (
            f'<rect x="{self.x}" y="{self.y}" width="{self.width}" height="{BAR_HEIGHT}" '
            f'fill="{escape(self.fill)}" stroke="#0b0c0c" stroke-width="1"><title>'
            f"{escape(self.count_text)} {escape(self.label)} – {escape(self.words)}</title></rect>"
        )
        if not self.fits_count:
            return shape
        words = f"{self.count_text} {self.label}" if self.fits_label else self.count_text
        return (
            f'{shape}<text x="{round(self.x + 4, 1)}" y="{self.y + 16}" '
            f'fill="{escape(self.text)}" font-weight="bold">{escape(words)}</text>'
        )


@dataclass
class Bar:
    name: str
    total: int
    y: int
    segments: list = field(default_factory=list)
    total_text: str = ""
    label_width: int = BAR_LABEL_WIDTH

    @property
    def description(self):
        counts = ", ".join(segment.description for segment in self.segments)
        return f"{self.name}: {counts or 'no projects'}."

    @property
    def svg(self):
        name = escape(Truncator(self.name).chars(30))
        return mark_safe(
            f'<g><text x="{self.label_width - 8}" y="{self.y + 16}" text-anchor="end" '
            f'fill="#0b0c0c">{name} ({escape(self.total_text)})</text>'
            + "".join(segment.svg for segment in self.segments)
            + "</g>"
        )


@dataclass
class StackedBars:
    bars: list
    width: int
    height: int
    title: str = "RAG status by programme"
    label_width: int = BAR_LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def description(self):
        return " ".join(bar.description for bar in self.bars)


def stacked_bars(
    rows, *, count_text=str, title="RAG status by programme", label_width=BAR_LABEL_WIDTH
):
    """rows: [(name, [RagCount…], total)] → bars whose segments fill BAR_WIDTH.

    Counts may be money: `count_text` writes each one (e.g. as £000s) on the chart.
    """
    bars, y = [], 0
    for name, counts, total in rows:
        bar = Bar(
            name=str(name),
            total=total,
            y=y,
            total_text=count_text(total),
            label_width=label_width,
        )
        x = label_width
        for count in counts:
            if not count.count:
                continue
            width = BAR_WIDTH * count.count / total if total else 0
            level = count.level
            bar.segments.append(
                Segment(
                    label=level.label if level else "No RAG",
                    words=level.words if level else "no RAG yet",
                    count=count.count,
                    x=round(x, 1),
                    width=round(width, 1),
                    fill=level.colour if level else NO_RAG_FILL,
                    text=level.text_colour if level else "#0b0c0c",
                    y=y,
                    count_text=count_text(count.count),
                )
            )
            x += width
        bars.append(bar)
        y += BAR_HEIGHT + BAR_GAP
    return StackedBars(
        bars=bars,
        width=label_width + BAR_WIDTH + 60,
        height=max(y, 1),
        title=title,
        label_width=label_width,
    )


@dataclass
class Sparkline:
    """A line of values drawn small, oldest first, with the target as a dashed line."""

    width: int
    height: int
    points: str  # the polyline's "x,y x,y …"
    last_x: float
    last_y: float
    target_y: float | None


def sparkline(values, *, target=None, width=120, height=32, pad=3):
    """Lays out `values` (numbers, oldest first) and a target on one scale that holds
    both; None when there is nothing to draw."""
    if not values:
        return None
    scale = [float(v) for v in values] + ([float(target)] if target is not None else [])
    low, high = min(scale), max(scale)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)

    def y(value):
        return round(height - pad - (float(value) - low) * (height - 2 * pad) / span, 1)

    xs = [round(pad + i * step, 1) for i in range(len(values))]
    ys = [y(v) for v in values]
    return Sparkline(
        width=width,
        height=height,
        points=" ".join(f"{x},{y_}" for x, y_ in zip(xs, ys, strict=True)),
        last_x=xs[-1],
        last_y=ys[-1],
        target_y=y(target) if target is not None else None,
    )
