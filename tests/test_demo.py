"""The demo is told as a convention lives it: a phase walk, and every row left by its service."""

import pytest
import sqlalchemy as sa

from convention.demo import STORY, seed
from convention.demo.story import RuleBroken, allowed
from convention.extensions import db
from convention.models import (
    AuditEvent,
    Briefing,
    Comment,
    Convention,
    ConventionSession,
    Flag,
    Hearing,
    InformationRequest,
    Notification,
    NotificationKind,
    Topic,
)
from convention.rules.phases import LIFECYCLE, Phase
from convention.rules.policy import Action, Role
from tests.factories import make_convention, make_member

# The phase each service's event belongs to in the story (the service writing it, in brackets).
EVENT_PHASES = {
    "topic.created": Phase.SETUP,  # create_topic
    "session.scheduled": Phase.SETUP,  # schedule_session
    "invitation.created": Phase.ONBOARDING,  # invite
    "briefing.published": Phase.DELIBERATION,  # add_briefing
    "hearing.recorded": Phase.DELIBERATION,  # add_hearing
    "question.asked": Phase.DELIBERATION,  # ask_question
    "session.attendance_recorded": Phase.DELIBERATION,  # record_attendance
    "comment.flagged": Phase.DELIBERATION,  # flag_comment
    "group.drawn": Phase.DELIBERATION,  # draw
    "recommendation.created": Phase.DRAFTING,  # create_recommendation
    "amendment.proposed": Phase.AMENDMENTS,  # propose
    "ballot.opened": Phase.VOTING,  # open_ballot
    "report.published": Phase.REPORT,  # publish
    "council.answered": Phase.COUNCIL_RESPONSE,  # answer
}


@pytest.fixture
def demo(app) -> Convention:
    """The demo as `flask convention demo` seeds it."""
    seed()
    db.session.commit()
    return db.session.scalar(sa.select(Convention).where(Convention.slug == "demo"))


def _events(demo: Convention) -> list[AuditEvent]:
    """Return the demo convention's audit log in the order it was written."""
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.convention_id == demo.id)
            .order_by(AuditEvent.seq)
        )
    )


def test_the_demo_walks_every_phase_in_order_and_acts_in_each_as_a_convention_does(demo):
    events = _events(demo)
    walk = [(e.details["before"], e.details["after"]) for e in events
            if e.action == "convention.phase_changed"]  # fmt: skip
    told = LIFECYCLE[: LIFECYCLE.index(Phase.COUNCIL_RESPONSE) + 1]
    assert walk == [(a.value, b.value) for a, b in zip(told, told[1:], strict=False)]
    assert [phase for phase, _ in STORY] == list(told)
    assert demo.phase is Phase.COUNCIL_RESPONSE
    assert events[0].action == "convention.created"
    phase, seen = Phase.SETUP, {}
    for event in events:
        if event.action == "convention.phase_changed":
            phase = Phase(event.details["after"])
        elif event.action in EVENT_PHASES:
            seen.setdefault(event.action, set()).add(phase)
    assert seen == {action: {phase} for action, phase in EVENT_PHASES.items()}


def _targets(demo: Convention, action: str) -> set[str]:
    """Name the targets of the demo's events of `action`."""
    return {e.target for e in _events(demo) if e.action == action}


def _rows(model, *where) -> set[str]:
    """Name the rows of `model` as the audit log names its targets."""
    ids = db.session.scalars(sa.select(model.id).where(*where))
    return {f"{model.__tablename__}:{n}" for n in ids}


def test_every_topic_session_material_and_moderation_of_the_demo_was_written_by_its_service(demo):
    mine = {"convention_id": demo.id}
    for model, action in (
        (Topic, "topic.created"),
        (ConventionSession, "session.scheduled"),
        (Briefing, "briefing.published"),
        (Hearing, "hearing.recorded"),
        (InformationRequest, "question.asked"),
    ):
        rows = _rows(model, *(getattr(model, k) == v for k, v in mine.items()))
        assert rows and rows == _targets(demo, action), action
    answered = _rows(InformationRequest, InformationRequest.answered_at.is_not(None))
    assert answered and answered == _targets(demo, "question.answered")
    for column, action in (
        (Comment.deleted_at, "comment.deleted"),
        (Comment.hidden_at, "comment.hidden"),
    ):
        assert _rows(Comment, column.is_not(None)) == _targets(demo, action) != set()
    flagged = {f"comments:{n}" for n in db.session.scalars(sa.select(Flag.comment_id))}
    assert flagged and flagged == _targets(demo, "comment.flagged")
    # Posting and replying write no audit event: a reply to someone else notifies them instead.
    replies = db.session.scalars(sa.select(Comment).where(Comment.parent_id.is_not(None))).all()
    told = db.session.scalars(
        sa.select(Notification.path).where(Notification.kind == NotificationKind.REPLY)
    ).all()
    expected = [r for r in replies if r.parent.author.user_id != r.author.user_id]
    assert expected and sorted(p.rsplit("#c", 1)[1] for p in told) == sorted(
        str(r.id) for r in expected
    )


def test_the_demo_s_story_refuses_what_the_rules_refuse_a_member(app):
    convention = make_convention(phase=Phase.VOTING)
    citizen = make_member(convention, role=Role.CITIZEN)
    assert allowed(citizen, Action.VOTE) is citizen
    with pytest.raises(RuleBroken):
        allowed(citizen, Action.DRAFT_RECOMMENDATIONS)
