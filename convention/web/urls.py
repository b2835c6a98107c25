"""URLs: redirect targets taken from requests, and the converters every route uses."""

import re
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, request, url_for
from werkzeug.routing import IntegerConverter, Map, UnicodeConverter, ValidationError

# PostgreSQL's integer columns hold 32 bits: ids and numbers beyond cannot name anything.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
_INTEGER = re.compile(r"-?[0-9]{1,10}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def query_int(name: str, default: int | None = None, minimum: int = INT_MIN) -> int | None:
    """Read an integer from the query string; a malformed or out-of-range one answers 400."""
    raw = request.args.get(name, "")
    if raw == "":
        return default
    if not _INTEGER.fullmatch(raw) or not max(minimum, INT_MIN) <= int(raw) <= INT_MAX:
        abort(400)
    return int(raw)


def safe_next(target: str | None, default_endpoint: str = "conventions.dashboard") -> str:
    """Return `target` when it is a local path, else the default page."""
    if target:
        parts = urlsplit(target)
        local = not parts.scheme and not parts.netloc and target.startswith("/")
        if local and not target.startswith("//") and "\\" not in target:
            return target
    return url_for(default_endpoint)


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` limited to what an integer column holds: a larger id matches no route (404)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        kwargs.setdefault("max", INT_MAX)
        super().__init__(map, *args, **kwargs)


class PrintableConverter(UnicodeConverter):
    """A path segment without control characters: a NUL in a slug or token matches no route."""

    def to_python(self, value: str) -> str:
        """Refuse a segment with a control character, so that no route matches it."""
        if _CONTROL.search(value):
            raise ValidationError()
        return value


def init_app(app: Flask) -> None:
    """Use the bounded converters for every route; call before registering blueprints."""
    app.url_map.converters.update(
        int=BoundedIntegerConverter, default=PrintableConverter, string=PrintableConverter
    )
