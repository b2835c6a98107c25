"""The probability chart: an inline SVG drawn from numbers, with no style attributes (CSP)."""

from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 600, 240, 40


@dataclass(frozen=True)
class Chart:
    """Coordinates for the template: the sorted curve, the fair-share line and the y ticks."""

    points: str
    fair_y: float
    ticks: list[tuple[float, str]]
    width: int = WIDTH
    height: int = HEIGHT
    margin: int = MARGIN


def probability_chart(probabilities: list[float], fair_share: float) -> Chart:
    """Plot every volunteer's probability, sorted from lowest to highest."""
    values = sorted(probabilities)
    top = max([*values, fair_share, 0.01]) * 1.1
    span_x = max(len(values) - 1, 1)

    def y(value: float) -> float:
        return round(HEIGHT - MARGIN - value / top * (HEIGHT - 2 * MARGIN), 1)

    points = " ".join(
        f"{round(MARGIN + i / span_x * (WIDTH - 2 * MARGIN), 1)},{y(v)}"
        for i, v in enumerate(values)
    )
    ticks = [(y(top * step / 4), f"{top * step / 4:.1%}") for step in range(5)]
    return Chart(points, y(fair_share), ticks)
