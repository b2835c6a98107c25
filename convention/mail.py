"""Outgoing mail: queued in the outbox, logged in development, sent over SMTP by `tick`.

Links and codes that let someone act (join, reset a password) are masked in what the outbox
keeps and in the logs; the full text is kept only until the message is sent.
"""

import logging
import smtplib
import sys
from collections.abc import Sequence
from email.message import EmailMessage

import sqlalchemy as sa
from blinker import Namespace
from flask import current_app

from convention.extensions import db
from convention.models import OutboxMessage
from convention.models.base import utcnow
from convention.rules.sessions import MASK

log = logging.getLogger(__name__)

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
    message = OutboxMessage(recipient=recipient, subject=subject, body=shown)
    message.secret_body = body if shown != body else None
    if not current_app.config.get("MAIL_SERVER"):
        log.info("mail to %s: %s\n%s", recipient, subject, shown)
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


def send_pending() -> int:
    """Deliver every unsent message over SMTP; return how many went out."""
    pending = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).limit(500)
    ).all()
    if not pending:
        return 0
    with _smtp() as smtp:
        for message in pending:
            _deliver(smtp, message)
    return sum(1 for message in pending if message.sent_at)


def _smtp() -> smtplib.SMTP:
    """Open an SMTP connection with the configured settings."""
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30)
    if config["MAIL_USE_TLS"]:
        smtp.starttls()
    if config["MAIL_USERNAME"]:
        smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
    return smtp


def _deliver(smtp: smtplib.SMTP, message: OutboxMessage) -> None:
    """Send one message, recording the failure instead of stopping the batch."""
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(outgoing_body(message))
    try:
        smtp.send_message(email)
    except smtplib.SMTPException as error:
        message.error = str(error)
        return
    mark_sent(message)
