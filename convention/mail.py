"""Outgoing mail: queued in the outbox, logged in development, sent over SMTP by `tick`."""

import logging
import smtplib
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app

from convention.extensions import db
from convention.models import OutboxMessage
from convention.models.base import utcnow

log = logging.getLogger(__name__)


def queue_mail(recipient: str, subject: str, body: str) -> OutboxMessage:
    """Put a message in the outbox; without SMTP settings it is logged and counts as sent."""
    message = OutboxMessage(recipient=recipient, subject=subject, body=body)
    if not current_app.config.get("MAIL_SERVER"):
        log.info("mail to %s: %s\n%s", recipient, subject, body)
        message.sent_at = utcnow()
    db.session.add(message)
    return message


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
    email.set_content(message.body)
    try:
        smtp.send_message(email)
    except smtplib.SMTPException as error:
        message.error = str(error)
        return
    message.sent_at = utcnow()
