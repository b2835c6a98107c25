"""URLs: redirect targets taken from requests, and the converters every route uses."""

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, url_for
from werkzeug.routing import IntegerConverter, Map, UnicodeConverter


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
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


class PrintableConverter(UnicodeConverter):
    """A path segment without control characters: a NUL in a slug or token matches no route."""

    regex = "[^/\\x00-\\x1f\\x7f]+"


def init_app(app: Flask) -> None:
    """Use the bounded converters for every route; call before registering blueprints."""
    app.url_map.converters.update(
        int=BoundedIntegerConverter, default=PrintableConverter, string=PrintableConverter
    )
