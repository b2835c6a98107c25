"""The electorate and proxy migration moves existing ballots honestly, on both databases."""

import json
from datetime import datetime, timedelta

import sqlalchemy as sa

from convention.config import _database_url
from tests.test_migrations import empty_database, flask  # noqa: F401 (a fixture)

T0 = datetime(2026, 11, 20, 9, 0)


def _seed(engine) -> None:
    """Write, in the schema before this migration, a ballot with a legacy proxy and a hand count."""
    opened = T0 + timedelta(hours=1)
    rows = {
        "users": [
            {
                "id": i,
                "email": f"u{i}@example.org",
                "display_name": f"U{i}",
                "password_hash": "x",
                "active": True,
                "is_admin": False,
                "created_at": T0,
            }
            for i in range(1, 7)
        ],
        "conventions": [
            {
                "id": 1,
                "slug": "old",
                "title": "Old",
                "mandate": "",
                "description": "",
                "charter": "",
                "phase": "voting",
                "time_zone": "UTC",
                "languages": "en",
                "is_public": False,
                "created_at": T0,
            }
        ],
        "memberships": [
            {
                "id": i,
                "user_id": i,
                "convention_id": 1,
                "role": role,
                "pseudonym": f"M{i}",
                "active": active,
                "joined_at": joined,
            }
            for i, role, active, joined in [
                (1, "facilitator", True, T0),
                (2, "citizen", True, T0),
                (3, "citizen", True, T0),
                (4, "citizen", True, T0),
                (5, "citizen", True, opened + timedelta(minutes=5)),  # joined after the opening
                (6, "citizen", False, T0),  # voted, then left the panel
            ]
        ],
        "ballots": [
            {
                "id": 1,
                "convention_id": 1,
                "title": "B",
                "description": "",
                "method": "approval",
                "majority": "expressed",
                "threshold_num": 1,
                "threshold_den": 2,
                "abstentions_expressed": False,
                "quorum_percent": 0,
                "secret": True,
                "opened_at": opened,
                "frozen_at": opened,
                "eligible": 4,
                "created_by_id": 1,
                "created_at": T0,
            }
        ],
        "ballot_items": [
            {
                "id": 1,
                "ballot_id": 1,
                "convention_id": 1,
                "position": 1,
                "kind": "question",
                "title": "Q",
                "question": "",
                "result": json.dumps(
                    {
                        "yes": 3,
                        "no": 1,
                        "abstain": 0,
                        "online": [2, 1, 0],
                        "room": [1, 0, 0],
                        "channels": {"online": 2},
                    }
                ),
            }
        ],
        "ballot_participations": [
            {"id": i, "ballot_id": 1, "item_id": 1, "membership_id": m, "channel": c}
            for i, (m, c) in enumerate(
                [(2, "online"), (3, "proxy"), (4, "paper"), (6, "online")], 1
            )
        ],
        "ballot_hand_counts": [{"item_id": 1, "ballot_id": 1, "yes": 1, "no": 0, "abstain": 0}],
        "audit_events": [
            {
                "id": 1,
                "actor_id": 1,
                "convention_id": 1,
                "action": "ballot.proxy_vote",
                "target": "ballots:1",
                "details": json.dumps({"member": 3}),
                "created_at": opened,
            },
            {
                "id": 2,
                "actor_id": 1,
                "convention_id": 1,
                "action": "ballot.hand_count",
                "target": "ballots:1",
                "details": json.dumps({"members": [4], "counts": {"1": [1, 0, 0]}}),
                "created_at": opened,
            },
        ],
    }
    with engine.begin() as connection:
        for table, values in rows.items():
            columns = list(values[0])
            table_clause = sa.table(table, *(sa.column(c) for c in columns))
            connection.execute(table_clause.insert(), values)


def test_existing_ballots_get_an_electorate_legacy_proxies_and_no_count_per_channel(
    empty_database,  # noqa: F811
):
    assert flask(empty_database, "db", "upgrade", "cc44fbcbc3c1").returncode == 0
    engine = sa.create_engine(_database_url(empty_database))
    try:
        _seed(engine)
        upgrade = flask(empty_database, "db", "upgrade")
        assert upgrade.returncode == 0, upgrade.stderr
        with engine.connect() as connection:

            def rows(sql: str) -> list:
                return connection.execute(sa.text(sql)).all()

            assert sorted(r[0] for r in rows("SELECT membership_id FROM ballot_electors")) == [
                2,
                3,
                4,
                6,
            ]
            mandate = rows(
                "SELECT id, giver_id, holder_id, ballot_id, source, entered_by_id"
                " FROM proxy_mandates"
            )
            assert [tuple(m[1:]) for m in mandate] == [(3, None, 1, "legacy", 1)]
            marked = rows(
                "SELECT membership_id FROM ballot_participations WHERE mandate_id IS NOT NULL"
            )
            assert [r[0] for r in marked] == [3]
            votes = rows("SELECT choice, membership_id FROM votes")
            assert [tuple(v) for v in votes] == [("for", None)]  # the hand count, in the box
            result = rows("SELECT result FROM ballot_items")[0][0]
            result = json.loads(result) if isinstance(result, str) else result
            assert "online" not in result and "room" not in result and result["yes"] == 3
            details = rows("SELECT details FROM audit_events WHERE action = 'ballot.hand_count'")
            details = details[0][0]
            details = json.loads(details) if isinstance(details, str) else details
            assert details["ballots"] == 1 and "members" not in details and "counts" not in details
            assert "ballot_hand_counts" not in sa.inspect(connection).get_table_names()
    finally:
        engine.dispose()
