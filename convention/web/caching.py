"""HTTP caching: public pages are shared by visitors, nothing of a signed-in person is stored.

A visitor without a session cookie gets the public pages below with an `ETag` and
`Cache-Control: public, max-age=PUBLIC_MAX_AGE`, so browsers, proxies and a CDN may keep them
(an unchanged page answers 304 to `If-None-Match`); the app keeps its own copy for as long, so
a crowd arriving at once is served without rendering the page again. Whoever carries a session
or sign-in cookie gets `private, no-store` on every answer. The voting flow is never public.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, abort, current_app, g, request, session
from flask_babel import get_locale
from werkzeug.wrappers import Response

from convention.clock import utcnow

# Pages that read the same to every visitor and hold no form: the published record.
PUBLIC_PAGES = frozenset(
    {
        "conventions.show_convention",
        "conventions.show_charter",
        "reports.show_report",
        "reports.report_json",
        "reports.report_csv",
        "council.show_accountability",
        "council.show_transparency",
        "council.show_response",
    }
)
# Bounds the app's own copies per worker: a page is tens of kilobytes.
KEPT = 256


@dataclass(frozen=True)
class Copy:
    """A public page as it was served, until it expires."""

    body: bytes
    mimetype: str
    etag: str
    expires: datetime


def init_app(app: Flask) -> None:
    """Serve kept copies before anything is loaded, and mark every answer cacheable or not."""
    app.extensions["public_pages"] = {}
    # registered before the convention is loaded from /c/<slug>: a kept copy needs no database
    app.url_value_preprocessor(_serve_copy)
    app.after_request(_cache_headers)


def _is_public_request() -> bool:
    """Tell whether this request reads a public page as a visitor without any session."""
    if request.method not in {"GET", "HEAD"} or request.endpoint not in PUBLIC_PAGES:
        return False
    return not _carries_session()


def _carries_session() -> bool:
    """Tell whether the request carries a session or sign-in cookie."""
    config = current_app.config
    names = (config["SESSION_COOKIE_NAME"], config.get("REMEMBER_COOKIE_NAME", "remember_token"))
    return any(name in request.cookies for name in names)


def _key() -> tuple[str, str, str]:
    """Name a page by its address and the language it is shown in."""
    return request.host, request.full_path, str(get_locale())


def _serve_copy(endpoint: str | None, values: dict | None) -> None:
    """Answer from the kept copy of a public page while it is fresh, before the view runs."""
    if not _is_public_request() or not current_app.config["PUBLIC_MAX_AGE"]:
        return
    copy = current_app.extensions["public_pages"].get(_key())
    if copy is None or copy.expires <= utcnow():
        return
    g.public_copy = True
    abort(Response(copy.body, mimetype=copy.mimetype))


def _cache_headers(response: Response) -> Response:
    """Make a visitor's public page cacheable; keep anything of a session out of every cache."""
    # the session cookie is written after these hooks: a modified session is one on its way
    if _carries_session() or session.modified or "Set-Cookie" in response.headers:
        if "no-store" not in response.headers.get("Cache-Control", ""):
            response.headers["Cache-Control"] = "private, no-store"
        return response
    max_age = current_app.config["PUBLIC_MAX_AGE"]
    if not _is_public_request() or response.status_code != 200 or not max_age:
        return response
    body = response.get_data()
    etag = hashlib.sha256(body).hexdigest()[:32]
    if not g.pop("public_copy", False):
        _keep(Copy(body, response.mimetype or "", etag, utcnow() + timedelta(seconds=max_age)))
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    # a shared cache keeps one copy per language, and none for whoever signs in
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)


def _keep(copy: Copy) -> None:
    """Keep a page's copy, forgetting them all when too many are kept."""
    kept: dict = current_app.extensions["public_pages"]
    if len(kept) >= KEPT:
        kept.clear()
    kept[_key()] = copy
