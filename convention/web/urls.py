"""Redirect targets taken from requests: only paths on this site."""

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None, default_endpoint: str = "conventions.dashboard") -> str:
    """Return `target` when it is a local path, else the default page."""
    if target:
        parts = urlsplit(target)
        local = not parts.scheme and not parts.netloc and target.startswith("/")
        if local and not target.startswith("//") and "\\" not in target:
            return target
    return url_for(default_endpoint)
