"""Recorded sign-ins: start one, find the one a cookie names, end one or all; callers commit."""

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from convention.auth import tokens
from convention.clock import utcnow
from convention.extensions import db
from convention.models import Convention, Membership, User, UserSession
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
    row = db.session.scalar(_by_token(), {"token_hash": tokens.digest(token)})
    return row if row is not None and _live(row) else None


@dataclass(frozen=True)
class InConvention:
    """A sign-in read with the convention a page names: every page inside one needs both."""

    session: UserSession | None  # None when the session is over
    convention: Convention | None
    membership: Membership | None  # the account's active membership, if live and a member


def find_session_in(token: str, slug: str) -> InConvention | None:
    """Find the session as `find_session` does, with convention `slug` and the account's active
    membership of it, in one round trip; None when no session has this token."""
    found = db.session.execute(
        _in_convention(), {"token_hash": tokens.digest(token), "slug": slug}
    ).first()
    if found is None:
        return None
    row, convention, membership = found
    if not _live(row):
        return InConvention(None, convention, None)
    return InConvention(row, convention, membership)


def _live(row: UserSession) -> bool:
    """Tell whether a recorded session signs its account in: alive, and the account active."""
    return is_alive(row) and row.user.active


@cache
def _by_token() -> sa.Select:
    """The session a token's digest names, with its account: built once, read on every page."""
    return (
        sa.select(UserSession)
        .options(joinedload(UserSession.user))
        .where(UserSession.token_hash == sa.bindparam("token_hash", type_=sa.String))
    )


@cache
def _in_convention() -> sa.Select[UserSession, Convention, Membership]:
    """The session a token's digest names, with a convention and the account's membership."""
    convention = sa.and_(
        Membership.convention_id == Convention.id,
        Membership.user_id == UserSession.user_id,
        Membership.active.is_(True),
    )
    return (
        sa.select(UserSession, Convention, Membership)
        .select_from(UserSession)
        .options(joinedload(UserSession.user))
        .outerjoin(Convention, Convention.slug == sa.bindparam("slug", type_=sa.String))
        .outerjoin(Membership, convention)
        .where(UserSession.token_hash == sa.bindparam("token_hash", type_=sa.String))
    )


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
