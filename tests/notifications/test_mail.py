"""`flask convention tick` queues the mail job, which sends each message on its own: a bad one
fails alone, none goes twice, not even when the job is tried again."""

import smtplib
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa

from convention import jobs, mail
from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import tasks
from convention.models import NotificationKind, OutboxMessage
from convention.notifications.services import notify
from tests.factories import make_convention, make_member


class FakeSMTP:
    """An SMTP server that records what it accepts and refuses one address."""

    sent: list[bytes] = []
    refused = "refused@example.org"

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host = host

    def starttls(self) -> None:
        pass

    def login(self, user: str, password: str) -> None:
        pass

    def send_message(self, message) -> None:
        if message["To"].addresses[0].addr_spec == self.refused:
            raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        FakeSMTP.sent.append(message.as_bytes())

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


@pytest.fixture
def smtp(app, monkeypatch):
    app.config["MAIL_SERVER"] = "smtp.test"
    app.config["MAIL_SENDER"] = "Convention <convention@example.org>"
    FakeSMTP.sent = []
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    return FakeSMTP


def tick(app) -> str:
    result = app.test_cli_runner().invoke(args=["convention", "tick"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def outbox() -> dict[str, OutboxMessage]:
    return {m.recipient: m for m in db.session.scalars(sa.select(OutboxMessage))}


def test_a_refused_message_fails_alone_and_nothing_is_sent_twice(app, smtp):
    for name in ("first", "refused", "last"):
        mail.queue_mail(f"{name}@example.org", f"Hello {name}", "Body")
    # A subject written before subjects were cleaned, with a line break in it.
    db.session.add(
        OutboxMessage(recipient="old@example.org", subject="Old\r\nBcc: x@evil.test", body="B")
    )
    mail.queue_mail("broken@two@example.org", "Hello", "An address no header can hold")
    db.session.commit()
    assert "mail: sending queued" in tick(app)
    messages = outbox()
    assert len(smtp.sent) == 3
    assert all(messages[f"{n}@example.org"].sent_at for n in ("first", "last", "old"))
    refused = messages["refused@example.org"]
    assert refused.sent_at is None and refused.failed_at is not None
    assert "No such user" in refused.error
    assert messages["broken@two@example.org"].failed_at and messages["broken@two@example.org"].error
    tick(app)
    assert len(smtp.sent) == 3


def test_headers_have_no_injected_lines(app, smtp):
    convention = make_convention(slug="ai", title="AI\r\nBcc: victim@evil.test\nX-Evil: 1")
    member = make_member(convention)
    notify([member.user_id], convention, NotificationKind.SESSION, "/c/ai/", title="Day 1")
    db.session.commit()
    tick(app)
    [raw] = smtp.sent
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert parsed["To"].addresses[0].addr_spec == member.user.email
    assert parsed["From"].addresses[0].display_name == "Convention"
    assert "\n" not in str(parsed["Subject"]) and "Bcc: victim@evil.test" in str(parsed["Subject"])
    header_block = raw.split(b"\n\n", 1)[0]
    names = [line.split(b":")[0] for line in header_block.splitlines() if line[:1] not in b" \t"]
    assert sorted(names) == sorted(
        [b"From", b"To", b"Subject", b"Content-Type", b"Content-Transfer-Encoding", b"MIME-Version"]
    )


def test_a_message_a_crashed_run_had_claimed_is_reported_not_sent_again(app, smtp):
    mail.queue_mail("crashed@example.org", "Hello", "Body")
    mail.queue_mail("next@example.org", "Hello", "Body")
    db.session.flush()
    outbox()["crashed@example.org"].claimed_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    tick(app)
    messages = outbox()
    assert len(smtp.sent) == 1 and messages["next@example.org"].sent_at
    crashed = messages["crashed@example.org"]
    assert crashed.sent_at is None and "Interrupted" in crashed.error


def _down(*args, **kwargs):
    """An SMTP server that cannot be reached."""
    raise ConnectionRefusedError("down")


def test_an_unreachable_server_leaves_every_message_waiting(app, smtp, monkeypatch):
    monkeypatch.setattr(mail.smtplib, "SMTP", _down)
    mail.queue_mail("wait@example.org", "Hello", "Body")
    db.session.commit()
    tick(app)
    message = outbox()["wait@example.org"]
    assert message.claimed_at is None and message.failed_at is None


def test_the_job_retries_a_down_server_a_few_times_and_never_sends_twice(app, smtp, monkeypatch):
    monkeypatch.setattr(mail.smtplib, "SMTP", _down)
    mail.queue_mail("wait@example.org", "Hello", "Body")
    db.session.commit()
    tick(app)
    [retry] = jobs.huey.scheduled()
    assert retry.retries == tasks.MAIL_RETRIES - 1
    assert retry.eta > datetime.now(UTC).replace(tzinfo=None)
    jobs.huey.storage.flush_schedule()  # run it here, at its time
    monkeypatch.setattr(mail.smtplib, "SMTP", smtp)
    jobs.huey.execute(retry, retry.eta)
    db.session.expire_all()
    assert len(smtp.sent) == 1 and outbox()["wait@example.org"].sent_at is not None
    # The same job delivered again (a consumer crashed after running it): nothing leaves twice.
    jobs.huey.execute(retry, retry.eta)
    tick(app)
    db.session.expire_all()
    assert len(smtp.sent) == 1 and outbox()["wait@example.org"].sent_at is not None
    assert jobs.huey.scheduled() == []


def test_a_job_gives_up_after_its_last_retry(app, smtp, monkeypatch):
    monkeypatch.setattr(mail.smtplib, "SMTP", _down)
    mail.queue_mail("wait@example.org", "Hello", "Body")
    db.session.commit()
    tick(app)
    for _ in range(tasks.MAIL_RETRIES):
        [retry] = jobs.huey.scheduled()
        jobs.huey.storage.flush_schedule()
        jobs.huey.execute(retry, retry.eta)
    assert jobs.huey.scheduled() == []
    assert outbox()["wait@example.org"].claimed_at is None  # the next tick's job sends it
