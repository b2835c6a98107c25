"""Horizontal bar charts as numbers for an inline SVG, no style attributes (CSP)."""

from collections.abc import Sequence
from dataclasses import dataclass

# Drawn at phone width (320 units, 16-unit labels): on a 320 px phone the labels stay at 14 px.
WIDTH, BAR, GAP, LABEL, FONT = 320, 26, 10, 120, 16


@dataclass(frozen=True)
class Bar:
    """One bar: its key (what it counts), count, position and length."""

    key: str | int
    count: int
    y: int
    length: float
    colour: str


@dataclass(frozen=True)
class Chart:
    """Bars and the drawing's size."""

    bars: list[Bar]
    height: int
    width: int = WIDTH
    label: int = LABEL
    font: int = FONT


def bar_chart(keyed: Sequence[tuple[str | int, int, str]]) -> Chart:
    """Lay out one bar per (key, count, colour), scaled to the largest count."""
    top = max([n for _, n, _ in keyed] + [1])
    span = WIDTH - LABEL - 3 * FONT
    bars = [
        Bar(key, n, GAP + i * (BAR + GAP), round(n / top * span, 1), colour)
        for i, (key, n, colour) in enumerate(keyed)
    ]
    return Chart(bars, GAP + len(bars) * (BAR + GAP))
