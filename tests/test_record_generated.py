"""One record on a convention built through the services: figures, rules, sessions, follow-up."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from convention.council import services as council
from convention.extensions import db
from convention.meetings import services as meetings
from convention.models import Ballot, BallotItem, CouncilResponse, Membership, Recommendation
from convention.reports import services as reports
from convention.rules.council import Decision, ImplementationStatus
from convention.rules.meetings import AttendanceStatus
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.rules.tally import Choice, Grade, Majority, Method
from convention.voting import services as voting
from tests import record
from tests.factories import (
    make_convention,
    make_member,
    make_recommendation,
    make_session,
    make_topic,
)

F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN
# Recommendation title -> (for, against, abstaining, outcome) as the test casts them.
EXPECTED = {
    "Two thirds reached": (8, 3, 1, "adopted"),
    "Two thirds missed": (7, 4, 1, "rejected"),
    "Half of the members": (7, 4, 0, "adopted"),
    "Too few voters": (3, 1, 1, "no_quorum"),
}


def _run(ballot, facilitator, voters, answers_by_item):
    """Open a ballot, have each voter answer every item in order, close and tally it."""
    voting.open_ballot(ballot, facilitator)
    for index, member in enumerate(voters):
        voting.cast_vote(
            ballot, member, {item.id: answers[index] for item, answers in answers_by_item.items()}
        )
    voting.close_ballot(ballot, facilitator)


def _answers(yes, no, abstain):
    """List answers in casting order."""
    return [F] * yes + [A] * no + [X] * abstain


@pytest.fixture
def generated(app):
    """Members, sessions, recommendations, four ballots and a published report, via services."""
    convention = make_convention(slug="gen", public=True, phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    expert = make_member(convention, role=Role.EXPERT)
    council_member = make_member(convention, role=Role.COUNCIL)
    citizens = [make_member(convention) for _ in range(12)]
    topic = make_topic(convention)
    recs = {
        title: make_recommendation(topic, citizens[0], title=title, state="final")
        for title in EXPECTED
    }
    held = make_session(convention, title="Opening", starts_in=-timedelta(days=3))
    make_session(convention, title="Closing", starts_in=timedelta(days=10))
    statuses = {c.id: AttendanceStatus.PRESENT for c in citizens[:9]}
    statuses |= {c.id: AttendanceStatus.ABSENT for c in citizens[9:]}
    statuses |= {facilitator.id: AttendanceStatus.PRESENT, expert.id: AttendanceStatus.PRESENT}
    meetings.record_attendance(held, facilitator, statuses)

    secret = voting.create_ballot(
        convention,
        facilitator,
        title="Two thirds",
        threshold_num=2,
        threshold_den=3,
        quorum_percent=50,
    )
    first = voting.add_item(secret, facilitator, recommendation=recs["Two thirds reached"])
    second = voting.add_item(secret, facilitator, recommendation=recs["Two thirds missed"])
    _run(secret, facilitator, citizens, {first: _answers(8, 3, 1), second: _answers(7, 4, 1)})

    roll_call = voting.create_ballot(
        convention, facilitator, title="Roll call", secret=False, majority=Majority.MEMBERS
    )
    item = voting.add_item(roll_call, facilitator, recommendation=recs["Half of the members"])
    _run(roll_call, facilitator, citizens[:11], {item: _answers(7, 4, 0)})

    late = voting.create_ballot(convention, facilitator, title="Late vote", quorum_percent=50)
    item = voting.add_item(late, facilitator, recommendation=recs["Too few voters"])
    _run(late, facilitator, citizens[:5], {item: _answers(3, 1, 1)})

    ranking = voting.create_ballot(
        convention, facilitator, title="Priorities", method=Method.JUDGMENT
    )
    adopted = [recs["Two thirds reached"], recs["Half of the members"]]
    top, other = (voting.add_item(ranking, facilitator, recommendation=r) for r in adopted)
    _run(
        ranking,
        facilitator,
        citizens[:10],
        {top: [Grade.VERY_GOOD] * 10, other: [Grade.PASSABLE] * 10},
    )
    reports.publish(convention, facilitator)
    db.session.commit()
    return convention, recs, council_member


def _item(recommendation: Recommendation) -> BallotItem:
    """Return the for/against item of a recommendation."""
    return db.session.scalars(
        sa.select(BallotItem)
        .join(Ballot)
        .where(BallotItem.recommendation_id == recommendation.id, Ballot.method == Method.APPROVAL)
    ).one()


def test_every_figure_of_a_generated_convention_reads_the_same_everywhere(generated, login_as):
    convention, recs, council_member = generated
    client = login_as(council_member.user)
    published = record.published(client, "gen")
    for title, (yes, no, abstain, outcome) in EXPECTED.items():
        seen = record.everywhere(client, "gen", _item(recs[title]), published)
        assert len(seen) == 7
        for source, figures in seen.items():
            assert (figures.yes, figures.no, figures.abstain, figures.outcome) == (
                yes,
                no,
                abstain,
                outcome,
            ), (title, source)
            assert (figures.participants, figures.eligible) == (yes + no + abstain, 12), source
        expected_state = "adopted" if outcome == "adopted" else "rejected"
        assert recs[title].state.value == expected_state


def test_a_ranking_of_adopted_recommendations_reaches_every_format(generated, login_as):
    convention, recs, council_member = generated
    client = login_as(council_member.user)
    published = record.published(client, "gen")
    ballot = db.session.scalar(sa.select(Ballot).where(Ballot.method == Method.JUDGMENT))
    ranks = record.rankings(client, "gen", ballot, published)
    expected = {recs["Two thirds reached"].reference: 1, recs["Half of the members"].reference: 2}
    assert all(found == expected for found in ranks.values()), ranks
    assert "Priorities(majorityjudgment" in published["pdf"]


def test_the_transparency_page_words_each_ballot_rule(generated, client):
    page = client.get("/c/gen/transparency").text
    worded = {
        b.title: record.text_of(record.inside(page, f'id="rule-{b.id}">', "</li>")).replace(
            " ;", ";"
        )
        for b in db.session.scalars(sa.select(Ballot))
    }
    assert worded == {
        "Two thirds": "Two thirds: at least two thirds of the votes expressed; quorum: 50% of "
        "the eligible members take part; secret ballot",
        "Roll call": "Roll call: more than half of the eligible members; no quorum; roll-call vote",
        "Late vote": "Late vote: more than half of the votes expressed; quorum: 50% of the "
        "eligible members take part; secret ballot",
        "Priorities": "Priorities: ranking by majority judgment (the median grade), no "
        "threshold; no quorum; secret ballot",
    }
    french = record.text_of(
        client.get("/c/gen/transparency", headers={"Accept-Language": "fr"}).text
    )
    assert "au moins deux tiers des suffrages exprimés" in french
    assert "plus de la moitié des membres" in french


def test_attendance_counts_citizens_at_sessions_held(generated, login_as, client):
    report = client.get("/c/gen/report.json").json
    opening, closing = report["sessions"]
    assert (opening["held"], opening["present"], opening["expected"]) == (True, 9, 12)
    assert (closing["held"], closing["present"], closing["expected"]) == (False, None, None)
    assert report["participation"]["average_attendance"] == 0.75
    assert report["participation"]["sessions_held"] == 1
    assert report["convention"]["first_session"] == report["convention"]["last_session"]
    assert report["convention"]["last_session"] == opening["date"]


def test_a_corrected_answer_keeps_its_history_and_follow_up_goes_on_after_the_close(
    generated, login_as, client
):
    convention, recs, council_member = generated
    adopted = recs["Two thirds reached"]
    answer = dict(
        debated_on=date.today() - timedelta(days=20),
        votes=(30, 10, 5),
        reasons="Studied first.",
        department="Digital",
    )
    council.answer(
        adopted,
        council_member,
        decision=Decision.REFERRED,
        deadline=date.today() - timedelta(days=5),
        **answer,
    )
    response = council.answer(
        adopted,
        council_member,
        decision=Decision.ADOPTED_WITH_CHANGES,
        deadline=date.today() + timedelta(days=60),
        **answer,
    )
    db.session.commit()
    page = record.text_of(client.get(f"/c/gen/responses/{response.id}").text)
    assert "Corrected on" in page and "was: Referred" in page
    assert "Overdue when corrected" in page
    convention.phase = Phase.CLOSED
    db.session.commit()
    login_as(council_member.user)
    update = {
        "status": "completed",
        "percent": "100",
        "noted_on": date.today().isoformat(),
        "note": "Done after the panel closed.",
    }
    assert client.post(f"/c/gen/responses/{response.id}/updates", data=update).status_code == 303
    assert client.get(f"/c/gen/recommendations/{adopted.id}/response").status_code == 403
    assert db.session.get(CouncilResponse, response.id).status == ImplementationStatus.COMPLETED
    accountability = record.text_of(client.get("/c/gen/accountability").text)
    assert "Late" in accountability  # overdue when corrected: the lateness stays on record


def test_a_for_against_ballot_refuses_an_adopted_recommendation(app, generated):
    convention, recs, _ = generated
    facilitator = db.session.scalar(
        sa.select(Membership).where(
            Membership.convention_id == convention.id, Membership.role == Role.FACILITATOR
        )
    )
    ballot = voting.create_ballot(convention, facilitator, title="Second reading")
    with app.test_request_context(), pytest.raises(voting.VotingError):
        voting.add_item(ballot, facilitator, recommendation=recs["Two thirds reached"])
