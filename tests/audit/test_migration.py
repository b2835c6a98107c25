"""The migration chains the events recorded before it, in order, and verify-audit accepts them."""

import json

import sqlalchemy as sa

from tests.test_migrations import empty_database, flask  # noqa: F401 - the fixture is used

BEFORE_CHAIN = "5e55105ab1e5"


def test_existing_events_are_hashed_in_order_by_the_migration(empty_database):  # noqa: F811
    assert flask(empty_database, "db", "upgrade", BEFORE_CHAIN).returncode == 0
    engine = sa.create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO conventions (id, slug, title, mandate, description, charter, phase,"
                " time_zone, languages, is_public, created_at) VALUES (7, 'old', 'Old', 'M', '',"
                " '', 'setup', 'Europe/Paris', 'fr', false, '2026-01-01 10:00:00')"
            )
        )
        for n, convention in enumerate([7, None, 7, 7]):
            conn.execute(
                sa.text(
                    "INSERT INTO audit_events (convention_id, action, target, details, created_at)"
                    " VALUES (:c, 'topic.created', :t, :d, :at)"
                ),
                {
                    "c": convention,
                    "t": f"topics:{n}",
                    "d": json.dumps({"title": f"T{n}", "accent": "é"}),
                    "at": f"2026-01-0{n + 1} 10:00:00.123456",
                },
            )
    engine.dispose()
    upgrade = flask(empty_database, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    verify = flask(empty_database, "convention", "verify-audit")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "ok convention:7: 3 events" in verify.stdout
    assert "ok instance: 1 events" in verify.stdout
