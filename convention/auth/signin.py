"""The Flask side of sessions: cookies name recorded sessions, and devices are remembered."""

import logging

import sqlalchemy as sa
from flask import Flask, Response, current_app, g, request, session
from flask_login import login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.exc import SQLAlchemyError

from convention.auth import sessions
from convention.clock import utcnow
from convention.extensions import db, login_manager
from convention.models import User, UserSession

log = logging.getLogger(__name__)

KNOWN_DEVICE_COOKIE = "known_device"
KNOWN_DEVICE_SALT = "convention.known-device"
KNOWN_ACCOUNTS_KEPT = 5


def init_app(app: Flask) -> None:
    """Load users through their recorded session, and mark the devices they sign in on."""
    login_manager.user_loader(_load_user)
    app.after_request(_remember_device)


def _load_user(token: object) -> User | None:
    """Return the account of the live session a cookie names; anything else is signed out."""
    if not isinstance(token, str):
        return None
    slug = g.get("convention_slug")
    if slug is None:
        row = sessions.find_session(token)
    else:
        # a page inside a convention: access.py takes the convention and membership from here
        found = g.convention_found = sessions.find_session_in(token, slug)
        row = found.session if found is not None else None
    if row is None:
        return None
    if sessions.needs_touch(row):
        _touch(row)
    g.user_session = row
    row.user.session_token = token
    return row.user


def _touch(row: UserSession) -> None:
    """Write the session's last-seen time apart from the request's own transaction."""
    # A GET never commits, and a view's half-done work must not be committed for this.
    try:
        with db.engine.begin() as connection:
            connection.execute(
                sa.update(UserSession).where(UserSession.id == row.id).values(last_seen_at=utcnow())
            )
    except SQLAlchemyError:
        log.warning("could not record when session %s was last seen", row.id, exc_info=True)


def sign_in(user: User, *, remember: bool = False) -> None:
    """Start a recorded session for `user` on this device; the caller commits."""
    user.session_token = sessions.start_session(
        user, remember=remember, user_agent=request.user_agent.string
    )
    login_user(user, remember=remember)
    g.signed_in_user_id = user.id


def sign_out() -> None:
    """End this device's session on the server and forget it in the cookies; the caller commits."""
    token = current_token()
    if token:
        sessions.end_session(token)
    logout_user()


def current_token() -> str | None:
    """Return the session token this request's cookie carries, if any."""
    token = session.get("_user_id")
    return token if isinstance(token, str) else None


def current_session() -> UserSession | None:
    """Return the recorded session this request is signed in with."""
    return g.get("user_session")


def is_known_device(user_id: int) -> bool:
    """Tell whether this device has signed in to account `user_id` before."""
    return user_id in _known_accounts()


def _known_accounts() -> list[int]:
    """Read the accounts this device signed in to, from its signed cookie."""
    value = request.cookies.get(KNOWN_DEVICE_COOKIE)
    if not value:
        return []
    max_age = current_app.config["KNOWN_DEVICE_DAYS"] * 86400
    try:
        ids = _serializer().loads(value, max_age=max_age)
    except BadSignature:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def _remember_device(response: Response) -> Response:
    """After a successful sign-in, mark this device as known to that account."""
    user_id = g.pop("signed_in_user_id", None)
    if user_id is None:
        return response
    kept = [user_id, *(i for i in _known_accounts() if i != user_id)][:KNOWN_ACCOUNTS_KEPT]
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _serializer().dumps(kept),
        max_age=current_app.config["KNOWN_DEVICE_DAYS"] * 86400,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )
    return response


def _serializer() -> URLSafeTimedSerializer:
    """Sign known-device cookies with the app's key and their own salt."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=KNOWN_DEVICE_SALT)
