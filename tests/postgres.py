"""Reach the suite's PostgreSQL: `python -m tests.postgres ping` tells whether it answers."""

import os
import sys

import psycopg
from psycopg import sql

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/convention_test"


def test_url() -> str:
    """Return the URL of the database this test process owns: one per parallel worker."""
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_URL)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base, _, query = url.partition("?")
    return f"{base}_{worker}" + (f"?{query}" if query else "")


def _split(url: str) -> tuple[str, str]:
    """Split a URL into the server's maintenance URL and the database name."""
    base, _, name = url.rpartition("/")
    return f"{base}/postgres", name.split("?")[0]


def ping() -> bool:
    """Tell whether the PostgreSQL server answers."""
    try:
        psycopg.connect(_split(test_url())[0], connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def ensure_database(url: str) -> None:
    """Create the database `url` names when it does not exist yet."""
    server, name = _split(url)
    with psycopg.connect(server, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not found:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    """Drop the database `url` names, if it exists."""
    server, name = _split(url)
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


if __name__ == "__main__":
    sys.exit(0 if sys.argv[1:] == ["ping"] and ping() else 1)
