"""The job queue (Huey): long work runs in a consumer, beside or away from the web servers.

Storage follows `HUEY_URL`: a SQLite file in the instance folder by default (`make run` needs no
other service), `redis://...` or `postgresql://...` in production, `memory://` in tests. Jobs are
sent only once the transaction that asked for them commits, so a consumer never reads a row that
is not there yet, and work rolled back never runs.
"""

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from huey import Huey
from huey.api import TaskWrapper
from huey.storage import MemoryStorage, PostgresStorage, RedisStorage, SqliteStorage
from sqlalchemy.orm import Session

from convention.config import PROJECT_ROOT
from convention.extensions import db

log = logging.getLogger(__name__)
huey = Huey("convention", results=False, storage_class=MemoryStorage)
_bound: dict[str, Flask] = {}


def init_app(app: Flask) -> None:
    """Point the queue at the configured storage and remember the app the consumer runs jobs in."""
    storage, options = storage_for(app.config["HUEY_URL"])
    if storage is SqliteStorage:  # a fresh clone has no instance folder yet
        Path(options["filename"]).parent.mkdir(parents=True, exist_ok=True)
    huey.storage_class, huey.storage_kwargs = storage, options
    huey.immediate = app.config["HUEY_IMMEDIATE"]
    huey.storage = huey.create_storage()
    _bound["app"] = app
    from convention.jobs import tasks  # noqa: F401 (registers the jobs with the queue)


def storage_for(url: str | None) -> tuple[type, dict[str, Any]]:
    """Choose Huey's storage class and its options from a URL."""
    if not url:
        return SqliteStorage, {"filename": str(PROJECT_ROOT / "instance" / "huey.db")}
    if url == "memory://":
        return MemoryStorage, {}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStorage, {"url": url}
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresStorage, {"dsn": url}
    if url.startswith("sqlite:///"):
        return SqliteStorage, {"filename": url.removeprefix("sqlite:///")}
    raise ValueError(f"HUEY_URL {url!r}: use redis://, postgresql://, sqlite:/// or memory://")


def job(**settings: Any) -> Callable[[Callable[..., Any]], TaskWrapper]:
    """Make `function` a job: run in its own app context, committed on success, rolled back else."""

    def decorate(function: Callable[..., Any]) -> TaskWrapper:
        @functools.wraps(function)
        def in_app(*args: Any, **kwargs: Any) -> Any:
            # In a consumer or run at once (tests), the job gets its own context and session.
            app = current_app._get_current_object() if has_app_context() else _bound["app"]  # type: ignore[attr-defined]
            with app.app_context(), app.test_request_context(base_url=app.config["PUBLIC_URL"]):
                try:
                    outcome = function(*args, **kwargs)
                    db.session.commit()
                except BaseException:
                    db.session.rollback()
                    raise
                return outcome

        return huey.task(**settings)(in_app)

    return decorate


def enqueue(task: TaskWrapper, *args: Any) -> None:
    """Send `task(*args)` to the queue once the current transaction commits."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback, even of nothing else, drops the job
    session.info.setdefault("jobs", []).append((task, args))


@sa.event.listens_for(Session, "after_commit")
def _send_jobs(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint: the work is not committed yet
        return
    for task, args in session.info.pop("jobs", []):
        try:
            task(*args)
        except Exception:  # the work is saved: `tick` sends its job again (convention.jobs.lost)
            log.exception("could not queue the job %s%r", task.name, args)


@sa.event.listens_for(Session, "after_soft_rollback")
def _drop_jobs(session: Session, previous: Any) -> None:
    if previous.parent is None:
        session.info.pop("jobs", None)
