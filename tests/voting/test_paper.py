"""Paper votes: anonymous ballots in the box in a secret ballot, named in a roll call."""

import re

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, BallotParticipation, ProxyMandate, Vote
from tests.factories import make_ballot
from tests.voting.conftest import code, review, sign_in, vote

# What a frozen for/against/abstain result may hold: totals and participation per channel,
# never a choice count per channel.
RESULT_KEYS = {
    "yes",
    "no",
    "abstain",
    "channels",
    "participants",
    "eligible",
    "expressed",
    "required",
    "quorum_needed",
    "quorum_met",
    "outcome",
}


def _hand_count(client, ballot, members, yes, no, abstain):
    item = ballot.items[0]
    data = {"members": [m.id for m in members], f"yes_{item.id}": yes}
    data |= {f"no_{item.id}": no, f"abstain_{item.id}": abstain}
    return client.post(f"/c/ai/ballots/{ballot.id}/paper", data=data)


def test_paper_ballots_enter_the_box_and_no_count_per_channel_is_kept(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    sign_in(client, facilitator)
    page = client.get(f"/c/ai/ballots/{ballot.id}/paper").text
    assert 'type="checkbox"' in page and citizens[0].pseudonym not in page  # voted already
    assert _hand_count(client, ballot, citizens[1:3], 1, 0, 0).status_code == 422  # adds up wrong
    assert _hand_count(client, ballot, citizens[1:4], 1, 1, 1).status_code == 303
    votes = db.session.execute(sa.select(Vote.choice, Vote.membership_id)).all()
    assert sorted(str(c) for c, _ in votes) == ["abstain", "against", "for", "for"]
    assert all(member is None for _, member in votes)
    channels = db.session.scalars(sa.select(BallotParticipation.channel)).all()
    assert sorted(channels) == ["online", "paper", "paper", "paper"]
    sign_in(client, citizens[1])  # ticked on paper: cannot vote again online
    assert "Already counted" in vote(client, ballot, {"*": "against"}).text
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    db.session.refresh(ballot)
    result = ballot.items[0].result
    assert set(result) <= RESULT_KEYS
    assert (result["yes"], result["no"], result["abstain"]) == (2, 1, 1)
    assert result["channels"] == {"online": 1, "paper": 3}  # who took part, never how
    page = client.get(f"/c/ai/ballots/{ballot.id}/results").text
    assert "Online" not in page and "hand count" not in page
    assert "Including 3 on paper and 0 by proxy" in page


def test_a_hand_count_audit_event_holds_totals_and_no_member_id(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    _hand_count(client, ballot, citizens[4:5], 0, 1, 0)  # a lone paper voter
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "ballot.hand_count"))
    assert event.details == {"ballots": 1}
    page = client.get("/c/ai/audit").text
    assert citizens[4].pseudonym not in page


def test_a_roll_call_names_paper_voters_and_marks_proxies(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False)
    item = ballot.items[0]
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    late = client.post("/c/ai/proxies", data={"holder": citizens[1].id, "scope": f"b{ballot.id}"})
    assert late.status_code == 422 and "has already voted" in late.text
    sign_in(client, citizens[2])
    client.post("/c/ai/proxies", data={"holder": citizens[1].id, "scope": f"b{ballot.id}"})
    mandate_id = db.session.scalar(
        sa.select(ProxyMandate.id).where(ProxyMandate.giver_id == citizens[2].id)
    )
    sign_in(client, citizens[1])
    url = f"/c/ai/ballots/{ballot.id}/proxies/{mandate_id}"
    client.post(url, data=review(client, url, {f"item_{item.id}": code("abstain")}))
    sign_in(client, facilitator)
    paper = client.get(f"/c/ai/ballots/{ballot.id}/paper").text
    assert citizens[3].pseudonym in paper and citizens[2].pseudonym not in paper
    half = {f"m{citizens[3].id}_i{item.id}": code("against")}
    assert client.post(f"/c/ai/ballots/{ballot.id}/paper", data=half).status_code == 303
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    page = client.get(f"/c/ai/ballots/{ballot.id}/results").text
    rows = {
        row.split("<td>")[2].split("<")[0]: row
        for row in page.split("Roll call", 1)[1].split("<tr>")[2:]
    }
    assert "on paper" in rows[citizens[3].pseudonym] and "Against" in rows[citizens[3].pseudonym]
    proxy_row = rows[citizens[2].pseudonym]
    assert f"by proxy, cast by {citizens[1].pseudonym}" in proxy_row and "Abstain" in proxy_row
    assert "online" in rows[citizens[0].pseudonym]
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "ballot.paper_votes")
    )
    assert event.details == {"members": [citizens[3].id]}


def test_a_roll_call_paper_vote_must_answer_every_item(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False, questions=("A", "B"))
    first = ballot.items[0]
    sign_in(client, facilitator)
    data = {f"m{citizens[0].id}_i{first.id}": code("for")}
    answer = client.post(f"/c/ai/ballots/{ballot.id}/paper", data=data)
    assert answer.status_code == 422 and "on every item" in answer.text
    assert client.post(f"/c/ai/ballots/{ballot.id}/paper", data={}).status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 0


def test_the_tally_lists_members_as_toggles_in_order_and_counts_the_ticks(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    page = client.get(f"/c/ai/ballots/{ballot.id}/paper").text
    assert "<select" not in page and "0 ticked" in page
    # Without JavaScript: every name listed alphabetically, each with its checkbox.
    names = re.findall(r'<label class="toggle"><input[^>]*type="checkbox"[^>]*> <span>(\w+)', page)
    assert names == sorted(c.pseudonym for c in citizens)
    assert 'src="/static/paper.js"' in page and "<script>" not in page
    wrong = _hand_count(client, ballot, citizens[:2], 1, 0, 0)  # adds up wrong: shown again
    assert wrong.status_code == 422 and "2 ticked" in wrong.text
    assert wrong.text.count("checked") == 2
    done = _hand_count(client, ballot, citizens[:2], 1, 1, 0)
    assert done.status_code == 303
    assert "2 paper ballots are in the box." in client.get(done.location).text
    votes = db.session.execute(sa.select(Vote.choice, Vote.membership_id)).all()
    assert sorted((str(c), m) for c, m in votes) == [("against", None), ("for", None)]
