"""Account changes: sign-in checks, joining by invitation, password resets."""

import secrets
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale, gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from convention import audit
from convention.auth import sessions, tokens
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.mail import queue_mail
from convention.models import Invitation, Membership, User
from convention.rules.invitations import InvitationState, normalise_code


class JoinError(ServiceError):
    """Raised when an invitation cannot be accepted as asked."""


class InvitationUnusable(JoinError):
    """Raised when the invitation was used, revoked or expired meanwhile."""


@dataclass(frozen=True)
class NewAccount:
    """What an invitee chose when creating their account."""

    display_name: str
    password: str
    username: str | None = None


def find_user(login: str) -> User | None:
    """Find an account by email or username, whatever the case typed."""
    login = login.strip().lower()
    return db.session.scalar(
        sa.select(User).where(sa.or_(User.email == login, User.username == login))
    )


def authenticate(login: str, password: str) -> User | None:
    """Return the active account matching `login` and `password`, or None."""
    user = find_user(login)
    # An unknown login costs the same hash as a known one: timing must not reveal accounts.
    stored = user.password_hash if user else _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"])
    matches = check_password_hash(stored, password)
    if user is None or not matches or not user.active:
        return None
    return user


@cache
def _dummy_hash(method: str) -> str:
    """Hash a random password once per method, to check unknown logins against."""
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def set_password(user: User, password: str) -> None:
    """Hash and store a new password with the configured method."""
    user.set_password(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def invitation_by_token(token: str) -> Invitation | None:
    """Find the invitation a link points to."""
    return db.session.scalar(
        sa.select(Invitation).where(Invitation.token_hash == tokens.digest(token))
    )


def invitation_by_code(typed: str) -> Invitation | None:
    """Find the invitation whose printed code was typed."""
    code = normalise_code(typed)
    if not code:
        return None
    return db.session.scalar(
        sa.select(Invitation).where(Invitation.code_hash == tokens.digest(code))
    )


def invited_account(invitation: Invitation) -> User | None:
    """Return the existing account the invitation's email belongs to, if any."""
    if not invitation.email:
        return None
    return db.session.scalar(sa.select(User).where(User.email == invitation.email))


def accept_invitation(
    invitation: Invitation, user: User | None, pseudonym: str, account: NewAccount | None = None
) -> Membership:
    """Use the invitation once: create the account if needed and the membership."""
    # Lock the row so that two simultaneous acceptances cannot both see it pending.
    db.session.refresh(invitation, with_for_update=True)
    if invitation.state() is not InvitationState.PENDING:
        raise InvitationUnusable(_("This invitation can no longer be used."))
    if user is None:
        user = _create_account(invitation, account)
    membership = _membership_for(invitation, user, pseudonym)
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    audit.record(
        user,
        "invitation.accepted",
        invitation,
        convention=invitation.convention,
        role=invitation.role.value,
    )
    return membership


def _create_account(invitation: Invitation, account: NewAccount | None) -> User:
    """Create the invitee's account from what they chose."""
    if account is None:
        raise JoinError(_("Choose a name and a password."))
    username = account.username.lower() if account.username else None
    if username and find_user(username):
        raise JoinError(_("This username is taken: choose another."))
    user = User(email=invitation.email, username=username, display_name=account.display_name)
    set_password(user, account.password)
    db.session.add(user)
    db.session.flush()
    return user


def _membership_for(invitation: Invitation, user: User, pseudonym: str) -> Membership:
    """Create the membership, or renew a former one with the invited role."""
    membership = db.session.scalar(
        sa.select(Membership).where(
            Membership.user_id == user.id, Membership.convention_id == invitation.convention_id
        )
    )
    if membership is None:
        membership = Membership(user_id=user.id, convention_id=invitation.convention_id)
        db.session.add(membership)
    membership.role = invitation.role
    membership.pseudonym = pseudonym
    membership.active = True
    membership.charter_accepted_at = utcnow()
    db.session.flush()
    return membership


def request_password_reset(email: str) -> None:
    """Email a reset link when an active account has this address; say nothing otherwise."""
    user = db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.active:
        return
    token = tokens.make_reset_token(user.id, user.password_hash)
    link = url_for("auth.reset_password", token=token, _external=True)
    with force_locale(user.locale or "en"):
        subject = _("Reset your password")
        body = _(
            "Someone asked to reset the password of your account. If it was you, open this "
            "link within an hour to choose a new password:\n\n%(link)s\n\n"
            "If it was not you, ignore this message: your password stays as it is.",
            link=link,
        )
    queue_mail(user.email, subject, body, hidden=[token])


def user_for_reset(token: str) -> User | None:
    """Return the account a reset token is for, while the token is valid and unused."""
    found = tokens.read_reset_token(token)
    if found is None:
        return None
    user = db.session.get(User, found[0])
    if user is None or not user.active:
        return None
    if tokens.digest(user.password_hash)[:16] != found[1]:
        return None
    return user


def reset_password(user: User, password: str) -> None:
    """Set a new password from a reset link; the link and every session stop working with it."""
    set_password(user, password)
    sessions.end_sessions(user)
    audit.record(user, "account.password_reset", user)


def change_password(user: User, password: str, *, keep_session: str | None) -> None:
    """Set a new password; every other session of the account ends."""
    set_password(user, password)
    sessions.end_sessions(user, keep=keep_session)
    audit.record(user, "account.password_changed", user)


def sign_out_everywhere(user: User) -> None:
    """End every session of `user`, on every device."""
    sessions.end_sessions(user)
    audit.record(user, "account.signed_out_everywhere", user)
