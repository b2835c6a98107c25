"""Ballot services: freezing at opening, casting, the frozen tally, recommendation states."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db
from convention.models import AuditEvent, BallotParticipation, BallotState, Receipt, Vote
from convention.rules.recommendations import RecommendationState
from convention.rules.tally import Choice, Grade
from convention.voting import services
from tests.factories import make_amendment, make_ballot, make_member


@pytest.fixture(autouse=True)
def request_context(app):
    """Services translate their error messages: give them a request."""
    with app.test_request_context():
        yield


def test_opening_freezes_eligibility_and_puts_the_recommendation_in_vote(room):
    convention, facilitator, citizens, recommendation = room
    ballot = make_ballot(convention, facilitator, questions=(), recommendations=[recommendation])
    services.open_ballot(ballot, facilitator)
    db.session.commit()
    assert ballot.state == BallotState.OPEN
    assert ballot.eligible == 5
    assert recommendation.state == RecommendationState.IN_VOTE
    assert ballot.items[0].version_id == recommendation.final_version_id
    make_member(convention)  # joins after opening: the quorum base does not move
    services.refresh(ballot)
    assert ballot.eligible == 5
    with pytest.raises(services.VotingError):
        services.change_settings(ballot, facilitator, quorum_percent=90)


def test_closing_tallies_once_and_adopts(room):
    convention, facilitator, citizens, recommendation = room
    ballot = make_ballot(convention, facilitator, questions=(), recommendations=[recommendation])
    services.open_ballot(ballot, facilitator)
    item = ballot.items[0]
    for member, choice in zip(citizens, ["for", "for", "for", "against", "abstain"], strict=True):
        services.cast_vote(ballot, member, {item.id: Choice(choice)})
    services.close_ballot(ballot, facilitator)
    db.session.commit()
    assert item.result["yes"] == 3 and item.result["no"] == 1 and item.result["abstain"] == 1
    assert item.result["outcome"] == "adopted"
    assert recommendation.state == RecommendationState.ADOPTED
    tallied = ballot.tallied_at
    services.refresh(ballot)
    assert ballot.tallied_at == tallied
    closes = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "ballot.closed")
    ).all()
    assert len(closes) == 1


def test_a_ballot_closes_by_its_times_at_the_first_read(room):
    convention, facilitator, citizens, recommendation = room
    now = utcnow()
    for member in citizens[:4]:  # members before the opening; the fifth joined after it
        member.joined_at = now - timedelta(hours=3)
    ballot = make_ballot(
        convention,
        facilitator,
        recommendations=[recommendation],
        opens_at=now - timedelta(hours=2),
        closes_at=now - timedelta(hours=1),
    )
    assert services.refresh(ballot) == BallotState.CLOSED
    db.session.commit()
    assert ballot.eligible == 4
    assert ballot.items[1].result["outcome"] == "rejected"
    assert recommendation.state == RecommendationState.REJECTED


def test_quorum_missed_is_not_adopted(room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, quorum_percent=50)
    item = ballot.items[0]
    for member in citizens[:2]:
        services.cast_vote(ballot, member, {item.id: Choice.FOR})
    services.close_ballot(ballot, facilitator)
    assert item.result["quorum_needed"] == 3
    assert item.result["outcome"] == "no_quorum"


def test_a_secret_ballot_refuses_a_second_cast_and_keeps_a_fingerprint(room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    item = ballot.items[0]
    code = services.cast_vote(ballot, citizens[0], {item.id: Choice.FOR})
    assert code
    with pytest.raises(services.AlreadyVoted):
        services.cast_vote(ballot, citizens[0], {item.id: Choice.AGAINST})
    receipt = db.session.scalar(sa.select(Receipt))
    assert receipt.fingerprint == services.fingerprint(ballot, code)
    assert code not in receipt.fingerprint
    assert db.session.scalar(sa.select(Vote)).membership_id is None


def test_a_roll_call_vote_may_change_until_close(room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False)
    item = ballot.items[0]
    assert services.cast_vote(ballot, citizens[0], {item.id: Choice.FOR}) is None
    services.cast_vote(ballot, citizens[0], {item.id: Choice.AGAINST})
    votes = db.session.scalars(sa.select(Vote)).all()
    assert [(v.membership_id, v.choice) for v in votes] == [(citizens[0].id, Choice.AGAINST)]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotParticipation)) == 1
    services.close_ballot(ballot, facilitator)
    with pytest.raises(services.VotingError):
        services.cast_vote(ballot, citizens[1], {item.id: Choice.FOR})


def test_only_citizens_vote_and_on_every_item(room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, questions=("A", "B"))
    with pytest.raises(services.VotingError):
        services.cast_vote(ballot, facilitator, {i.id: Choice.FOR for i in ballot.items})
    with pytest.raises(services.VotingError):
        services.cast_vote(ballot, citizens[0], {ballot.items[0].id: Choice.FOR})


def test_an_amendment_adopted_by_vote_makes_a_new_version(room):
    convention, facilitator, citizens, recommendation = room
    amendment = make_amendment(recommendation, citizens[1], paragraph=0, new_text="Better words.")
    amendment.state, amendment.put_to_vote = "rejected", True
    db.session.commit()
    ballot = make_ballot(convention, facilitator, questions=())
    services.add_item(ballot, facilitator, amendment=amendment)
    services.open_ballot(ballot, facilitator)
    for member in citizens:
        services.cast_vote(ballot, member, {ballot.items[0].id: Choice.FOR})
    services.close_ballot(ballot, facilitator)
    db.session.commit()
    db.session.refresh(recommendation)
    assert recommendation.body.startswith("Better words.")
    assert recommendation.versions[-1].amendment_id == amendment.id
    assert recommendation.final_version_id == recommendation.versions[-1].id


def test_only_final_recommendations_and_amendments_put_to_the_vote_are_items(room):
    convention, facilitator, citizens, recommendation = room
    recommendation.state = RecommendationState.SUBMITTED
    amendment = make_amendment(recommendation, citizens[1])
    ballot = make_ballot(convention, facilitator)
    with pytest.raises(services.VotingError):
        services.add_item(ballot, facilitator, recommendation=recommendation)
    with pytest.raises(services.VotingError):
        services.add_item(ballot, facilitator, amendment=amendment)


def test_a_prioritisation_ballot_ranks_without_changing_states(room):
    convention, facilitator, citizens, recommendation = room
    ballot = make_ballot(
        convention,
        facilitator,
        questions=("Other",),
        recommendations=[recommendation],
        method="judgment",
    )
    services.open_ballot(ballot, facilitator)
    first, second = ballot.items
    for member in citizens:
        services.cast_vote(ballot, member, {first.id: Grade.PASSABLE, second.id: Grade.EXCELLENT})
    services.close_ballot(ballot, facilitator)
    assert second.result["rank"] == 1 and first.result["rank"] == 2
    assert second.result["median"] == Grade.EXCELLENT
    assert recommendation.state == RecommendationState.FINAL
