"""Error pages in the reader's language, and JSON for API clients."""

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (_l("Page not found"), _l("This page does not exist, or it is not visible to you.")),
    405: (_l("Not allowed"), _l("This address does not accept this kind of request.")),
    413: (_l("File too large"), _l("What you sent is larger than the platform accepts.")),
    422: (_l("Check what you entered"), _l("Some of what you entered could not be accepted.")),
    429: (
        _l("Too many attempts"),
        _l("You tried too many times in a short while. Please wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error occurred on our side. Nothing you had saved was lost. Please try again."),
    ),
}

# Fields never echoed back, even to their author.
_SECRET_FIELDS = {"csrf_token", "password", "new_password", "confirm", "current_password"}


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    # Unhandled exceptions reach the 500 handler; Flask logs them and the session is rolled back.
    app.register_error_handler(HTTPException, _http_error)


def wants_json() -> bool:
    """Tell whether the client asked for JSON rather than a page."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _render(status: int, **context: object) -> tuple:
    """Answer `status` as a page or as JSON."""
    title, message = MESSAGES.get(status, MESSAGES[400])
    if wants_json():
        return jsonify(error=str(title), message=str(message), status=status), status
    page = render_template(
        "errors/error.html", status=status, title=title, message=message, **context
    )
    return page, status


def _http_error(error: HTTPException) -> tuple:
    """Answer an HTTP error in the reader's language, keeping its headers (405's Allow)."""
    body, status = _render(error.code or 500)
    allow = [(k, v) for k, v in error.get_headers() if k == "Allow"]
    return body, status, allow


def _csrf_error(error: CSRFError) -> tuple:
    """Refuse a form without a valid token, but give back what the person typed."""
    typed = {k: v for k, v in request.form.items() if k not in _SECRET_FIELDS and v.strip()}
    return _render(400, csrf=True, typed=typed)
