"""Who is told of each event, in which language, and when the email goes (at once or digested)."""

import pytest
import sqlalchemy as sa

from convention.amendments import services as amendments
from convention.clock import utcnow
from convention.comments import services as comments
from convention.conventions import services as conventions
from convention.council import services as council
from convention.extensions import db
from convention.models import (
    Delivery,
    Notification,
    NotificationKind,
    OutboxMessage,
)
from convention.notifications import services as notifications
from convention.notifications.messages import describe
from convention.rules.comments import FlagReason
from convention.rules.council import ImplementationStatus
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.voting import services as voting
from tests.factories import (
    make_ballot,
    make_comment,
    make_convention,
    make_member,
    make_recommendation,
    make_response,
    make_topic,
    make_user,
)


@pytest.fixture(autouse=True)
def in_a_request(app):
    """Act as the services do: inside a request (or `tick`'s), where links and languages work."""
    with app.test_request_context("/"):
        yield


@pytest.fixture
def panel(app):
    """A convention with a facilitator, a council member and three citizens, one French."""
    convention = make_convention(slug="ai", phase=Phase.AMENDMENTS)
    people = {
        "facilitator": make_member(convention, role=Role.FACILITATOR),
        "council": make_member(convention, role=Role.COUNCIL),
        "ana": make_member(convention, user=make_user(email="ana@example.org"), pseudonym="Ana"),
        "bo": make_member(convention, pseudonym="Bo"),
        "cy": make_member(convention, pseudonym="Cy"),
    }
    people["ana"].user.locale = "fr"
    db.session.commit()
    return convention, people


def _told(kind: NotificationKind) -> dict[int, str]:
    """Who got a notification of `kind`, with what it says in English."""
    rows = db.session.scalars(sa.select(Notification).where(Notification.kind == kind))
    return {row.user_id: describe(row) for row in rows}


def test_a_ballot_opening_tells_its_electorate_only(panel):
    convention, people = panel
    ballot = make_ballot(convention, people["facilitator"])
    ballot.title = "Budget"
    voting.open_ballot(ballot, people["facilitator"])
    late = make_member(convention, pseudonym="Late")
    db.session.commit()
    told = _told(NotificationKind.BALLOT)
    citizens = {people[name].user_id for name in ("ana", "bo", "cy")}
    assert set(told) == citizens and late.user_id not in told
    assert told[people["bo"].user_id] == "A ballot is open: “Budget”."
    mail = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == "ana@example.org")
    )
    assert "Un scrutin est ouvert : « Budget »." in mail.body


def test_amendments_tell_the_writers_then_the_author_of_the_decision(panel):
    convention, people = panel
    topic = make_topic(convention)
    recommendation = make_recommendation(topic, people["ana"], state="submitted", title="Open data")
    amendment = amendments.propose(
        recommendation, people["bo"], paragraph=None, new_text="Open all data.", justification=""
    )
    assert set(_told(NotificationKind.AMENDMENT)) == {people["ana"].user_id}
    amendments.reject(amendment, people["ana"], "Too broad", put_to_vote=False)
    db.session.commit()
    told = _told(NotificationKind.AMENDMENT_DECIDED)
    assert told == {people["bo"].user_id: "Your amendment to “Open data” was rejected."}


def test_a_phase_change_tells_every_member_but_the_one_who_moved_it(panel):
    convention, people = panel
    conventions.move_phase(people["facilitator"], Phase.VOTING)
    db.session.commit()
    told = _told(NotificationKind.PHASE)
    assert people["facilitator"].user_id not in told and len(told) == 4
    assert told[people["cy"].user_id] == "The convention moved to a new phase: Voting."


def test_a_flag_tells_the_facilitators(panel):
    convention, people = panel
    topic = make_topic(convention, title="Cameras")
    comment = make_comment(topic, people["bo"])
    comments.flag_comment(comment, people["cy"], FlagReason.SPAM, "")
    db.session.commit()
    assert _told(NotificationKind.FLAG) == {
        people[
            "facilitator"
        ].user_id: "A contribution on “Cameras” was reported: moderation awaits."
    }


def test_an_implementation_update_tells_every_member_but_its_author(panel):
    convention, people = panel
    topic = make_topic(convention)
    recommendation = make_recommendation(topic, people["ana"], state="adopted", title="Open data")
    response = make_response(recommendation, people["council"])
    council.add_update(
        response,
        people["council"],
        status=ImplementationStatus.IN_PROGRESS,
        percent=40,
        noted_on=utcnow().date(),
        note="Started.",
    )
    db.session.commit()
    told = _told(NotificationKind.UPDATE)
    assert people["council"].user_id not in told and len(told) == 4


def test_a_digest_gathers_the_days_news_in_one_email_sent_by_tick(app, panel, clock):
    convention, people = panel
    ana = people["ana"].user
    notifications.set_preferences(ana, {NotificationKind.SESSION: Delivery.DIGEST})
    for title in ("Day 1", "Day 2"):
        notifications.notify([ana.id], convention, NotificationKind.SESSION, "/c/ai/", title=title)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    runner = app.test_cli_runner()
    assert "digests queued: 0" in runner.invoke(args=["convention", "tick"]).output
    clock.move(days=1, minutes=1)
    assert "digests queued: 1" in runner.invoke(args=["convention", "tick"]).output
    (mail,) = db.session.scalars(sa.select(OutboxMessage)).all()
    assert "Day 1" in mail.body and "Day 2" in mail.body
    assert "Une nouvelle séance est programmée" in mail.body  # in Ana's language
    assert "digests queued: 0" in runner.invoke(args=["convention", "tick"]).output


def test_off_keeps_the_notification_in_the_app_without_email(panel):
    convention, people = panel
    ana = people["ana"].user
    notifications.set_preferences(ana, {NotificationKind.SESSION: Delivery.OFF})
    notifications.notify([ana.id], convention, NotificationKind.SESSION, "/c/ai/", title="Day")
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    assert set(_told(NotificationKind.SESSION)) == {ana.id}
