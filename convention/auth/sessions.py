"""Recorded sign-ins: start one, find the one a cookie names, end one or all; callers commit."""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from convention.auth import tokens
from convention.clock import utcnow
from convention.extensions import db
from convention.models import User, UserSession
from convention.rules.sessions import device_name, session_alive

# Last-seen times are this coarse: a write every few minutes at most, per device.
TOUCH_EVERY = timedelta(minutes=5)
LISTED = 50


def start_session(user: User, *, remember: bool, user_agent: str) -> str:
    """Record a new sign-in of `user` and return the token its cookies will carry."""
    token = tokens.new_token()
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id, _dead()))
    db.session.add(
        UserSession(
            user_id=user.id,
            token_hash=tokens.digest(token),
            device=device_name(user_agent)[:80],
            remember=remember,
        )
    )
    db.session.flush()
    return token


def find_session(token: str) -> UserSession | None:
    """Return the live session a cookie's token names, with its active account, or None."""
    row = db.session.scalar(
        sa.select(UserSession)
        .options(joinedload(UserSession.user))
        .where(UserSession.token_hash == tokens.digest(token))
    )
    if row is None or not is_alive(row) or not row.user.active:
        return None
    return row


def is_alive(row: UserSession) -> bool:
    """Tell whether a session still signs its device in."""
    max_age, idle = _lifetimes()
    return session_alive(
        now=utcnow(),
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        revoked_at=row.revoked_at,
        remember=row.remember,
        max_age=max_age,
        idle=idle,
    )


def needs_touch(row: UserSession) -> bool:
    """Tell whether the session's last-seen time is old enough to be written again."""
    return utcnow() - row.last_seen_at > TOUCH_EVERY


def end_session(token: str) -> None:
    """End the session a token names (signing out on this device)."""
    db.session.execute(
        sa.update(UserSession)
        .where(UserSession.token_hash == tokens.digest(token), UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def end_sessions(user: User, *, keep: str | None = None) -> None:
    """End every session of `user`, except the one whose token is `keep`."""
    query = sa.update(UserSession).where(
        UserSession.user_id == user.id, UserSession.revoked_at.is_(None)
    )
    if keep:
        query = query.where(UserSession.token_hash != tokens.digest(keep))
    db.session.execute(query.values(revoked_at=utcnow()))


def open_sessions(user: User) -> list[UserSession]:
    """List the devices `user` is signed in on, most recently seen first."""
    rows = db.session.scalars(
        sa.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
        .limit(LISTED)
    ).all()
    return [row for row in rows if is_alive(row)]


def _lifetimes() -> tuple[timedelta, timedelta]:
    """Return the configured absolute and idle lifetimes of a session."""
    config = current_app.config
    return timedelta(days=config["SESSION_MAX_DAYS"]), timedelta(hours=config["SESSION_IDLE_HOURS"])


def clear_dead() -> int:
    """Forget every session that can no longer sign anyone in; return how many."""
    result = db.session.execute(sa.delete(UserSession).where(_dead()))
    return result.rowcount  # type: ignore[attr-defined]


def _dead() -> sa.ColumnElement[bool]:
    """Match sessions that can never sign anyone in again, to clear them away."""
    max_age, _idle = _lifetimes()
    return sa.or_(UserSession.revoked_at.is_not(None), UserSession.created_at < utcnow() - max_age)
