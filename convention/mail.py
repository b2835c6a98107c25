"""Outgoing mail: queued in the outbox, logged in development, sent over SMTP by a job.

Links and codes that let someone act (join, reset a password) are masked in what the outbox
keeps and in the logs; the full text is kept only until the message is sent.
"""

import logging
import smtplib
import sys
from collections.abc import Sequence
from datetime import timedelta
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr

import sqlalchemy as sa
from blinker import Namespace
from flask import current_app

from convention.clock import utcnow
from convention.extensions import db
from convention.models import OutboxMessage
from convention.rules.sessions import MASK

log = logging.getLogger(__name__)
# A claimed message still unmarked after this long was being sent when its run crashed.
CLAIM_TIMEOUT = timedelta(minutes=15)

# Sent with the full text of each message as it leaves: tests listen to read their mail.
message_sent = Namespace().signal("message-sent")


def queue_mail(
    recipient: str, subject: str, body: str, *, hidden: Sequence[str] = ()
) -> OutboxMessage:
    """Put a message in the outbox, with the `hidden` secrets masked in what stays readable.

    Without SMTP settings it counts as sent at once; in development, one carrying a link or a
    code is printed once to the terminal.
    """
    shown = _mask(body, hidden)
    message = OutboxMessage(recipient=recipient, subject=one_line(subject)[:200], body=shown)
    message.secret_body = body if shown != body else None
    if not current_app.config.get("MAIL_SERVER"):
        log.info("mail to %s: %s\n%s", recipient, message.subject, shown)
        if current_app.config.get("MAIL_PRINT") and message.secret_body:
            # The terminal of `make run`, never a log: the link is shown once, then gone.
            print(f"--- mail to {recipient}: {subject}\n{body}\n---", file=sys.stderr)
        mark_sent(message)
    db.session.add(message)
    return message


def _mask(body: str, hidden: Sequence[str]) -> str:
    """Replace every secret in `body` by a mask."""
    for secret in hidden:
        if secret:
            body = body.replace(secret, MASK)
    return body


def outgoing_body(message: OutboxMessage) -> str:
    """Return the text to send: the full one while the message waits."""
    return message.secret_body or message.body


def mark_sent(message: OutboxMessage) -> None:
    """Record that the message left, and erase the only copy of its secrets."""
    message_sent.send(
        current_app._get_current_object(),  # type: ignore[attr-defined]
        recipient=message.recipient,
        subject=message.subject,
        body=outgoing_body(message),
    )
    message.sent_at = utcnow()
    message.secret_body = None


def one_line(text: str) -> str:
    """Join the lines of a header value with spaces: a line break must never start a header."""
    return " ".join(text.splitlines()).strip()


def send_pending() -> tuple[int, int]:
    """Deliver each unsent message on its own; return how many went out and how many failed.

    Run by the `send_mail` job, which `tick` queues; an unreachable server raises, to retry later.

    A message is claimed in its own committed transaction before it is sent, then marked sent or
    failed. A crash between sending and marking leaves it claimed: it is reported as failed
    ("interrupted") at the next run, never sent again. Two runs at once never claim the same one.
    """
    _fail_interrupted()
    pending = db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.claimed_at.is_(None))
        .order_by(OutboxMessage.id)
        .limit(500)
    ).all()
    db.session.commit()
    if not pending:
        return 0, 0
    try:
        smtp = _smtp()
    except (smtplib.SMTPException, OSError) as error:
        log.warning("mail server unreachable, nothing sent: %s", error)
        raise  # the job is tried again later; nothing was claimed
    outcomes: list[bool | None] = []
    with smtp:
        for message_id in pending:
            try:
                outcomes.append(_send_one(smtp, message_id))
            except (smtplib.SMTPServerDisconnected, OSError):
                outcomes.append(False)
                break  # the others wait for the next run, on a new connection
    return outcomes.count(True), outcomes.count(False)


def _fail_interrupted() -> None:
    """Mark as failed the messages a crashed run claimed and never marked."""
    db.session.execute(
        sa.update(OutboxMessage)
        .where(
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.failed_at.is_(None),
            OutboxMessage.claimed_at < utcnow() - CLAIM_TIMEOUT,
        )
        .values(failed_at=utcnow(), error="Interrupted while sending: it may not have arrived.")
    )
    db.session.commit()


def _claim(message_id: int) -> OutboxMessage | None:
    """Claim a message for this run and commit the claim; None if another run took it."""
    claimed = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claimed_at.is_(None))
        .values(claimed_at=utcnow())
    )
    db.session.commit()
    return db.session.get(OutboxMessage, message_id) if claimed.rowcount == 1 else None  # type: ignore[attr-defined]


def _send_one(smtp: smtplib.SMTP, message_id: int) -> bool | None:
    """Send one claimed message and record the outcome; None when it was not ours to send."""
    message = _claim(message_id)
    if message is None:
        return None
    try:
        smtp.send_message(build_email(message))
    except smtplib.SMTPServerDisconnected:
        _mark(message, error="The connection to the mail server broke while sending.")
        raise
    # SMTPException is an OSError: a refusal of this message is told apart from a broken link.
    except (smtplib.SMTPException, MessageError, ValueError, TypeError) as error:
        _mark(message, error=f"{type(error).__name__}: {error}"[:2000])
        return False
    except OSError:
        _mark(message, error="The connection to the mail server broke while sending.")
        raise
    _mark(message)
    return True


def _mark(message: OutboxMessage, error: str | None = None) -> None:
    """Record a message's outcome in its own transaction."""
    if error is None:
        mark_sent(message)
    else:
        # A failed message is final (never retried): its secrets go with it.
        message.failed_at, message.error, message.secret_body = utcnow(), error, None
    db.session.commit()


def build_email(message: OutboxMessage) -> EmailMessage:
    """Build the email with headers from the standard library, each on one line."""
    config = current_app.config
    email = EmailMessage()
    name, address = parseaddr(one_line(config["MAIL_SENDER"]))
    email["From"] = Address(display_name=name, addr_spec=address)
    email["To"] = Address(addr_spec=one_line(message.recipient))
    email["Subject"] = one_line(message.subject)
    email.set_content(outgoing_body(message))
    return email


def _smtp() -> smtplib.SMTP:
    """Open an SMTP connection with the configured settings."""
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp
