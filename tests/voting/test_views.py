"""Ballot pages: create, add items, open, vote with confirmation, receipt, close, results."""

from datetime import timedelta

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Ballot, BallotParticipation
from convention.rules.recommendations import RecommendationState
from tests.factories import make_attendance, make_ballot, make_session
from tests.voting.conftest import sign_in, vote


def test_a_facilitator_runs_a_ballot_from_creation_to_results(app, client, room):
    convention, facilitator, citizens, recommendation = room
    sign_in(client, facilitator)
    response = client.post(
        "/c/ai/ballots/new",
        data={
            "title": "Final vote",
            "method": "approval",
            "majority": "expressed",
            "threshold": "2/3",
            "quorum_percent": "20",
            "secret": "y",
        },
    )
    assert response.status_code == 303
    ballot = db.session.scalar(sa.select(Ballot))
    assert (ballot.threshold_num, ballot.threshold_den) == (2, 3)
    assert (
        client.post(
            f"/c/ai/ballots/{ballot.id}/items", data={"subject": f"r{recommendation.id}"}
        ).status_code
        == 303
    )
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert "2/3" not in page and "at least two thirds" in page  # the rule in words
    assert client.post(f"/c/ai/ballots/{ballot.id}/open").status_code == 303
    db.session.refresh(ballot)
    assert ballot.eligible == 5
    for member in citizens[:3]:
        sign_in(client, member)
        assert vote(client, ballot, {"*": "for"}).status_code == 200
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    page = client.get(f"/c/ai/ballots/{ballot.id}/results")
    assert page.status_code == 200
    assert "<svg" in page.text and "<table" in page.text
    db.session.refresh(recommendation)
    assert recommendation.state == RecommendationState.ADOPTED
    csv = client.get(f"/c/ai/ballots/{ballot.id}/results.csv").text
    assert csv.splitlines()[1].split(",")[2:5] == ["3", "0", "0"]


def test_voting_asks_for_confirmation_then_shows_the_receipt_once(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    confirm = vote(client, ballot, {"*": "against"}, confirm=False)
    assert confirm.status_code == 200
    assert "Confirm my vote" in confirm.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotParticipation)) == 0
    receipt = vote(client, ballot, {"*": "against"})
    code = receipt.text.split('id="receipt-code">')[1].split("<")[0]
    assert len(code) == 27
    assert code not in client.get(f"/c/ai/ballots/{ballot.id}").text
    again = vote(client, ballot, {"*": "for"})
    assert again.status_code == 200 and "Already counted" in again.text
    assert "receipt-code" not in again.text


def test_an_incomplete_vote_is_refused(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    assert vote(client, ballot, {}).status_code == 422


def test_a_roll_call_page_shows_the_members_own_vote(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False)
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "abstain"})
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert "Your vote: Abstain" in page and "Change your vote" in page


def test_the_live_count_gives_turnout_but_never_a_tally(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    data = client.get(f"/c/ai/ballots/{ballot.id}/live.json").get_json()
    assert data == {"state": "open", "voted": 1, "present": None, "eligible": 5, "closes_at": None}


def test_the_room_count_uses_the_attendance_of_the_session_under_way(client, room):
    convention, facilitator, citizens, _ = room
    session = make_session(convention, starts_in=timedelta(minutes=-30))
    for member, status in zip(citizens[:3], ("present", "present", "absent"), strict=True):
        make_attendance(session, member, status)
    db.session.commit()
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    assert client.get(f"/c/ai/ballots/{ballot.id}/live.json").get_json()["present"] == 2
    sign_in(client, facilitator)
    page = client.get(f"/c/ai/ballots/{ballot.id}/projector").text
    assert "1 have voted, of 2 members present (5 may vote)." in page


def test_the_projector_shows_the_count_then_the_result(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, citizens[0])
    vote(client, ballot, {"*": "for"})
    sign_in(client, facilitator)
    page = client.get(f"/c/ai/ballots/{ballot.id}/projector").text
    assert "1 of 5 members have voted." in page and "result-chart" not in page
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    assert "result-chart" in client.get(f"/c/ai/ballots/{ballot.id}/projector").text


def test_settings_freeze_when_the_ballot_opens(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    client.post(
        f"/c/ai/ballots/{ballot.id}/edit",
        data={
            "title": "Changed",
            "method": "approval",
            "majority": "expressed",
            "threshold": "1/2",
            "quorum_percent": "90",
        },
    )
    db.session.refresh(ballot)
    assert ballot.title == "Plenary vote" and ballot.quorum_percent == 0


def test_another_conventions_ballot_answers_404(client, room):
    from tests.factories import make_convention, make_member

    convention, facilitator, citizens, _ = room
    other = make_convention(slug="other")
    ballot = make_ballot(other, make_member(other), opened=True)
    sign_in(client, citizens[0])
    assert client.get(f"/c/ai/ballots/{ballot.id}").status_code == 404


def test_the_settings_form_shows_the_rule_as_typed(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, threshold_num=60, threshold_den=100)
    sign_in(client, facilitator)
    page = client.get(f"/c/ai/ballots/{ballot.id}/edit").text
    assert 'value="pct" selected' in page or 'selected value="pct"' in page
    assert 'value="60"' in page


def test_closing_a_ballot_asks_first_and_a_double_click_closes_it_once(client, room):
    convention, facilitator, _, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    asked = client.post(f"/c/ai/ballots/{ballot.id}/close")
    assert asked.status_code == 200 and "Are you sure?" in asked.text
    assert "nobody can vote any more" in asked.text and 'name="confirmed" value="yes"' in asked.text
    db.session.refresh(ballot)
    assert ballot.closed_at is None  # asking changes nothing
    closed = client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    assert closed.status_code == 303
    db.session.refresh(ballot)
    closed_at = ballot.closed_at
    assert closed_at is not None
    again = client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    assert again.status_code == 303
    db.session.refresh(ballot)
    assert ballot.closed_at == closed_at
