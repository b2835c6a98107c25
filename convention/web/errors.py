"""Error pages in the reader's language, and JSON for API clients."""

from flask import Flask, current_app, g, jsonify, render_template, request, session
from flask_babel import force_locale, get_locale, lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from werkzeug.exceptions import HTTPException

from convention.errors import ServiceError
from convention.extensions import db, login_manager

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (_l("Page not found"), _l("This page does not exist, or it is not visible to you.")),
    405: (_l("Not allowed"), _l("This address does not accept this kind of request.")),
    413: (_l("File too large"), _l("What you sent is larger than the platform accepts.")),
    409: (
        _l("Already taken"),
        _l(
            "This could not be saved because it clashes with something that already exists, "
            "such as a name already in use. Change it and try again."
        ),
    ),
    422: (_l("Check what you entered"), _l("Some of what you entered could not be accepted.")),
    429: (
        _l("Too many attempts"),
        _l("You tried too many times in a short while. Please wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error occurred on our side. Nothing you had saved was lost. Please try again."),
    ),
    503: (
        _l("Briefly unavailable"),
        _l(
            "We could not confirm your action. If you were voting, the ballot page shows whether "
            "your vote was counted. Please try again in a moment."
        ),
    ),
}
# A value the database refused as too long or out of range, which a form should have caught.
_DATA_MESSAGE = _l(
    "A value you entered is too long or out of range. Shorten it or correct it and try again."
)

# Fields never echoed back, even to their author.
_SECRET_FIELDS = {"csrf_token", "password", "new_password", "confirm", "current_password"}


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    # Unhandled exceptions reach the 500 handler, which Flask logs.
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(IntegrityError, _conflict)
    app.register_error_handler(DataError, _refused_value)
    app.register_error_handler(ServiceError, _service_refused)


def wants_json() -> bool:
    """Tell whether the client asked for JSON rather than a page."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def _render(status: int, message: object = None, **context: object) -> tuple:
    """Answer `status` as a page or as JSON, on a clean database session."""
    _rollback()
    locale = _locale()
    title, default = MESSAGES.get(status, MESSAGES[400])
    message = message or default
    context.setdefault("typed", _typed() if status != 413 else {})
    with force_locale(locale):
        if wants_json():
            return jsonify(error=str(title), message=str(message), status=status), status
        try:
            page = render_template(
                "errors/error.html", status=status, title=title, message=message, **context
            )
        except SQLAlchemyError:
            # The database failed again while the page read the account: a page that reads nothing.
            _rollback()
            g._login_user = login_manager.anonymous_user()
            page = render_template(
                "errors/plain.html", status=status, title=title, message=message, **context
            )
    return page, status


def _locale() -> str:
    """Return the reader's language, without the database when it does not answer."""
    try:
        return str(get_locale())
    except SQLAlchemyError:
        _rollback()
        languages = current_app.config["LANGUAGES"]
        chosen = session.get("locale")
        return str(
            chosen
            if chosen in languages
            else (request.accept_languages.best_match(languages) or languages[0])
        )


def _rollback() -> None:
    """End the failed transaction so that the error page can read the database again."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        current_app.logger.warning("rollback failed before an error page", exc_info=True)


def _typed() -> dict[str, str]:
    """Return what the person typed in the refused form, secrets left out."""
    if request.method != "POST":
        return {}
    return {k: v for k, v in request.form.items() if k not in _SECRET_FIELDS and v.strip()}


def refuse(status: int, message: str) -> tuple:
    """Refuse a request with a page that explains why, in the reader's language."""
    return _render(status, message)


def _http_error(error: HTTPException) -> tuple:
    """Answer an HTTP error in the reader's language, keeping its headers (405's Allow)."""
    body, status = _render(error.code or 500)
    allow = [(k, v) for k, v in error.get_headers() if k == "Allow"]
    return body, status, allow


def _csrf_error(error: CSRFError) -> tuple:
    """Refuse a form without a valid token, but give back what the person typed."""
    return _render(400, csrf=True)


def _database_error(error: DBAPIError) -> tuple:
    """Say that the database did not answer, so that the person knows to check and retry."""
    if not (error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)):
        current_app.logger.error("database error", exc_info=error)
        return _render(500)
    current_app.logger.error("database unavailable: %s", error.orig)
    page, status = _render(503)
    return page, status, {"Retry-After": "5"}


def _conflict(error: IntegrityError) -> tuple:
    """Explain a clash with existing data that no form check caught."""
    current_app.logger.warning("integrity error answered 409: %s", error.orig)
    return _render(409)


def _refused_value(error: DataError) -> tuple:
    """Explain a value the database refused that no form check caught."""
    current_app.logger.warning("data error answered 422: %s", error.orig)
    return _render(422, _DATA_MESSAGE)


def _service_refused(error: ServiceError) -> tuple:
    """Explain a refusal a service raised that its view did not turn into a message."""
    return _render(422, error.message)
