"""Result charts: horizontal bars as numbers for an inline SVG, no style attributes (CSP)."""

from dataclasses import dataclass
from typing import Any

from convention.rules.tally import Grade, Method

# Drawn at phone width (320 units, 16-unit labels): on a 320 px phone the labels stay at 14 px.
WIDTH, BAR, GAP, LABEL, FONT = 320, 26, 10, 120, 16
APPROVAL_COLOURS = ("#1d6b3a", "#a4262c", "#5c5c5c")
GRADE_COLOURS = ("#7a1f1f", "#a4262c", "#b3541e", "#6b6b1d", "#3d7a2a", "#1d6b3a", "#0f4d2a")


@dataclass(frozen=True)
class Bar:
    """One bar: its key (a choice or a grade), count, position and length."""

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


def result_chart(result: dict[str, Any] | None, method: Method) -> Chart | None:
    """Draw an item's frozen result: for/against/abstain, or the grades given."""
    if not result:
        return None
    keyed: list[tuple[str | int, int, str]]
    if method == Method.JUDGMENT:
        pairs = list(zip(reversed(list(Grade)), reversed(result["grades"]), strict=True))
        keyed = [(int(g), n, GRADE_COLOURS[int(g)]) for g, n in pairs]
    else:
        counts = (result["yes"], result["no"], result["abstain"])
        keyed = list(zip(("for", "against", "abstain"), counts, APPROVAL_COLOURS, strict=True))
    top = max([n for _, n, _ in keyed] + [1])
    span = WIDTH - LABEL - 3 * FONT
    bars = [
        Bar(key, n, GAP + i * (BAR + GAP), round(n / top * span, 1), colour)
        for i, (key, n, colour) in enumerate(keyed)
    ]
    return Chart(bars, GAP + len(bars) * (BAR + GAP))
