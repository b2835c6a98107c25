"""The sentences notifications are told in, translated when read or mailed."""

from flask_babel import lazy_gettext as _l

from convention.models import Notification, NotificationKind
from convention.models.users import former_member

SENTENCES = {
    NotificationKind.REPLY: _l("%(pseudonym)s answered your contribution on “%(topic)s”."),
    NotificationKind.ANSWER: _l("Your question on “%(topic)s” has an answer."),
    NotificationKind.HIDDEN: _l("A facilitator hid one of your contributions: %(reason)s"),
    NotificationKind.RESTORED: _l("A facilitator showed your contribution again."),
    NotificationKind.SESSION: _l("A new session is scheduled: %(title)s."),
    NotificationKind.QUESTION: _l("A new question awaits an answer on “%(topic)s”."),
    NotificationKind.COUNCIL: _l("The municipal council answered “%(title)s”."),
}
_BLANKS = {"pseudonym": "", "topic": "", "reason": "", "title": ""}


def sentence(kind: NotificationKind, details: dict) -> str:
    """Say what a notification is about, in the current language."""
    values = _BLANKS | details
    # An erased member's name was taken out of the notices others received.
    values["pseudonym"] = values["pseudonym"] or former_member()
    return str(SENTENCES[kind]) % values


def describe(notification: Notification) -> str:
    """Say what a stored notification is about, in the reader's language."""
    return sentence(notification.kind, notification.details)
