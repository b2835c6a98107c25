"""The sentences notifications are told in, translated when read or mailed."""

from flask_babel import lazy_gettext as _l

from convention.models import Notification, NotificationKind
from convention.models.users import former_member
from convention.rules.phases import Phase
from convention.web import names

SENTENCES = {
    NotificationKind.REPLY: _l("%(pseudonym)s answered your contribution on “%(topic)s”."),
    NotificationKind.ANSWER: _l("Your question on “%(topic)s” has an answer."),
    NotificationKind.HIDDEN: _l("A facilitator hid one of your contributions: %(reason)s"),
    NotificationKind.RESTORED: _l("A facilitator showed your contribution again."),
    NotificationKind.SESSION: _l("A new session is scheduled: %(title)s."),
    NotificationKind.QUESTION: _l("A new question awaits an answer on “%(topic)s”."),
    NotificationKind.COUNCIL: _l("The municipal council answered “%(title)s”."),
    NotificationKind.BALLOT: _l("A ballot is open: “%(title)s”."),
    NotificationKind.REPORT: _l("The report to the council is published (version %(number)s)."),
    NotificationKind.AMENDMENT: _l("An amendment was proposed to “%(title)s”."),
    NotificationKind.AMENDMENT_DECIDED: _l("Your amendment to “%(title)s” was %(outcome)s."),
    NotificationKind.UPDATE: _l("The council posted an implementation update on “%(title)s”."),
    NotificationKind.PHASE: _l("The convention moved to a new phase: %(phase)s."),
    NotificationKind.FLAG: _l("A contribution on “%(topic)s” was reported: moderation awaits."),
}
OUTCOMES = {"accepted": _l("accepted"), "rejected": _l("rejected")}
_BLANKS = {"pseudonym": "", "topic": "", "reason": "", "title": "", "number": ""}


def sentence(kind: NotificationKind, details: dict) -> str:
    """Say what a notification is about, in the current language."""
    values = _BLANKS | details
    # An erased member's name was taken out of the notices others received.
    values["pseudonym"] = values["pseudonym"] or former_member()
    # Stored as codes, told in the reader's words.
    if "phase" in values:
        values["phase"] = names.PHASE_NAMES[Phase(values["phase"])]
    if "outcome" in values:
        values["outcome"] = OUTCOMES[values["outcome"]]
    return str(SENTENCES[kind]) % values


def describe(notification: Notification) -> str:
    """Say what a stored notification is about, in the reader's language."""
    return sentence(notification.kind, notification.details)
