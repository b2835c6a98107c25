"""Simultaneous votes: one member's parallel requests count once; a full room is all counted."""

import threading

import sqlalchemy as sa

from convention.extensions import db
from convention.models import BallotParticipation, Receipt, Vote
from convention.voting import services
from tests.factories import make_ballot, make_member
from tests.voting.conftest import sign_in, vote

PARALLEL = 8
ROOM = 150


def _open(app, convention, facilitator):
    """Open a one-question secret ballot through the service, as a facilitator would."""
    ballot = make_ballot(convention, facilitator)
    with app.test_request_context():
        services.open_ballot(ballot, facilitator)
    db.session.commit()
    return ballot


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _run(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_parallel_votes_of_one_member_record_one_participation(app, room):
    convention, facilitator, citizens, _ = room
    ballot = _open(app, convention, facilitator)
    barrier = threading.Barrier(PARALLEL)
    answers: list[tuple[int, str]] = []
    clients = [sign_in(app.test_client(), citizens[0]) for _ in range(PARALLEL)]

    def cast(client) -> None:
        with app.app_context():
            barrier.wait()
            response = vote(client, ballot, {"*": "for"})
            answers.append((response.status_code, response.text))
            db.session.remove()

    _run([threading.Thread(target=cast, args=(c,)) for c in clients])
    receipts = [text for _, text in answers if "receipt-code" in text]
    assert len(receipts) == 1
    # the others are told, kindly, that the vote counts once (a busy SQLite may ask to retry)
    others = [(status, text) for status, text in answers if "receipt-code" not in text]
    assert all(
        (s == 200 and "Already counted" in t) or (s == 409 and "busy" in t) for s, t in others
    )
    assert _count(BallotParticipation) == _count(Vote) == _count(Receipt) == 1


def test_a_full_room_voting_at_once_is_all_counted(app, room):
    convention, facilitator, citizens, _ = room
    members = citizens + [make_member(convention) for _ in range(ROOM - len(citizens))]
    ballot = _open(app, convention, facilitator)
    clients = [sign_in(app.test_client(), m) for m in members]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def cast(client) -> None:
        with app.app_context():
            barrier.wait()
            for _ in range(20):  # a busy single writer (SQLite) asks the phone to confirm again
                status = vote(client, ballot, {"*": "for"}).status_code
                db.session.remove()
                if status != 409:
                    break
            statuses.append(status)

    _run([threading.Thread(target=cast, args=(c,)) for c in clients])
    assert statuses == [200] * ROOM
    assert _count(BallotParticipation) == _count(Vote) == _count(Receipt) == ROOM
