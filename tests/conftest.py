"""Shared fixtures: the app on SQLite or PostgreSQL, a client, signing in, counting queries."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import Flask, g
from flask.testing import FlaskClient

from convention import create_app, jobs, storage
from convention.clock import MovedClock
from convention.config import PROJECT_ROOT
from convention.extensions import db, limiter
from convention.mail import message_sent
from convention.models import User
from convention.web import fragments
from tests import postgres
from tests.factories import make_sign_in

ON_POSTGRES = os.environ.get("TEST_DATABASE") == "postgres"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Create the test database once per run, with the models' schema."""
    if ON_POSTGRES:
        url = postgres.test_url()
        # A fresh database each run: tables an older schema left behind would block drop_all.
        postgres.drop_database(url)
        postgres.ensure_database(url)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    app = create_app(_test_config(url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    return url


def _test_config(url: str) -> dict:
    """Configuration for tests: the given database, a cheap hash, no CSRF unless asked."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": "convention.test",
        "MAIL_SERVER": None,
        "MAIL_PRINT": False,
        # Jobs run at once in the test's process; tests that need a consumer start one.
        "HUEY_URL": "memory://",
        "HUEY_IMMEDIATE": True,
        # Pages change between a test's requests: tests of caching turn the reuse back on.
        "PUBLIC_MAX_AGE": 0,
    }


class FreshClient(FlaskClient):
    """A client whose every request starts with an empty `g`, as in production."""

    def open(self, *args, **kwargs):
        # The fixture's app context, hence its g, is shared by the test's requests: clear it.
        for name in list(g):
            g.pop(name)
        return super().open(*args, **kwargs)


@pytest.fixture
def clock(app: Flask) -> MovedClock:
    """The app's clock, to move time forward in a test: `clock.move(days=1)`."""
    app.config["CLOCK"] = moved = MovedClock()
    return moved


# One app per database and CSRF setting for the whole run: building one (routes, templates) costs
# more than most tests, and a test's changes to its config are undone after it.
_APPS: dict[tuple[str, bool], Flask] = {}


@pytest.fixture
def app(database_url: str, request: pytest.FixtureRequest) -> Iterator[Flask]:
    """An app bound to the test database; every row is removed after the test."""
    csrf = request.node.get_closest_marker("csrf") is not None
    own = request.node.get_closest_marker("own_app") is not None
    app = None if own else _APPS.get((database_url, csrf))
    if app is None:
        config = _test_config(database_url)
        config["WTF_CSRF_ENABLED"] = csrf
        app = create_app(config)
        app.test_client_class = FreshClient
        if not own:
            _APPS[(database_url, csrf)] = app
    saved = dict(app.config)
    with app.app_context():
        limiter.reset()
        jobs.init_app(app)  # an empty queue, bound to this app
        fragments.init_app(app)  # ids and versions start again with the emptied tables
        try:
            yield app
        finally:
            db.session.remove()
            _empty_tables()
            db.engine.dispose()
            app.config.clear()
            app.config.update(saved)


def _empty_tables() -> None:
    """Delete every row, children first, so the next test starts clean."""
    tables = db.metadata.sorted_tables
    with db.engine.begin() as conn:
        if ON_POSTGRES:
            # TRUNCATE rewrites every table's files: deleting the few rows a test wrote is faster.
            used = " UNION ALL ".join(
                f"SELECT '{t.name}' WHERE EXISTS (SELECT 1 FROM {t.name})"  # noqa: S608 - our names
                for t in tables
            )
            written = set(conn.execute(sa.text(used)).scalars())
            for table in reversed(tables):
                if table.name in written:
                    conn.execute(table.delete())
            conn.execute(sa.text(_RESTART_IDS))
            return
        for table in reversed(tables):
            conn.execute(table.delete())


# Every id sequence back to 1, in one statement: tests may name the first object of a kind.
_RESTART_IDS = """
SELECT setval(s.oid, 1, false)
FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
WHERE s.relkind = 'S' AND n.nspname = current_schema()
"""


@pytest.fixture
def held_jobs(app: Flask):
    """Keep the jobs sent during the test in the queue, unrun; yield the queue."""
    jobs.huey.immediate = False
    yield jobs.huey
    jobs.huey.immediate = True


@pytest.fixture
def consumer(app: Flask, database_url: str, tmp_path) -> Iterator[subprocess.Popen]:
    """A real consumer process (`flask convention worker`) on a queue in a file of the test's."""
    queue = f"sqlite:///{tmp_path / 'queue.db'}"
    app.config.update(HUEY_URL=queue, HUEY_IMMEDIATE=False)
    jobs.init_app(app)
    env = os.environ | {"DATABASE_URL": database_url, "HUEY_URL": queue, "SECRET_KEY": "test"}
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "convention", "worker"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.DEVNULL)
    yield process
    process.terminate()
    process.wait(timeout=30)
    app.config.update(HUEY_URL="memory://", HUEY_IMMEDIATE=True)
    jobs.init_app(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like client for the app."""
    return app.test_client()


@pytest.fixture
def login_as(client: FlaskClient):
    """Sign a user in on the client, as the login form would."""

    def sign_in(user: User) -> FlaskClient:
        return put_session(client, user)

    return sign_in


def put_session(client: FlaskClient, user: User) -> FlaskClient:
    """Record a session for `user` and give its cookie to `client`."""
    token = make_sign_in(user)
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True
    return client


@pytest.fixture
def mailbox(app: Flask) -> Iterator[list[dict]]:
    """Collect every message as it leaves, full text included, as its recipient gets it."""
    received: list[dict] = []

    def receive(sender: Flask, **message: str) -> None:
        received.append(message)

    with message_sent.connected_to(receive, app):
        yield received


@pytest.fixture
def count_queries(app: Flask):
    """Count the SQL statements run inside a `with count_queries() as counted:` block."""

    @contextmanager
    def counting() -> Iterator[list[str]]:
        statements: list[str] = []

        def record(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)

    return counting


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """An S3 API server (moto) on a free local port for this run, and test credentials for it."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            patch.setenv(name, "testing")
        for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):  # a developer's own would be used
            patch.delenv(name, raising=False)
        yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(params=["local", "s3"])
def storage_config(request: pytest.FixtureRequest, tmp_path) -> dict:
    """Each storage backend's settings: a folder of the test's own, or a new, empty bucket."""
    if request.param == "local":
        return {"STORAGE": "local", "UPLOAD_FOLDER": str(tmp_path / "uploads")}
    endpoint = request.getfixturevalue("s3_endpoint")
    config = {
        "STORAGE": "s3",
        "S3_BUCKET": f"test-{uuid.uuid4().hex}",
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
    }
    storage.from_config(config).client.create_bucket(Bucket=config["S3_BUCKET"])
    return config


@pytest.fixture
def file_store(app: Flask, storage_config: dict) -> storage.Storage:
    """The app's storage, set up as the configuration says, on each backend in turn."""
    app.config.update(storage_config)
    storage.init_app(app)
    return storage.current()
