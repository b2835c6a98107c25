"""The electorate: the active citizens at the opening, listed; later members cannot vote."""

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import BallotElector, BallotParticipation
from convention.voting import services
from tests.factories import make_ballot, make_member
from tests.voting.conftest import sign_in, vote


def test_opening_lists_the_electorate_and_quorum_counts_it(app, client, room):
    convention, facilitator, citizens, _ = room
    make_member(convention, active=False)  # not active at the opening
    ballot = make_ballot(convention, facilitator, quorum_percent=50)
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/open")
    listed = db.session.scalars(sa.select(BallotElector.membership_id)).all()
    assert sorted(listed) == sorted(m.id for m in citizens)
    db.session.refresh(ballot)
    assert ballot.eligible == 5
    for member in citizens[:3]:
        sign_in(client, member)
        vote(client, ballot, {"*": "for"})
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    db.session.refresh(ballot)
    assert ballot.items[0].result["quorum_needed"] == 3
    assert ballot.items[0].result["quorum_met"] is True


def test_a_member_added_after_the_opening_cannot_vote_and_sees_why(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    client.get(f"/c/ai/ballots/{ballot.id}")  # the first read freezes the electorate
    late = make_member(convention, pseudonym="Latecomer")
    sign_in(client, late)
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert "You joined after this ballot opened" in page
    assert "Review my vote" not in page
    answer = vote(client, ballot, {"*": "for"})
    assert answer.status_code == 409 and "You joined after this ballot opened" in answer.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotParticipation)) == 0
    # nor on paper, nor by proxy
    sign_in(client, facilitator)
    assert "Latecomer" not in client.get(f"/c/ai/ballots/{ballot.id}/paper").text
    sign_in(client, late)
    given = client.post("/c/ai/proxies", data={"holder": citizens[1].id, "scope": f"b{ballot.id}"})
    assert given.status_code == 422 and "not in this ballot" in given.text
    sign_in(client, citizens[1])
    held = client.post("/c/ai/proxies", data={"holder": late.id, "scope": f"b{ballot.id}"})
    assert held.status_code == 422 and "not in this ballot" in held.text


def test_a_paper_tick_outside_the_electorate_is_refused(app, room):
    from convention.rules.tally import Count

    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    with app.test_request_context():
        services.refresh(ballot)
        late = make_member(convention)
        with pytest.raises(services.VotingError, match="not in this ballot"):
            services.record_paper(ballot, facilitator, [late], {ballot.items[0].id: Count(1)})
