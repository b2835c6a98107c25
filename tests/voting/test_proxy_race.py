"""Two proxies cast at once by one holder, over the limit: one counts, never both."""

import threading

import sqlalchemy as sa

from convention.extensions import db
from convention.models import BallotParticipation
from convention.voting import proxies
from tests.factories import make_ballot
from tests.voting.conftest import code, sign_in


def test_a_holder_cannot_pass_the_limit_by_casting_two_proxies_at_once(app, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    holder = citizens[2]
    app.config["MAX_PROXIES_PER_HOLDER"] = 2
    with app.test_request_context():
        mandates = [proxies.give(g, g, holder, ballot=ballot) for g in citizens[:2]]
    db.session.commit()
    ids = [m.id for m in mandates]
    app.config["MAX_PROXIES_PER_HOLDER"] = 1  # lowered after they were given
    item = ballot.items[0]
    clients = [sign_in(app.test_client(), holder) for _ in ids]
    barrier = threading.Barrier(len(ids))

    def cast(client, mandate_id) -> None:
        with app.app_context():
            barrier.wait()
            client.post(
                f"/c/ai/ballots/{ballot.id}/proxies/{mandate_id}",
                data={f"item_{item.id}": code("for"), "confirmed": "yes", "basis": "new"},
            )
            db.session.remove()

    threads = [threading.Thread(target=cast, args=pair) for pair in zip(clients, ids, strict=True)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        app.config["MAX_PROXIES_PER_HOLDER"] = 1
    givers = db.session.scalars(
        sa.select(BallotParticipation.membership_id).where(BallotParticipation.channel == "proxy")
    ).all()
    assert len(givers) == 1
