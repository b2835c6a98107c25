"""Migrations build the schema from nothing, and the models have not drifted from them."""

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa

from convention.config import PROJECT_ROOT
from tests import postgres
from tests.conftest import ON_POSTGRES


@pytest.fixture
def empty_database(tmp_path):
    if ON_POSTGRES:
        url = postgres.test_url() + "_migrations"
        postgres.drop_database(url)
        postgres.ensure_database(url)
        yield url
        postgres.drop_database(url)
    else:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"


def flask(url: str, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"DATABASE_URL": url, "CONVENTION_ENV": "development"}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_upgrade_from_empty_then_check_finds_no_drift(empty_database):
    upgrade = flask(empty_database, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    check = flask(empty_database, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No new upgrade operations detected" in check.stdout + check.stderr


def test_the_job_queue_s_tables_in_the_same_database_are_no_drift(empty_database):
    # HUEY_URL may name the app's own PostgreSQL database: Huey makes its tables there
    assert flask(empty_database, "db", "upgrade").returncode == 0
    engine = sa.create_engine(empty_database)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE huey_kv (queue TEXT, key TEXT, value BYTEA)"))
    engine.dispose()
    check = flask(empty_database, "db", "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_demo_seeds_once_and_its_logins_work(empty_database):
    assert flask(empty_database, "db", "upgrade").returncode == 0
    first = flask(empty_database, "convention", "demo")
    assert first.returncode == 0, first.stderr
    assert "facilitator@demo.invalid" in first.stdout
    second = flask(empty_database, "convention", "demo")
    assert "already has data" in second.stdout

    from convention import create_app
    from convention.demo import DEMO_LOGINS

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": empty_database, "WTF_CSRF_ENABLED": False, "TESTING": True}
    )
    client = app.test_client()
    for _role, email, password in DEMO_LOGINS:
        assert client.post("/login", data={"login": email, "password": password}).status_code == 302
        assert client.get("/c/demo/").status_code == 200
        client.post("/logout")
    assert client.get("/c/demo/").status_code == 200  # the demo is public
    with app.app_context():
        from convention.extensions import db

        db.engine.dispose()


def test_create_admin_makes_an_administrator(empty_database):
    assert flask(empty_database, "db", "upgrade").returncode == 0
    made = flask(
        empty_database,
        "convention",
        "create-admin",
        "--email",
        "Chief@City.example",
        "--name",
        "Chief",
        "--password",
        "long admin password",
    )
    assert made.returncode == 0, made.stderr
    from convention import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": empty_database, "WTF_CSRF_ENABLED": False, "TESTING": True}
    )
    client = app.test_client()
    client.post("/login", data={"login": "chief@city.example", "password": "long admin password"})
    assert client.get("/admin/").status_code == 200
    with app.app_context():
        from convention.extensions import db

        db.engine.dispose()
