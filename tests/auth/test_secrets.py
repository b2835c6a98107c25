"""No usable link or code at rest or in logs; links are consumed by the POST that completes them."""

import logging
import re
import smtplib
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from gunicorn.config import Config

from convention.config import _database_url
from convention.extensions import db
from convention.mail import queue_mail, send_pending
from convention.models import OutboxMessage
from convention.rules.policy import Role
from convention.web.logging import MaskingAccessLogger
from tests import postgres
from tests.auth.test_invitations import NEW_ACCOUNT
from tests.conftest import ON_POSTGRES
from tests.factories import make_convention, make_invitation, make_member, make_user
from tests.test_migrations import flask as run_flask

NEW_PASSWORD = "a brand new long password"


def link_path(body: str, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/{kind}/\S+)", body).group(1)


def every_stored_value() -> str:
    """Read every row of every table, as a database dump would."""
    values = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(sa.select(table)).all():
            values.extend(str(value) for value in row)
    return "\n".join(values)


@pytest.fixture
def secrets_sent(app, client, login_as, mailbox, caplog):
    """Invite someone by email and reset a password; return what only the recipients got."""
    caplog.set_level(logging.DEBUG)
    convention = make_convention(slug="ai")
    admin = make_user(email="admin@example.org", admin=True)
    make_member(convention, role=Role.FACILITATOR, user=admin)
    make_user(email="ana@example.org")
    login_as(admin)
    invited = client.post(
        "/c/ai/invitations", data={"name": "Zoé", "email": "zoe@example.org", "role": "citizen"}
    )
    assert invited.status_code == 200
    # An administrator asks for a citizen's reset link, hoping to read it somewhere.
    assert client.post("/reset", data={"email": "ana@example.org"}).status_code == 302
    invitation_mail, reset_mail = mailbox
    join = link_path(invitation_mail["body"], "join")
    code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", invitation_mail["body"]).group(0)
    reset = link_path(reset_mail["body"], "reset")
    return {
        "join token": join.rsplit("/", 1)[1],
        "code": code,
        "bare code": code.replace("-", ""),
        "reset token": reset.rsplit("/", 1)[1],
    }


def test_no_usable_secret_is_stored_or_logged(app, client, secrets_sent, caplog):
    stored = every_stored_value()
    outbox = client.get("/admin/outbox").text
    logged = caplog.text
    for name, secret in secrets_sent.items():
        assert secret not in stored, f"{name} stored"
        assert secret not in outbox, f"{name} shown in the outbox"
        assert secret not in logged, f"{name} logged"
    # The outbox still says what was sent, and to whom.
    assert "zoe@example.org" in outbox and "ana@example.org" in outbox
    assert "/join/••••••" in outbox and "/reset/••••••" in outbox


def test_an_administrator_cannot_take_over_an_account_through_the_outbox(app, client, secrets_sent):
    outbox = client.get("/admin/outbox").text
    for path in re.findall(r"/(?:reset|join)/[^\s<\"]+", outbox):
        assert client.get(path).status_code in (404, 410), path


def test_a_message_waiting_for_smtp_keeps_its_secret_only_until_sent(app, monkeypatch, mailbox):
    delivered = []

    class FakeSMTP:
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            pass

        def login(self, *args):
            pass

        def send_message(self, message):
            delivered.append(message.get_content())

        def quit(self):
            pass

    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    app.config["MAIL_SERVER"] = "smtp.example.org"
    with app.test_request_context():
        queue_mail(
            "ana@example.org", "Reset", "Open https://x/reset/s3cr3t-token", hidden=["s3cr3t-token"]
        )
    db.session.commit()
    waiting = db.session.scalar(sa.select(OutboxMessage))
    assert waiting.body == "Open https://x/reset/••••••" and waiting.sent_at is None

    assert send_pending() == (1, 0)  # one sent, none failed
    db.session.commit()

    assert "s3cr3t-token" in delivered[0]
    assert "s3cr3t-token" not in every_stored_value()


def test_make_run_prints_the_link_once_to_the_terminal_and_keeps_nothing(
    app, client, capsys, caplog
):
    caplog.set_level(logging.DEBUG)
    app.config["MAIL_PRINT"] = True
    make_user(email="ana@example.org")
    client.post("/reset", data={"email": "ana@example.org"})
    printed = capsys.readouterr().err
    token = link_path(printed, "reset").rsplit("/", 1)[1]
    assert printed.count(token) == 1
    assert token not in caplog.text and token not in every_stored_value()


def test_opening_a_reset_link_does_not_use_it_the_post_does_once(app, client, mailbox):
    make_user(email="ana@example.org")
    client.post("/reset", data={"email": "ana@example.org"})
    link = link_path(mailbox[-1]["body"], "reset")
    # A mail scanner opens the link first; the person opens it later.
    scanner = app.test_client()
    assert scanner.get(link).status_code == 200
    assert client.get(link).status_code == 200

    done = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302

    assert client.get(link).status_code == 410
    again = scanner.post(
        link, data={"password": "attacker password", "confirm": "attacker password"}
    )
    assert again.status_code == 410


def test_opening_an_invitation_link_does_not_use_it_the_post_does_once(app, client):
    convention = make_convention(slug="ai")
    _, token, _ = make_invitation(convention, email="nadia@example.org")
    scanner = app.test_client()
    assert scanner.get(f"/join/{token}").status_code == 302
    assert scanner.get("/join/invitation").status_code == 200
    assert client.get(f"/join/{token}").status_code == 302
    assert client.get("/join/invitation").status_code == 200

    assert client.post("/join/invitation", data=NEW_ACCOUNT).status_code == 302

    client.post("/logout")
    replayed = app.test_client()
    replayed.get(f"/join/{token}")
    assert replayed.get("/join/invitation").status_code == 410
    assert scanner.post("/join/invitation", data=NEW_ACCOUNT).status_code == 410


def test_an_invitation_token_is_no_reset_token(app, client):
    convention = make_convention()
    _, token, _ = make_invitation(convention, email="ana@example.org")
    make_user(email="ana@example.org")
    assert client.get(f"/reset/{token}").status_code == 410


def access_log_line(tmp_path, uri: str, referer: str = "-") -> str:
    """Write one request to gunicorn's access log through our logger class; return the line."""
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    logger = MaskingAccessLogger(cfg)

    class Response:
        status, sent, headers = "200 OK", 1234, [("Content-Type", "text/html")]

    path, _, query = uri.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "test",
    }
    logger.access(Response(), [("Referer", referer)], environ, timedelta(milliseconds=12))
    for handler in list(logger.access_log.handlers):
        handler.close()
        logger.access_log.removeHandler(handler)
    return (tmp_path / "access.log").read_text()


@pytest.mark.pure
@pytest.mark.parametrize(
    "uri",
    ["/join/AbC-dEf_123.token", "/reset/eyJ1c2VyIjo1fQ.Z9x-y.sig_nature", "/reset/tok?next=/x"],
)
def test_the_access_log_masks_link_tokens(tmp_path, uri):
    token = uri.split("/")[2].split("?")[0]
    line = access_log_line(tmp_path, uri, referer=f"https://convention.example{uri}")
    assert token not in line
    assert "/••••••" in line and "203.0.113.9" in line and " 200 " in line


@pytest.mark.pure
def test_the_access_log_keeps_ordinary_paths(tmp_path):
    line = access_log_line(tmp_path, "/join/invitation")
    assert '"GET /join/invitation HTTP/1.1"' in line


def test_the_application_log_masks_link_tokens(app, caplog):
    app.logger.error("Exception on %s [%s]", "/reset/s3cr3t.token", "POST")
    assert "s3cr3t.token" not in caplog.text
    assert "Exception on /reset/•••••• [POST]" in caplog.text


@pytest.fixture
def database_before_sessions(tmp_path):
    """An empty database of its own, for a migration to run on."""
    if ON_POSTGRES:
        url = postgres.test_url() + "_outbox_migration"
        postgres.drop_database(url)
        postgres.ensure_database(url)
        yield url
        postgres.drop_database(url)
    else:
        yield f"sqlite:///{tmp_path / 'outbox.db'}"


def test_the_upgrade_masks_links_and_codes_kept_in_the_outbox(database_before_sessions):
    url = database_before_sessions
    assert run_flask(url, "db", "upgrade", "cc44fbcbc3c1").returncode == 0
    engine = sa.create_engine(_database_url(url))
    outbox = sa.table(
        "outbox_messages",
        *(sa.column(c) for c in ("id", "recipient", "subject", "body", "created_at", "sent_at")),
    )
    now = datetime.now(UTC)
    kept = {
        1: ("Join: https://c.example/join/TOKEN-1_x or type ABCD-EFGH-JK23", now),
        2: ("Reset: https://c.example/reset/eyJ1.abc-def", None),
        3: ("News: https://c.example/c/ai/topics/4", now),
    }
    with engine.begin() as connection:
        for key, (body, sent_at) in kept.items():
            connection.execute(
                outbox.insert().values(
                    id=key,
                    recipient="a@example.org",
                    subject="s",
                    body=body,
                    created_at=now,
                    sent_at=sent_at,
                )
            )
    upgraded = run_flask(url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    with engine.connect() as connection:
        rows = dict(
            connection.execute(
                sa.text("SELECT id, body || '|' || coalesce(secret_body, '') FROM outbox_messages")
            ).all()
        )
    engine.dispose()
    assert rows[1] == "Join: https://c.example/join/•••••• or type ••••••|"
    # Not sent yet: the full text waits for `tick`, then goes.
    assert rows[2] == "Reset: https://c.example/reset/••••••|" + kept[2][0]
    assert rows[3] == kept[3][0] + "|"
