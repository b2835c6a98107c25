"""Read a table as a dump or the raw files would, to check a shuffled box keeps no order."""

import time
from pathlib import Path

import sqlalchemy as sa

from convention.extensions import db
from tests.conftest import ON_POSTGRES

# Under a random shuffle Spearman's rho over n rows has a standard deviation of 1/sqrt(n - 1)
# (0.13 for 60 rows): |rho| >= 0.6 is a 4.6-sigma event (about 4 in a million per check), while
# a box kept in casting order gives rho = 1 (0.94 with the one-by-one test's three blocks).
BOUND = 0.6


def spearman(x: list[float], y: list[float]) -> float:
    """Return Spearman's rank correlation, ties given their average rank."""
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5


def _ranks(values: list[float]) -> list[float]:
    """Rank values from 1, ties sharing the average of their ranks."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in order[start : end + 1]:
            ranks[position] = (start + end) / 2 + 1
        start = end + 1
    return ranks


SYSTEM = "xmin::text AS xmin, ctid::text AS place" if ON_POSTGRES else "rowid AS place"


def stored_rows(table: str, columns: str) -> list[dict]:
    """Read a table's rows with the system columns that reveal storage order (xmin, place)."""
    sql = f"SELECT {SYSTEM}, {columns} FROM {table}"  # noqa: S608 (names from the tests)
    rows = db.session.execute(sa.text(sql)).mappings()
    return [dict(row, place=_place(row["place"])) for row in rows]


def _place(value) -> tuple[int, ...]:
    """Turn a ctid '(page,offset)' or a rowid into a sortable position."""
    if isinstance(value, int):
        return (value,)
    return tuple(int(part) for part in value.strip("()").split(","))


def raw_pages(table: str) -> list[bytes]:
    """Return the bytes of every page of a table and its indexes, or the SQLite files."""
    if not ON_POSTGRES:
        path = Path(db.engine.url.database)
        wal = path.with_name(path.name + "-wal")
        return [path.read_bytes()] + ([wal.read_bytes()] if wal.exists() else [])
    with db.engine.begin() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        relations = [table] + list(
            conn.scalars(
                sa.text(
                    "SELECT indexrelid::regclass::text FROM pg_index"
                    " WHERE indrelid = CAST(:t AS regclass)"
                ),
                {"t": table},
            )
        )
        pages = []
        for relation in relations:
            size = conn.scalar(sa.text("SELECT pg_relation_size(:r) / 8192"), {"r": relation})
            for number in range(size):
                pages.append(
                    conn.scalar(
                        sa.text("SELECT get_raw_page(:r, :n)"), {"r": relation, "n": number}
                    )
                )
    db.session.remove()
    return [bytes(page) for page in pages]


def assert_purged(app, old_keys: set[str], table: str, owner, line: str) -> None:
    """Run tick until it reports `line: 1` (purged_at set on `owner`), then find no old key of
    `table` in the raw pages or files; a second tick has nothing left to purge."""
    db.session.commit()
    db.session.remove()
    assert any(key.encode() in page for key in old_keys for page in raw_pages(table))
    for _ in range(20):  # as cron would: a transaction still open elsewhere delays the purge
        output = app.test_cli_runner().invoke(args=["convention", "tick"]).output
        if f"{line}: 1" in output:
            break
        assert db.session.scalar(sa.select(owner.purged_at)) is None
        db.session.remove()
        time.sleep(0.5)
    assert f"{line}: 1" in output, output
    pages = raw_pages(table)
    assert not [key for key in old_keys if any(key.encode() in page for page in pages)]
    assert db.session.scalar(sa.select(owner.purged_at)) is not None
    again = app.test_cli_runner().invoke(args=["convention", "tick"])
    assert f"{line}: 0" in again.output
