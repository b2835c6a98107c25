"""When the database fails mid-request: our error page, rolled back, in the reader's language."""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import psycopg
import pytest
import sqlalchemy as sa
from flask import Flask

from convention import database
from convention.extensions import db
from convention.models import BallotParticipation
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.conftest import ON_POSTGRES
from tests.factories import make_ballot, make_convention, make_member, make_topic, make_user
from tests.voting.conftest import vote

RETRY = "the ballot page shows whether your vote was counted"


@contextmanager
def outage(app: Flask, when=lambda statement: True) -> Iterator[None]:
    """Make the database drop the connection on every statement `when` accepts."""

    if db.engine.dialect.name == "postgresql":
        # psycopg's words for a restarting server, which SQLAlchemy reads as a disconnection
        lost = psycopg.OperationalError("server closed the connection unexpectedly")
    else:
        lost = sqlite3.ProgrammingError("Cannot operate on a closed database.")

    def drop(conn, cursor, statement, parameters, context, executemany):
        if when(statement):
            raise lost

    sa.event.listen(db.engine, "before_cursor_execute", drop)
    try:
        yield
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", drop)


@pytest.fixture
def citizen(app):
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    make_topic(convention)
    user = make_user(name="Ana Lima")
    user.locale = "fr"
    db.session.commit()
    return make_member(convention, user=user, role=Role.CITIZEN)


def _drop_a_pooled_connection() -> None:
    """Leave a connection in the pool that the server dropped while it was idle."""
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")
        raw = connection.connection.dbapi_connection
    raw.close()


def test_a_connection_dropped_while_idle_is_replaced_before_use(app, client, monkeypatch):
    db.session.remove()
    _drop_a_pooled_connection()
    # the connection has been idle for an hour: it is checked, found dead, and replaced
    monkeypatch.setattr(database, "monotonic", lambda: time.monotonic() + 3600)
    assert client.get("/health").status_code == 200


def test_a_busy_connection_is_used_without_a_check(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    db.session.remove()
    _drop_a_pooled_connection()
    # just put back: no round trip to check it, so a dropped one shows, once; a read on
    # PostgreSQL, turning its connection to autocommit, finds it closed for free and takes another
    assert client.get("/health").status_code == (200 if ON_POSTGRES else 503)
    db.session.remove()  # as the end of a request's app context does outside tests
    assert client.get("/health").status_code == 200


def test_a_signed_in_user_gets_our_503_page_in_their_language(app, client, login_as, citizen):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    login_as(citizen.user)
    assert client.get("/c/ai/topics").status_code == 200  # the account's language is known
    with outage(app, lambda statement: "topics" in statement):
        response = client.get("/c/ai/topics")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert 'lang="fr"' in response.text
    assert "avons pas pu confirmer votre action" in response.text
    assert "Se déconnecter" in response.text  # the full page, for the signed-in user


def test_a_complete_outage_still_answers_a_page_not_a_bare_error(app, client, login_as, citizen):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    login_as(citizen.user)
    with outage(app):
        response = client.get("/c/ai/topics", headers={"Accept-Language": "fr"})
        api = client.get("/c/ai/topics", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert "avons pas pu confirmer votre action" in response.text
    assert api.status_code == 503 and api.get_json()["status"] == 503
    assert client.get("/c/ai/topics").status_code == 200  # the next request reconnects


@pytest.mark.own_app
def test_an_error_after_a_failed_query_renders_the_signed_in_page(app, client, login_as, citizen):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/broken")
    def broken():
        with suppress(sa.exc.DBAPIError):  # the transaction is now aborted on PostgreSQL
            db.session.execute(sa.text("SELECT * FROM no_such_table"))
        raise RuntimeError("boom")

    login_as(citizen.user)
    response = client.get("/broken")
    assert response.status_code == 500
    assert "Se déconnecter" in response.text  # the page knew who was signed in


def test_a_vote_during_an_outage_answers_503_and_the_retry_counts_once(
    app, client, login_as, citizen
):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    facilitator = make_member(citizen.convention, role=Role.FACILITATOR)
    ballot = make_ballot(citizen.convention, facilitator, opened=True)
    login_as(citizen.user)
    client.post("/language", data={"locale": "en"})
    with outage(app, lambda statement: statement.lstrip().upper().startswith("INSERT")):
        failed = vote(client, ballot, {"*": "for"})
    assert failed.status_code == 503
    assert RETRY in failed.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotParticipation)) == 0
    retried = vote(client, ballot, {"*": "for"})
    assert retried.status_code == 200 and 'id="receipt-code"' in retried.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotParticipation)) == 1
