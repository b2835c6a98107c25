"""Create notifications, mail them to those who want it, and mark them read; callers commit."""

from collections.abc import Iterable
from typing import Any, cast

import sqlalchemy as sa
from flask import url_for
from flask_babel import force_locale, gettext as _
from sqlalchemy.engine import CursorResult

from convention.extensions import db
from convention.mail import queue_mail
from convention.models import Convention, Notification, NotificationKind, NotificationSetting, User
from convention.models.base import utcnow
from convention.notifications.messages import sentence
from convention.web.i18n import shipped_languages


def notify(
    user_ids: Iterable[int],
    convention: Convention,
    kind: NotificationKind,
    path: str,
    **details: Any,
) -> int:
    """Tell each of `user_ids` about something at `path`; return how many were told."""
    ids = sorted(set(user_ids))
    rows = [
        {
            "user_id": user_id,
            "convention_id": convention.id,
            "kind": kind,
            "path": path,
            "details": details,
            "created_at": utcnow(),
        }
        for user_id in ids
    ]
    if rows:
        db.session.execute(sa.insert(Notification), rows)
        _mail(ids, convention, kind, path, details)
    return len(rows)


def _mail(
    ids: list[int], convention: Convention, kind: NotificationKind, path: str, details: dict
) -> None:
    """Queue an email, in each person's language, to those with an address who did not opt out."""
    recipients = db.session.execute(
        sa.select(User.email, User.locale)
        .outerjoin(NotificationSetting, NotificationSetting.user_id == User.id)
        .where(
            User.id.in_(ids),
            User.email.is_not(None),
            User.active.is_(True),
            sa.or_(NotificationSetting.email.is_(None), NotificationSetting.email.is_(True)),
        )
    ).all()
    root = url_for("conventions.dashboard", _external=True).rstrip("/")
    for email, locale in recipients:
        with force_locale(locale or shipped_languages(convention.languages)[0]):
            subject = _("%(title)s: news", title=convention.title)
            body = _(
                "%(news)s\n\nOpen: %(link)s\n\n"
                "You receive this email as a member of %(title)s. "
                "To stop these emails: %(settings)s\n",
                news=sentence(kind, details),
                link=root + path,
                title=convention.title,
                settings=url_for("notifications.list_notifications", _external=True),
            )
        queue_mail(email, subject, body)


def wants_email(user: User) -> bool:
    """Tell whether `user` gets notifications by email (yes unless they said no)."""
    setting = db.session.get(NotificationSetting, user.id)
    return setting is None or setting.email


def set_email(user: User, email: bool) -> None:
    """Record whether `user` wants notifications by email."""
    setting = db.session.get(NotificationSetting, user.id)
    if setting is None:
        setting = NotificationSetting(user_id=user.id)
        db.session.add(setting)
    setting.email = email
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
