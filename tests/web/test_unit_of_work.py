"""One unit of work per request: a change commits once or not at all, and reading writes nothing."""

import re
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from convention.extensions import db
from convention.models import Topic
from convention.rules.policy import Role
from tests.factories import make_convention, make_member
from tests.web.fuzz_world import SLUG, seed

_WRITE = re.compile(r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)', re.IGNORECASE)
# What a GET may write: the session's last-seen time, kept apart from the request on purpose so
# that idle sign-outs work. Ballots that closed are settled by `tick` before the walk, as cron does.
WRITTEN_BY_READING = {"user_sessions"}


@contextmanager
def commits_failing():
    """Make every commit fail as when the database goes away at that moment."""

    def refuse(session):
        raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    sa.event.listen(db.session, "before_commit", refuse)
    try:
        yield
    finally:
        sa.event.remove(db.session, "before_commit", refuse)


def test_a_change_whose_commit_fails_shows_the_error_page_not_its_success(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    with commits_failing():
        response = client.post("/c/ai/topics/new", data={"title": "Jobs", "body": "Why"})
    assert response.status_code == 503
    assert "We could not confirm your action" in response.text
    assert db.session.scalar(sa.select(sa.func.count(Topic.id))) == 0
    # The success message queued before the commit is dropped with it.
    assert "The topic is created" not in client.get("/c/ai/topics").text


@pytest.mark.parametrize("role", ["anonymous", "citizen", "facilitator"])
def test_reading_every_page_writes_nothing(app, client, role):
    world = seed()
    db.session.commit()
    assert app.test_cli_runner().invoke(args=["convention", "tick"]).exit_code == 0
    if role != "anonymous":
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = world.sessions[role], True
    written: list[str] = []
    walked = 0

    def record(conn, cursor, statement, *args) -> None:
        found = _WRITE.match(statement)
        if found and found.group(1) not in WRITTEN_BY_READING:
            written.append(f"{path}: {found.group(1)}")

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or not rule.arguments <= {"slug", *world.ids}:
                continue
            path = rule.rule.replace("<slug>", SLUG)
            for arg in rule.arguments - {"slug"}:
                path = re.sub(rf"<(?:\w+:)?{arg}>", str(world.ids[arg]), path)
            assert client.get(path).status_code < 500, path
            walked += 1
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert written == []
    assert walked > 100  # the walk reached the convention's pages, not only the public ones
