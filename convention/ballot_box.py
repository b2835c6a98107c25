"""The anonymous box shared by secret ballots and surveys: lock its owner's row, rewrite its rows
in a random order with new keys at settling, then destroy the old row versions."""

import re
import secrets
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db

_RANDOM = secrets.SystemRandom()
_KEPT = re.compile(r"\b[1-9][0-9]* dead row versions cannot be removed yet")


def lock_row(row: Any, mode: str = "update") -> None:
    """Lock a row of its table ("share" lets holders run side by side) and reload it."""
    model = type(row)
    db.session.flush()
    if db.engine.dialect.name == "sqlite":
        # SQLite serialises writers: a no-op write takes the write lock for this transaction.
        db.session.execute(
            sa.update(model)
            .where(model.id == row.id)
            .values(id=model.id)
            .execution_options(synchronize_session=False)
        )
    else:
        select = sa.select(model.id).where(model.id == row.id)
        db.session.execute(select.with_for_update(read=mode == "share"))
    db.session.refresh(row)


def rewrite_shuffled(
    model: Any,
    where: sa.ColumnElement[bool],
    columns: Sequence[Any],
    fixed: dict[str, Any],
    *,
    key: str | None = "key",
) -> None:
    """Delete the rows `where` selects and write them back in a random order with new keys."""
    db.session.flush()
    rows = [dict(row._mapping) for row in db.session.execute(sa.select(*columns).where(where))]
    _RANDOM.shuffle(rows)
    db.session.execute(sa.delete(model).where(where).execution_options(synchronize_session=False))
    # Written in one transaction, in random order: one xmin, no physical or key order left.
    fresh = [{**row, **fixed, **({key: secrets.token_hex(16)} if key else {})} for row in rows]
    if fresh:
        db.session.execute(sa.insert(model), fresh)


def purge(pending: sa.Select, owner: Any, tables: Sequence[str]) -> int:
    """Destroy the old row versions of the `tables` of the settled owners `pending` selects,
    then mark those owners purged; return how many were done."""
    ids = list(db.session.scalars(pending))
    db.session.commit()
    if not ids or not _destroy_old_rows(tables):
        return 0
    db.session.execute(sa.update(owner).where(owner.id.in_(ids)).values(purged_at=utcnow()))
    db.session.commit()
    return len(ids)


def _destroy_old_rows(tables: Sequence[str]) -> bool:
    """Rewrite the tables so deleted rows leave no bytes; False to retry later."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.dialect.name == "sqlite":
            # secure_delete (set on every connection) zeroes freed cells; VACUUM rebuilds the
            # file; the checkpoint copies it back and empties the -wal, which held old pages.
            conn.exec_driver_sql("VACUUM")
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
            return busy is not None and busy[0] == 0
        # A plain VACUUM leaves dead tuples readable in heap and index pages; FULL rewrites both.
        conn.exec_driver_sql("SET lock_timeout = '5s'")
        notices: list[str] = []
        driver: Any = conn.connection.driver_connection

        def keep(notice) -> None:
            notices.append(notice.message_detail or "")

        driver.add_notice_handler(keep)
        try:
            conn.exec_driver_sql(f"VACUUM (FULL, VERBOSE) {', '.join(tables)}")
        except sa.exc.OperationalError:
            return False
        finally:
            driver.remove_notice_handler(keep)
        # Rows deleted while an older transaction still runs are kept: try again next tick.
        return not any(_KEPT.search(detail) for detail in notices)
