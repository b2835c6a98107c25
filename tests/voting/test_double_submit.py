"""A vote sent twice (retry, back button, second tab) is recorded once and told so, kindly."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import BallotParticipation, ProxyMandate, Receipt, Vote
from tests.factories import make_ballot
from tests.voting.conftest import code, review, sign_in


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_secret_vote_confirmed_twice_counts_once_and_shows_no_receipt_again(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    url = f"/c/ai/ballots/{ballot.id}/votes"
    sign_in(client, citizens[0])
    confirm = review(client, url, {f"item_{ballot.items[0].id}": code("for")})
    first = client.post(url, data=confirm)
    assert "receipt-code" in first.text
    again = client.post(url, data=confirm)  # the retry, or the back button and confirm again
    assert again.status_code == 200
    assert "Already counted" in again.text and "already counted, once" in again.text
    assert "receipt-code" not in again.text
    assert _count(BallotParticipation) == _count(Vote) == _count(Receipt) == 1


def test_a_second_tab_of_a_secret_ballot_is_told_the_vote_was_counted(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    url = f"/c/ai/ballots/{ballot.id}/votes"
    sign_in(client, citizens[0])
    first_tab = review(client, url, {f"item_{ballot.items[0].id}": code("for")})
    second_tab = review(client, url, {f"item_{ballot.items[0].id}": code("against")})
    assert "receipt-code" in client.post(url, data=first_tab).text
    # the second tab's form, reviewed again or confirmed: both answer "already counted"
    for data in ({f"item_{ballot.items[0].id}": code("against")}, second_tab):
        answer = client.post(url, data=data)
        assert answer.status_code == 200 and "Already counted" in answer.text
    assert db.session.scalar(sa.select(Vote.choice)) == "for"
    assert _count(Vote) == 1


def test_a_roll_call_vote_resent_after_a_change_does_not_undo_it(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False)
    item = ballot.items[0]
    url = f"/c/ai/ballots/{ballot.id}/votes"
    sign_in(client, citizens[0])
    old = review(client, url, {f"item_{item.id}": code("for")})
    assert client.post(url, data=old).status_code == 200
    resent = client.post(url, data=old)  # the same confirmation, again
    assert "Already counted" in resent.text
    new = review(client, url, {f"item_{item.id}": code("against")})
    assert "Your vote is recorded" in client.post(url, data=new).text  # a change on purpose
    stale = client.post(url, data=old)  # back button twice, then confirm the old page
    assert stale.status_code == 200 and "Already counted" in stale.text
    vote = db.session.scalar(sa.select(Vote))
    db.session.refresh(vote)
    assert vote.choice == "against" and vote.membership_id == citizens[0].id
    assert _count(BallotParticipation) == _count(Vote) == 1
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert "Your vote: Against" in page


def test_a_proxy_vote_sent_twice_counts_once(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    client.post("/c/ai/proxies", data={"holder": citizens[1].id, "scope": f"b{ballot.id}"})
    mandate_id = db.session.scalar(sa.select(ProxyMandate.id))
    sign_in(client, citizens[1])
    url = f"/c/ai/ballots/{ballot.id}/proxies/{mandate_id}"
    confirm = review(client, url, {f"item_{ballot.items[0].id}": code("for")})
    assert "receipt-code" in client.post(url, data=confirm).text
    again = client.post(url, data=confirm)
    assert again.status_code == 200
    assert f"The vote of {citizens[0].pseudonym} was already counted, once." in again.text
    assert "receipt-code" not in again.text
    assert _count(BallotParticipation) == _count(Vote) == _count(Receipt) == 1
