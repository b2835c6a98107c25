"""One unit of work per request: a request that changes state commits once, here, or not at all.

Views and services only flush. A POST (PUT, PATCH, DELETE) that succeeds is committed before its
response leaves; if the commit fails, the response is replaced by the error page and its success
messages are dropped, so no "saved" page or receipt ever shows for work that was not saved. A
request answered with an error is rolled back. GET requests are never committed: the ballot settle
step and the session's last-seen time commit themselves, on purpose, apart from the request.
"""

from collections.abc import Callable

from flask import Flask, current_app, g, request, session
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from convention.extensions import db

READING = frozenset({"GET", "HEAD", "OPTIONS"})


def init_app(app: Flask) -> None:
    """Register the commit; registered last, so it runs before the other response hooks."""
    app.after_request(_end_unit_of_work)


def read_without_transaction(app: Flask) -> None:
    """Let reads on PostgreSQL skip BEGIN and ROLLBACK: two round trips of every page's few.

    Registered before anything loads (after the kept public pages, which need no database): each
    statement of a GET then stands alone, as READ COMMITTED would see it anyway; the settle step
    opens a real transaction for its writes.
    """

    def autocommit(endpoint: str | None, values: dict | None) -> None:
        if request.method not in READING or endpoint in (None, "static"):
            return
        if db.engine.dialect.name != "postgresql" or db.session().in_transaction():
            return
        try:
            db.session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            g.reading_autocommit = True
        except Exception:  # noqa: BLE001 - a dead connection: the page's first query reports it
            db.session.rollback()

    def end_reading(error: BaseException | None) -> None:
        # Hand the connection back, back in transactions, should the session outlive the request.
        if g.pop("reading_autocommit", False):
            db.session.commit()

    app.url_value_preprocessor(autocommit)
    app.teardown_request(end_reading)


def after_commit(action: Callable[[], object]) -> None:
    """Run `action` once the request's work is committed (removing files it no longer needs)."""
    g.setdefault("after_commit", []).append(action)


def _end_unit_of_work(response: Response) -> Response:
    """Commit a successful change, roll back anything else."""
    if request.method in READING:
        return response
    if response.status_code >= 400:
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        session.pop("_flashes", None)
        return current_app.make_response(current_app.handle_user_exception(error))
    for action in g.pop("after_commit", []):
        action()
    return response
