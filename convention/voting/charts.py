"""Result charts of ballots: for/against/abstain or the grades given, as bars for an inline SVG."""

from typing import Any

from convention.rules.tally import Grade, Method
from convention.web.charts import Chart, bar_chart

APPROVAL_COLOURS = ("#1d6b3a", "#a4262c", "#5c5c5c")
GRADE_COLOURS = ("#7a1f1f", "#a4262c", "#b3541e", "#6b6b1d", "#3d7a2a", "#1d6b3a", "#0f4d2a")


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
    return bar_chart(keyed)
