"""A settled secret box, read as a dump or the raw files would be, links nobody to a choice."""

import threading

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import Ballot
from convention.rules.tally import Choice
from convention.voting import services
from tests.at_rest import BOUND, assert_purged, spearman, stored_rows
from tests.conftest import ON_POSTGRES
from tests.factories import make_ballot, make_member
from tests.voting.conftest import sign_in, vote

VOTERS = 60
CHOICES = [Choice.FOR, Choice.AGAINST, Choice.ABSTAIN]


def test_spearman_sees_an_order_kept_and_not_a_reversal_of_chance():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1)
    assert spearman([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 2, 2]) == pytest.approx(1)


def _box() -> list[dict]:
    """Read the votes as a dump would, with the system columns that reveal storage order."""
    return stored_rows("votes", "key, choice")


def _receipts() -> list[dict]:
    """Read the receipts with their storage position."""
    return stored_rows("ballot_receipts", "fingerprint")


def _assert_unlinkable(cast_order: list[Choice], old_keys: set[str]) -> None:
    """Check the settled box: new keys, one xmin, no order of casting in keys or storage."""
    box = _box()
    assert len(box) == len(cast_order)
    assert not old_keys & {row["key"] for row in box}
    if ON_POSTGRES:
        assert len({row["xmin"] for row in box}) == 1
        cast_xmins = db.session.scalars(sa.text("SELECT xmin::text FROM ballot_participations"))
        assert box[0]["xmin"] not in set(cast_xmins)
    code = {c.value: i for i, c in enumerate(CHOICES)}
    cast = [code[c.value] for c in cast_order]
    for column in ("place", "key"):
        stored = [code[row["choice"]] for row in sorted(box, key=lambda row: row[column])]
        assert abs(spearman(cast, stored)) < BOUND, column


def _open(app, convention, facilitator) -> Ballot:
    ballot = make_ballot(convention, facilitator)
    with app.test_request_context():
        services.open_ballot(ballot, facilitator)
    db.session.commit()
    return ballot


def _close(app, ballot: Ballot, facilitator) -> set[str]:
    """Close the ballot; return the vote keys that existed before."""
    keys = set(db.session.scalars(sa.text("SELECT key FROM votes")))
    with app.test_request_context():
        services.close_ballot(ballot, facilitator)
    db.session.commit()
    return keys


def test_votes_cast_one_by_one_are_shuffled_at_close(app, room):
    convention, facilitator, citizens, _ = room
    members = citizens + [make_member(convention) for _ in range(VOTERS - len(citizens))]
    ballot = _open(app, convention, facilitator)
    # Choices in blocks of the casting order: any column keeping that order would show it.
    cast_order = [CHOICES[i * 3 // VOTERS] for i in range(VOTERS)]
    codes = []
    with app.test_request_context():
        for member, choice in zip(members, cast_order, strict=True):
            codes.append(services.cast_vote(ballot, member, {ballot.items[0].id: choice}))
            db.session.commit()
    old_keys = _close(app, ballot, facilitator)
    _assert_unlinkable(cast_order, old_keys)
    rank = {services.fingerprint(ballot, code): i for i, code in enumerate(codes)}
    receipts = _receipts()
    assert sorted(r["fingerprint"] for r in receipts) == sorted(rank)
    stored = [rank[r["fingerprint"]] for r in sorted(receipts, key=lambda r: r["place"])]
    assert abs(spearman(list(range(VOTERS)), stored)) < BOUND
    assert_purged(app, old_keys, "votes", Ballot, "ballot boxes purged")


def test_a_burst_of_votes_is_shuffled_at_close(app, room):
    convention, facilitator, citizens, _ = room
    members = citizens + [make_member(convention) for _ in range(VOTERS - len(citizens))]
    ballot = _open(app, convention, facilitator)
    chosen = {m.id: CHOICES[i % 3] for i, m in enumerate(members)}
    clients = [(sign_in(app.test_client(), m), m) for m in members]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def cast(client, member) -> None:
        with app.app_context():
            barrier.wait()
            for _ in range(20):  # SQLite's busy single writer asks to confirm again
                status = vote(client, ballot, {"*": chosen[member.id].value}).status_code
                db.session.remove()
                if status != 409:
                    break
            statuses.append(status)

    threads = [threading.Thread(target=cast, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * VOTERS
    # The order of casting, as the participations (who voted, public) keep it.
    order = db.session.scalars(
        sa.text("SELECT membership_id FROM ballot_participations ORDER BY id")
    )
    cast_order = [chosen[member_id] for member_id in order]
    _assert_unlinkable(cast_order, _close(app, ballot, facilitator))


def test_a_vote_racing_the_close_is_counted_and_shuffled_or_refused(app, room):
    convention, facilitator, citizens, _ = room
    members = citizens + [make_member(convention) for _ in range(40 - len(citizens))]
    ballot = _open(app, convention, facilitator)
    clients = [sign_in(app.test_client(), m) for m in members]
    closer = sign_in(app.test_client(), facilitator)
    barrier = threading.Barrier(len(clients) + 1)
    statuses: list[int] = []

    def cast(client) -> None:
        with app.app_context():
            barrier.wait()
            statuses.append(vote(client, ballot, {"*": "for"}).status_code)
            db.session.remove()

    def close() -> None:
        with app.app_context():
            barrier.wait()
            closer.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
            db.session.remove()

    threads = [threading.Thread(target=cast, args=(c,)) for c in clients]
    threads.append(threading.Thread(target=close))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    counted = db.session.scalar(sa.text("SELECT count(*) FROM ballot_participations"))
    assert statuses.count(200) == counted and set(statuses) <= {200, 409}
    result = db.session.scalars(sa.select(Ballot)).one().items[0].result
    assert result["yes"] == result["participants"] == counted
    assert db.session.scalar(sa.text("SELECT count(*) FROM votes")) == counted
    assert db.session.scalar(sa.text("SELECT count(*) FROM ballot_receipts")) == counted
    if ON_POSTGRES and counted:
        assert db.session.scalar(sa.text("SELECT count(DISTINCT xmin::text) FROM votes")) == 1
