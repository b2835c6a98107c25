"""Each convention's content version: bumped in the transaction of every change kept pages show.

Kept page fragments (`web/fragments.py`) are keyed by the version their reader loaded with the
convention, so a committed change is seen by the next reader on every app server. The bump is
written just before the commit, after the changed rows: a transaction holds the convention's row
lock only for its last instant, so writers queue there briefly and never deadlock on it.
"""

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import ORMExecuteState, Session

from convention.models import (
    Briefing,
    BriefingFile,
    Comment,
    Convention,
    Hearing,
    InformationRequest,
    Membership,
)

# What kept fragments may show, and nothing else: members' names, contributions, materials.
TRACKED = (Comment, Membership, Briefing, BriefingFile, Hearing, InformationRequest)
# An UPDATE or DELETE statement names no convention: every convention's version moves.
ALL = "all"
# A statement that writes a tracked row without changing it (a lock taken by a no-op write).
UNCHANGED = "content_unchanged"


def init_app(session: Any) -> None:
    """Listen to the ORM sessions `session` makes, once however many apps share it."""
    if sa.event.contains(session, "before_commit", _bump):
        return
    sa.event.listen(session, "after_flush", _note_flushed)
    sa.event.listen(session, "do_orm_execute", _note_statement)
    sa.event.listen(session, "before_commit", _bump)
    sa.event.listen(session, "after_transaction_end", _forget)


def _changed(session: Session) -> set:
    """The conventions this transaction changed (a savepoint rolled back only costs a bump)."""
    return session.info.setdefault("changed_conventions", set())


def _note_flushed(session: Session, context: Any) -> None:
    """Note the convention of every tracked row this flush writes."""
    dirty = (obj for obj in session.dirty if session.is_modified(obj, include_collections=False))
    for obj in (*session.new, *dirty, *session.deleted):
        if isinstance(obj, TRACKED):
            # read without loading: a deleted row cannot be loaded, and an unknown one moves all
            _changed(session).add(vars(obj).get("convention_id") or ALL)


def _note_statement(state: ORMExecuteState) -> None:
    """Note an UPDATE or DELETE statement on tracked rows, which may touch any convention."""
    if not (state.is_update or state.is_delete) or state.execution_options.get(UNCHANGED):
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, TRACKED):
        _changed(state.session).add(ALL)


def _bump(session: Session) -> None:
    """Write the changed conventions' new versions, after the transaction's last flush."""
    session.flush()
    changed = session.info.pop("changed_conventions", set())
    if not changed:
        return
    statement = sa.update(Convention).values(content_version=Convention.content_version + 1)
    if ALL not in changed:
        statement = statement.where(Convention.id.in_(sorted(changed)))
    # on the connection, not the session: the ORM neither sees it nor syncs loaded conventions
    session.connection().execute(statement)


def _forget(session: Session, transaction: Any) -> None:
    """Drop what an outermost transaction noted once it ends, committed or rolled back."""
    if transaction.parent is None:
        session.info.pop("changed_conventions", None)
