"""Move one item of an ordered list up or down: topics, agenda items."""

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def moved(items: Sequence[T], item: T, offset: int) -> list[T] | None:
    """Return the list with `item` moved `offset` places (-1 up, +1 down), or None at an end."""
    order = list(items)
    index = order.index(item)
    target = index + offset
    if not 0 <= target < len(order):
        return None
    order[index], order[target] = order[target], order[index]
    return order
