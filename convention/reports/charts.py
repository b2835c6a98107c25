"""Bar geometry for the report's vote charts, computed here so templates only draw."""

from dataclasses import dataclass
from typing import Any

# Drawn at phone width (320 units, 16-unit labels): on a 320 px phone the labels stay at 14 px.
WIDTH, LABEL, BAR, GAP, FONT = 320, 110, 22, 8, 16
_COLOURS = {"for": "#1d6b3a", "against": "#a4262c", "abstain": "#5c5c5c"}


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: which choice, how many votes, where and how long."""

    key: str
    count: int
    y: int
    length: int
    colour: str


def bars(result: dict[str, Any]) -> list[Bar]:
    """Lay out for / against / abstain bars scaled to the largest count."""
    counts = {
        "for": result["votes_for"],
        "against": result["votes_against"],
        "abstain": result["votes_abstain"],
    }
    longest = max(counts.values()) or 1
    room = WIDTH - LABEL - 3 * FONT
    return [
        Bar(key, count, i * (BAR + GAP), round(room * count / longest), _COLOURS[key])
        for i, (key, count) in enumerate(counts.items())
    ]


def height() -> int:
    """Return the chart's height for three bars."""
    return 3 * (BAR + GAP)


def frame() -> dict[str, object]:
    """The chart's fixed measures, for the templates that draw it."""
    return {"width": WIDTH, "label": LABEL, "height": height(), "font": FONT}
