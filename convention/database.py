"""Database connection settings that the ORM cannot express."""

from time import monotonic
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError


def configure_sqlite(engine: Engine) -> None:
    """Give SQLite connections WAL, a busy timeout, enforced foreign keys and secure delete."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, record: Any) -> None:
        cursor = connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "busy_timeout=5000",
            "foreign_keys=ON",
            # Deleted rows (a secret box before its shuffle) are zeroed, not left in free space.
            "secure_delete=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()


def ping_idle_connections(engine: Engine, idle_seconds: float) -> None:
    """Check a pooled connection that sat idle before handing it out, and replace it if dead."""
    # A restarted server or a firewall drops idle connections; busy ones need no round trip more.

    @event.listens_for(engine, "checkin")
    def _idle_from(connection: Any, record: Any) -> None:
        record.info["idle_since"] = monotonic()

    @event.listens_for(engine, "checkout")
    def _check(connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or monotonic() - since < idle_seconds:
            return
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            connection.rollback()
        except Exception as error:  # whatever the driver raises, the pool opens a new one
            raise DisconnectionError from error


def ours(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Tell migrations which tables are the app's: the job queue's, if it shares the database,
    are Huey's to make."""
    return not (type_ == "table" and name is not None and name.startswith("huey_"))
