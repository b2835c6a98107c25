"""The fuzz walk's world: one convention with one object of each kind, and its valid values."""

from dataclasses import dataclass, field
from datetime import timedelta

from convention.auth import tokens
from convention.clock import utcnow
from convention.extensions import db
from convention.models import AgendaItem, MinorityOpinion, Notification, NotificationKind
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_amendment,
    make_ballot,
    make_briefing,
    make_comment,
    make_convention,
    make_group,
    make_invitation,
    make_member,
    make_question,
    make_recommendation,
    make_response,
    make_session,
    make_sign_in,
    make_survey,
    make_topic,
    make_user,
)

SLUG = "ai"


@dataclass
class World:
    """The seeded rows the walk names: users by role, and an id for every URL argument."""

    users: dict[str, int] = field(default_factory=dict)
    # A recorded session per role, part of the seed so that restoring the world keeps it.
    sessions: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    token: str = ""


def seed() -> World:
    """Create the convention and one object of each kind; return their ids."""
    world = World()
    convention = make_convention(slug=SLUG, public=True, phase=Phase.DELIBERATION)
    facilitator = make_member(convention, role=Role.FACILITATOR, user=make_user(admin=True))
    citizen = make_member(convention, role=Role.CITIZEN)
    council = make_member(convention, role=Role.COUNCIL)
    expert = make_member(convention, role=Role.EXPERT)
    other = make_member(convention, role=Role.CITIZEN)
    for name, member in (
        ("facilitator", facilitator),
        ("citizen", citizen),
        ("council", council),
        ("expert", expert),
    ):
        world.users[name] = member.user_id
        world.sessions[name] = make_sign_in(member.user)
    invitation, world.token, code = make_invitation(convention)
    topic = make_topic(convention)
    comment = make_comment(topic, other)
    own_comment = make_comment(topic, citizen, body="My own words.")
    question = make_question(topic, citizen)
    briefing = make_briefing(topic, expert)
    session = make_session(convention)
    item = AgendaItem(
        convention_id=convention.id, session_id=session.id, position=1, title="Welcome"
    )
    db.session.add(item)
    group = make_group(convention, members=[citizen, other], topics=[topic])
    recommendation = make_recommendation(topic, citizen, group=group, state="draft")
    adopted = make_recommendation(topic, other, title="Adopted one", state="adopted")
    submitted = make_recommendation(
        topic, citizen, group=group, title="Submitted", state="submitted"
    )
    amendment = make_amendment(submitted, other)
    opinion = MinorityOpinion(
        convention_id=convention.id,
        recommendation_id=adopted.id,
        author_id=other.id,
        body="I disagree.",
    )
    db.session.add(opinion)
    ballot = make_ballot(convention, facilitator)
    response = make_response(adopted, council)
    survey = make_survey(convention, facilitator)
    db.session.commit()
    held, given = _mandates(citizen, other, ballot, session)
    closed, receipt = _closed_secret_ballot(convention, facilitator, citizen)
    run = _finished_run(facilitator)
    batch = _imported_letters(convention, facilitator.user)
    notice = Notification(
        user_id=citizen.user_id,
        convention_id=convention.id,
        kind=NotificationKind.SESSION,
        details={"title": session.title},
        path=f"/c/{SLUG}/sessions/{session.id}",
    )
    db.session.add(notice)
    db.session.commit()
    world.ids = {
        "convention_id": convention.id,
        "membership_id": other.id,
        "invitation_id": invitation.id,
        "topic_id": topic.id,
        "comment_id": comment.id,
        "request_id": question.id,
        "briefing_id": briefing.id,
        "session_id": session.id,
        "item_id": item.id,
        "group_id": group.id,
        "recommendation_id": recommendation.id,
        "adopted_id": adopted.id,
        "amendment_id": amendment.id,
        "opinion_id": opinion.id,
        "ballot_id": ballot.id,
        "response_id": response.id,
        "run_id": run.id,
        "import_id": batch.id,
        "file_id": 1,
        "convention_slug": SLUG,
        "token": world.token,
        "reset_token": tokens.make_reset_token(citizen.user_id, citizen.user.password_hash),
        "code": code,
        "citizen_email": citizen.user.email,
        "own_comment_id": own_comment.id,
        "submitted_id": submitted.id,
        "citizen_member_id": citizen.id,
        "facilitator_member_id": facilitator.id,
        "ballot_item_id": ballot.items[0].id,
        "mandate_id": held.id,
        "given_mandate_id": given.id,
        "closed_ballot_id": closed.id,
        "receipt": receipt,
        "survey_id": survey.id,
        "question_id": survey.questions[0].id,
        "notification_id": notice.id,
    }
    return world


def _mandates(citizen, other, ballot, session):
    """Record through the service an absent member's proxy to the citizen, and one back."""
    from convention.voting import proxies

    held = proxies.give(other, other, citizen, ballot=ballot)
    given = proxies.give(citizen, citizen, other, session=session)
    db.session.commit()
    return held, given


def _closed_secret_ballot(convention, facilitator, citizen):
    """Close and settle a secret ballot the citizen voted in; return it and their receipt."""
    from convention.rules.tally import Choice
    from convention.voting import services

    ballot = make_ballot(convention, facilitator, questions=("Do we meet monthly?",), opened=True)
    receipt = services.cast_vote(ballot, citizen, {ballot.items[0].id: Choice.FOR})
    services.close_ballot(ballot, facilitator)
    db.session.commit()
    return ballot, receipt


def set_phase(phase: Phase) -> None:
    """Move the convention to `phase` without the audited transition: the walk needs the state."""
    from convention.models import Convention

    convention = db.session.scalar(db.select(Convention).where(Convention.slug == SLUG))
    convention.phase = phase
    db.session.commit()


def open_ballot(world: World) -> None:
    """Open the seeded ballot now: the members who joined a moment ago are its electorate."""
    from convention.models import Ballot

    ballot = db.session.get(Ballot, world.ids["ballot_id"])
    ballot.opened_at = utcnow()
    db.session.commit()


def open_survey(world: World) -> None:
    """Open the seeded survey."""
    from convention.models import Survey

    db.session.get(Survey, world.ids["survey_id"]).opened_at = utcnow() - timedelta(seconds=1)
    db.session.commit()


# 12 volunteers, panel of 4: the smallest pool whose computation is quick and feasible.
POOL = "id,gender,age\n" + "".join(
    f"v{n:02d},{'f' if n % 2 else 'm'},{'young' if n < 6 else 'old'}\n" for n in range(12)
)
QUOTAS = "feature,value,min,max\ngender,f,2,2\ngender,m,2,2\nage,young,1,3\nage,old,1,3\n"
CONTACTS = "id,name,email\n" + "".join(f"v{n:02d},P {n},v{n:02d}@example.org\n" for n in range(12))


def _finished_run(actor):
    """Record a selection run through the service and compute it here (the walk holds jobs)."""
    from convention.selection import runner, services as selection
    from convention.selection.uploads import check_upload

    upload = check_upload(POOL.encode(), QUOTAS.encode(), 4, [])
    run = selection.create_run(actor, upload, 4, "leximin", [])
    db.session.commit()
    runner.execute(run.id)
    return run


def _imported_letters(convention, actor):
    """A large invitation file already invited by its job, with one letter left to print."""
    from convention.models import ImportStatus, InvitationImport

    letter, _, _ = make_invitation(convention, email=None, name="Letter Example")
    batch = InvitationImport(
        convention_id=convention.id,
        created_by_id=actor.id,
        total=1,
        status=ImportStatus.DONE,
        letter_ids=[letter.id],
    )
    db.session.add(batch)
    db.session.commit()
    return batch


def _run(world: World):
    from convention.models import SelectionRun

    return db.session.get(SelectionRun, world.ids["run_id"])


def run_running(world: World) -> None:
    """Make the seeded run look like a computation still at work."""
    from convention.models import RunStatus

    run = _run(world)
    run.status, run.slot, run.heartbeat_at = RunStatus.RUNNING, 1, utcnow()
    db.session.commit()


def run_published(world: World, seed: str | None = None) -> None:
    """Publish the seeded run's list, and enter its seed when given."""
    run = _run(world)
    run.published_at = utcnow()
    if seed:
        run.seed, run.seed_entered_at = seed, utcnow()
    db.session.commit()


def run_seeded(world: World) -> None:
    """Publish the seeded run's list and enter its seed."""
    run_published(world, "3 6 1 4 2 5")


def run_drawn(world: World) -> None:
    """Publish, seed and draw the seeded run."""
    from convention.models import Membership
    from convention.selection import services as selection

    run_seeded(world)
    run = _run(world)
    selection.draw(run, db.session.get(Membership, world.ids["facilitator_member_id"]))
    db.session.commit()


def comment_flagged(world: World) -> None:
    """Give the seeded comment an open flag from the citizen."""
    from convention.models import Comment, Flag, Membership
    from convention.rules.comments import FlagReason

    comment = db.session.get(Comment, world.ids["comment_id"])
    citizen = db.session.get(Membership, world.ids["citizen_member_id"])
    db.session.add(
        Flag(
            convention_id=comment.convention_id,
            comment_id=comment.id,
            flagged_by_id=citizen.id,
            reason=FlagReason("spam"),
        )
    )
    db.session.commit()


def comment_hidden(world: World) -> None:
    """Hide the seeded comment, as a facilitator would."""
    from convention.models import Comment

    comment = db.session.get(Comment, world.ids["comment_id"])
    comment.hidden_at, comment.hidden_reason = utcnow(), "Insults."
    db.session.commit()
