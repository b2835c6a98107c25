"""Erasure on request and consent to be named: the person's privacy choices, audited."""

import secrets

import sqlalchemy as sa
from flask import current_app

from convention import audit
from convention.clock import utcnow
from convention.extensions import db
from convention.models import (
    Invitation,
    MemberAttributes,
    Membership,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboxMessage,
    User,
    UserSession,
)


def erase_account(user: User) -> None:
    """Anonymise the account: contributions stay, under "former member", and nothing names them.

    Kept, as the charter says: what they wrote and voted in roll calls (the convention's record),
    their attendance and participation (its figures), under an account that names nobody.
    """
    memberships = db.session.scalars(sa.select(Membership).where(Membership.user_id == user.id))
    for membership in memberships:
        _scrub_replies(membership)
        membership.pseudonym = ""
        membership.active = False
        membership.name_consent_at = None
        db.session.execute(
            sa.delete(MemberAttributes).where(MemberAttributes.membership_id == membership.id)
        )
    if user.email:
        db.session.execute(sa.delete(OutboxMessage).where(OutboxMessage.recipient == user.email))
    db.session.execute(
        sa.update(Invitation)
        .where(Invitation.accepted_by_id == user.id)
        .values(email=None, name="")
    )
    for model in (UserSession, Notification, NotificationPreference):
        db.session.execute(sa.delete(model).where(model.user_id == user.id))
    audit.erase_actor(user)
    user.email, user.username, user.display_name = None, f"erased-{user.id}", ""
    user.locale, user.is_admin, user.active = None, False, False
    user.set_password(secrets.token_urlsafe(32), current_app.config["PASSWORD_HASH_METHOD"])
    user.erased_at = utcnow()
    audit.record(None, "account.erased", user)
    db.session.flush()


def _scrub_replies(membership: Membership) -> None:
    """Take the member's name out of the reply notices others received."""
    notices = db.session.scalars(
        sa.select(Notification).where(
            Notification.convention_id == membership.convention_id,
            Notification.kind == NotificationKind.REPLY,
        )
    )
    for notice in notices:
        if notice.details.get("pseudonym") == membership.stored_pseudonym:
            notice.details = notice.details | {"pseudonym": ""}


def set_name_consent(membership: Membership, consent: bool) -> None:
    """Record whether the member agrees that their name be published with the outcome."""
    if consent == (membership.name_consent_at is not None):
        return
    membership.name_consent_at = utcnow() if consent else None
    action = "membership.name_consent_given" if consent else "membership.name_consent_withdrawn"
    audit.record(membership.user, action, membership, convention=membership.convention)
    db.session.flush()
