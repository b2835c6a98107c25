"""Ordered lists: move one item up or down (topics, agenda items), sort names as people read."""

import unicodedata
from collections.abc import Callable, Iterable, Sequence
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


def alphabetical(items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """Sort by name as a reader looks one up: case and accents aside (Élodie between D and F)."""
    return sorted(items, key=lambda item: (_plain(name(item)), name(item)))


def _plain(text: str) -> str:
    """Return the text without accents, case folded."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
