"""Create notifications, mail them as each person chose, and mark them read; callers commit."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale, gettext as _
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import joinedload

from convention.clock import utcnow
from convention.extensions import db
from convention.mail import queue_mail
from convention.models import (
    Convention,
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
    User,
)
from convention.notifications.messages import sentence
from convention.web.i18n import shipped_languages

# A digest goes out once the oldest news waiting in it is this old.
DIGEST_EVERY = timedelta(days=1)


def notify(
    user_ids: Iterable[int],
    convention: Convention,
    kind: NotificationKind,
    path: str,
    **details: Any,
) -> int:
    """Tell each of `user_ids` about something at `path`; return how many were told."""
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    chosen = deliveries(ids, kind)
    rows = [
        {
            "user_id": user_id,
            "convention_id": convention.id,
            "kind": kind,
            "path": path,
            "details": details,
            "created_at": utcnow(),
            "in_digest": chosen[user_id] is Delivery.DIGEST,
        }
        for user_id in ids
    ]
    db.session.execute(sa.insert(Notification), rows)
    now = [user_id for user_id in ids if chosen[user_id] is Delivery.IMMEDIATE]
    for _user_id, email, locale in _addresses(now):
        with force_locale(locale or shipped_languages(convention.languages)[0]):
            subject = _("%(title)s: news", title=convention.title)
            body = _(
                "%(news)s\n\nOpen: %(link)s\n\n"
                "You receive this email as a member of %(title)s. "
                "To choose which emails you get: %(settings)s\n",
                news=sentence(kind, details),
                link=_root() + path,
                title=convention.title,
                settings=url_for("notifications.list_notifications", _external=True),
            )
        queue_mail(email, subject, body)
    return len(rows)


def deliveries(user_ids: list[int], kind: NotificationKind) -> dict[int, Delivery]:
    """How each person wants to hear of `kind` by email: at once unless they chose otherwise."""
    chosen = dict(
        db.session.execute(
            sa.select(NotificationPreference.user_id, NotificationPreference.delivery).where(
                NotificationPreference.user_id.in_(user_ids), NotificationPreference.kind == kind
            )
        ).all()
    )
    return {user_id: chosen.get(user_id, Delivery.IMMEDIATE) for user_id in user_ids}


def _addresses(user_ids: list[int]) -> list[tuple[int, str, str | None]]:
    """The id, email address and language of each reachable person among `user_ids`."""
    if not user_ids:
        return []
    rows = db.session.execute(
        sa.select(User.id, User.email, User.locale).where(
            User.id.in_(user_ids), User.email.is_not(None), User.active.is_(True)
        )
    ).all()
    # the query keeps only accounts with an address
    return [(user_id, cast(str, email), locale) for user_id, email, locale in rows]


def _root() -> str:
    """The platform's external address, without the trailing slash."""
    return url_for("conventions.dashboard", _external=True).rstrip("/")


def preferences(user: User) -> dict[NotificationKind, Delivery]:
    """The person's email choice for every kind of notification, immediate unless changed."""
    stored = dict(
        db.session.execute(
            sa.select(NotificationPreference.kind, NotificationPreference.delivery).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    return {kind: stored.get(kind, Delivery.IMMEDIATE) for kind in NotificationKind}


def set_preferences(user: User, chosen: dict[NotificationKind, Delivery]) -> None:
    """Record how the person wants to be emailed about each kind of notification."""
    stored = {
        row.kind: row
        for row in db.session.scalars(
            sa.select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    for kind, delivery in chosen.items():
        row = stored.get(kind)
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, delivery=delivery))
        else:
            row.delivery = delivery
    db.session.flush()


def send_digests(now: datetime | None = None) -> int:
    """Queue one email per person whose oldest waiting news is a day old; return how many."""
    now = now or utcnow()
    due = (
        sa.select(Notification.user_id)
        .where(Notification.in_digest.is_(True))
        .group_by(Notification.user_id)
        .having(sa.func.min(Notification.created_at) <= now - DIGEST_EVERY)
    )
    waiting = db.session.scalars(
        sa.select(Notification)
        .options(joinedload(Notification.convention))
        .where(Notification.in_digest.is_(True), Notification.user_id.in_(due))
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    ).all()
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_user[notification.user_id].append(notification)
    addresses = {user_id: (email, locale) for user_id, email, locale in _addresses(list(by_user))}
    for user_id, news in by_user.items():
        if user_id in addresses:
            _digest(*addresses[user_id], news)
        for notification in news:
            notification.in_digest = False
    db.session.flush()
    return sum(1 for user_id in by_user if user_id in addresses)


def _digest(email: str, locale: str | None, news: list[Notification]) -> None:
    """Queue the digest of `news` in the reader's language."""
    with force_locale(locale or shipped_languages(news[0].convention.languages)[0]):
        lines = [f"- {sentence(n.kind, n.details)}\n  {_root()}{n.path}" for n in news]
        subject = _("Your daily news from the citizen convention")
        body = _(
            "%(news)s\n\nTo choose which emails you get: %(settings)s\n",
            news="\n".join(lines),
            settings=url_for("notifications.list_notifications", _external=True),
        )
    queue_mail(email, subject, body)


def mark_read(notification: Notification) -> None:
    """Mark one notification read, once."""
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Mark every unread notification of `user` read; return how many."""
    result = cast(
        CursorResult,
        db.session.execute(
            sa.update(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        ),
    )
    return result.rowcount or 0
