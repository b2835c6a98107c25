"""The storage interface, its errors and the one rule on keys every backend applies."""

import re
from typing import IO, Protocol

# Slash-separated parts that start with a letter or digit: no "..", no absolute path, no backslash.
_KEY = re.compile(r"[A-Za-z0-9][\w.-]{0,199}(/[A-Za-z0-9][\w.-]{0,199}){0,7}", re.ASCII)


class MissingFile(LookupError):
    """Raised when nothing is stored under a key."""


class InvalidKey(ValueError):
    """Raised for a key that could step outside the storage (`..`, `/etc/passwd`)."""


class Storage(Protocol):
    """What the app needs from a place that keeps files."""

    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key`, replacing what was there."""

    def get(self, key: str) -> IO[bytes]:
        """Open the file under `key` for reading; raise MissingFile if there is none."""

    def delete(self, key: str) -> None:
        """Erase the file under `key`; a file already gone is not an error."""

    def exists(self, key: str) -> bool:
        """Tell whether a file is stored under `key`."""


def checked(key: str) -> str:
    """Return the key if it is safe to use as a path, or raise InvalidKey."""
    if not _KEY.fullmatch(key):
        raise InvalidKey(key)
    return key
