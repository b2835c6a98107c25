"""Page parts that read the same to every reader with the same rights, kept by each worker.

A part is keyed by its convention's content version (see `content_version.py`), the reader's
language and time zone, and what the caller adds (the rights it shows, the page asked for): the
first reader after a committed change renders it again, on every server. Only GET pages of a
convention keep parts; a database restored from a backup needs the app servers restarted.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from flask import Flask, current_app, g, request
from flask_babel import get_locale, get_timezone

from convention.web.unit_of_work import READING

# Bounds the parts per worker: a page of contributions is tens of kilobytes.
KEPT = 256
T = TypeVar("T")


class Store:
    """The most recently used parts, oldest dropped first."""

    def __init__(self) -> None:
        self._parts: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = Lock()  # threaded workers share one store

    def get(self, key: Hashable) -> object | None:
        """Return the part kept under `key`, if any, marking it recently used."""
        with self._lock:
            part = self._parts.get(key)
            if part is not None:
                self._parts.move_to_end(key)
            return part

    def __len__(self) -> int:
        """Count the parts kept."""
        return len(self._parts)

    def put(self, key: Hashable, part: object) -> None:
        """Keep `part` under `key`, dropping the least recently used beyond KEPT."""
        with self._lock:
            self._parts[key] = part
            while len(self._parts) > KEPT:
                self._parts.popitem(last=False)


def init_app(app: Flask) -> None:
    """Give the app an empty store."""
    app.extensions["fragments"] = Store()


def kept(name: str, key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """Return the part `name` of the current convention for `key`, building it when missing."""
    if request.method not in READING:
        return build()  # a write's page may show what its transaction has not committed
    convention = g.convention
    version = (convention.id, convention.content_version)
    full_key: tuple[Hashable, ...] = (name, *version, str(get_locale()), str(get_timezone()), *key)
    store: Store = current_app.extensions["fragments"]
    part = store.get(full_key)
    if part is None:
        part = build()
        store.put(full_key, part)
    return part  # type: ignore[return-value]
