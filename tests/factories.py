"""Plain factories with keyword defaults: each commits, so views see the rows."""

import itertools
from datetime import timedelta

import sqlalchemy as sa

from convention.auth import tokens
from convention.clock import utcnow
from convention.comments import services as comments
from convention.extensions import db
from convention.models import (
    Attendance,
    Briefing,
    Comment,
    Convention,
    ConventionSession,
    InformationRequest,
    Invitation,
    Membership,
    Topic,
    User,
    UserSession,
)
from convention.rules.comments import Stance, reply_depth
from convention.rules.meetings import AttendanceStatus
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.rules.sessions import device_name

PASSWORD = "correct horse battery"  # noqa: S105
_counter = itertools.count(1)


def make_user(
    *,
    email: str | None = None,
    name: str | None = None,
    admin: bool = False,
    password: str = PASSWORD,
    username: str | None = None,
    active: bool = True,
) -> User:
    """Create an account."""
    n = next(_counter)
    if email is None and username is None:
        email = f"person{n}@example.org"
    user = User(
        email=email,
        username=username,
        display_name=name or f"Person {n}",
        is_admin=admin,
        active=active,
    )
    user.set_password(password, method="pbkdf2:sha256:1")
    db.session.add(user)
    db.session.commit()
    return user


def make_sign_in(user: User, *, remember: bool = False, device: str = "Firefox/1 Linux") -> str:
    """Record a signed-in session for `user`; return the token its cookie carries."""
    token = tokens.new_token()
    # Apart from the test's session, so that signing in does not expire the objects it holds.
    with db.engine.begin() as connection:
        connection.execute(
            sa.insert(UserSession).values(
                user_id=user.id,
                token_hash=tokens.digest(token),
                device=device_name(device),
                remember=remember,
                created_at=utcnow(),
                last_seen_at=utcnow(),
            )
        )
    return token


def make_convention(
    *,
    slug: str | None = None,
    phase: Phase = Phase.DELIBERATION,
    public: bool = False,
    title: str = "Convention on AI",
) -> Convention:
    """Create a convention."""
    convention = Convention(
        slug=slug or f"conv-{next(_counter)}",
        title=title,
        mandate="How can AI serve residents?",
        charter="Be kind.",
        phase=phase,
        is_public=public,
    )
    db.session.add(convention)
    db.session.commit()
    return convention


def make_member(
    convention: Convention,
    *,
    role: Role = Role.CITIZEN,
    user: User | None = None,
    active: bool = True,
    pseudonym: str | None = None,
) -> Membership:
    """Create a membership (and its user when none is given)."""
    user = user or make_user()
    membership = Membership(
        user_id=user.id,
        convention_id=convention.id,
        role=role,
        pseudonym=pseudonym or user.display_name.split()[0],
        active=active,
        charter_accepted_at=utcnow(),
    )
    db.session.add(membership)
    db.session.commit()
    return membership


def make_invitation(
    convention: Convention,
    *,
    email: str | None = "invitee@example.org",
    name: str = "Invitee Example",
    role: Role = Role.CITIZEN,
    expires_in: timedelta = timedelta(days=10),
) -> tuple[Invitation, str, str]:
    """Create a pending invitation; return it with its token and code in clear."""
    token, code = tokens.new_token(), tokens.new_code()
    invitation = Invitation(
        convention_id=convention.id,
        role=role,
        email=email,
        name=name,
        token_hash=tokens.digest(token),
        code_hash=tokens.digest(code),
        expires_at=utcnow() + expires_in,
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation, token, code


def make_topic(
    convention: Convention,
    *,
    title: str = "Video surveillance",
    body: str = "",
    is_open: bool = True,
) -> Topic:
    """Create a topic."""
    topic = Topic(convention_id=convention.id, title=title, body=body, is_open=is_open)
    db.session.add(topic)
    db.session.commit()
    return topic


def make_comment(
    topic: Topic,
    author: Membership,
    *,
    body: str = "I think so.",
    stance: str = "remark",
    parent: Comment | None = None,
    created_at=None,
) -> Comment:
    """Create a comment on a topic, or a reply when `parent` is given."""
    comment = Comment(
        convention_id=topic.convention_id,
        topic_id=topic.id,
        author_id=author.id,
        stance=Stance(stance),
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=reply_depth(parent.depth) if parent else 0,
        created_at=created_at or utcnow(),
    )
    comments.write_body(comment, body)
    db.session.add(comment)
    db.session.commit()
    return comment


def make_session(
    convention: Convention,
    *,
    title: str = "Session 1",
    starts_in: timedelta = timedelta(days=7),
    hours: int = 3,
) -> ConventionSession:
    """Create a session `starts_in` from now, lasting `hours`."""
    starts_at = utcnow().replace(microsecond=0) + starts_in
    session = ConventionSession(
        convention_id=convention.id,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        location="City hall, room 2",
    )
    db.session.add(session)
    db.session.commit()
    return session


def make_attendance(session: ConventionSession, member: Membership, status: str = "present"):
    """Record a member's attendance at a session, as a facilitator's sheet would (uncommitted)."""
    attendance = Attendance(
        convention_id=session.convention_id,
        session_id=session.id,
        membership_id=member.id,
        status=AttendanceStatus(status),
    )
    db.session.add(attendance)
    return attendance


def make_question(topic: Topic, asker: Membership, *, question: str = "How much?"):
    """Create an information request on a topic."""
    request = InformationRequest(
        convention_id=topic.convention_id,
        topic_id=topic.id,
        asked_by_id=asker.id,
        question=question,
    )
    db.session.add(request)
    db.session.commit()
    return request


def make_briefing(topic: Topic, author: Membership, *, title: str = "Key figures") -> Briefing:
    """Create a briefing without files."""
    briefing = Briefing(
        convention_id=topic.convention_id, topic_id=topic.id, author_id=author.id, title=title
    )
    db.session.add(briefing)
    db.session.commit()
    return briefing


def make_group(convention: Convention, *, name: str = "Atelier A", members=(), topics=()):
    """Create a working group with these members and topics."""
    from convention.models import WorkingGroup

    group = WorkingGroup(
        convention_id=convention.id, name=name, members=list(members), topics=list(topics)
    )
    db.session.add(group)
    db.session.commit()
    return group


def make_recommendation(
    topic: Topic,
    author: Membership,
    *,
    group=None,
    title: str = "Publish every algorithm",
    body: str = "The city publishes its algorithms.\n\nIt explains each one.",
    state: str = "draft",
):
    """Create a recommendation with its first version, in `state` (submitted_at set past drafts)."""
    from convention.models import Recommendation, RecommendationVersion

    number = len(db.session.scalars(db.select(Recommendation.id)).all()) + 1
    recommendation = Recommendation(
        convention_id=topic.convention_id,
        number=number,
        topic_id=topic.id,
        group_id=group.id if group else None,
        created_by_id=author.id,
        title=title,
        body=body,
        state=state,
        authors=[] if group else [author],
        submitted_at=None if state == "draft" else utcnow(),
    )
    db.session.add(recommendation)
    db.session.flush()
    db.session.add(
        RecommendationVersion(
            recommendation_id=recommendation.id,
            number=1,
            author_id=author.id,
            title=title,
            body=body,
        )
    )
    db.session.commit()
    return recommendation


def make_amendment(recommendation, author: Membership, *, paragraph=0, new_text="New words."):
    """Create an open amendment on one paragraph (None: the whole text)."""
    from convention.models import Amendment
    from convention.rules.recommendations import target_text

    amendment = Amendment(
        convention_id=recommendation.convention_id,
        recommendation_id=recommendation.id,
        author_id=author.id,
        paragraph=paragraph,
        base_version_id=recommendation.versions[-1].id,
        base_text=target_text(recommendation.body, paragraph),
        new_text=new_text,
        justification="Clearer.",
    )
    db.session.add(amendment)
    db.session.commit()
    return amendment


def make_ballot(
    convention: Convention,
    creator: Membership,
    *,
    questions=("Do we adopt the charter?",),
    recommendations=(),
    secret: bool = True,
    method: str = "approval",
    opened: bool = False,
    title: str = "Plenary vote",
    **settings,
):
    """Create a ballot with free questions and recommendations as items, opened if asked."""
    from convention.models import Ballot, BallotItem, ItemKind

    ballot = Ballot(
        convention_id=convention.id,
        created_by_id=creator.id,
        title=title,
        secret=secret,
        method=method,
        **settings,
    )
    db.session.add(ballot)
    db.session.flush()
    subjects = [(ItemKind.QUESTION, q, None) for q in questions]
    subjects += [(ItemKind.RECOMMENDATION, r.title, r.id) for r in recommendations]
    for position, (kind, title, recommendation_id) in enumerate(subjects, start=1):
        db.session.add(
            BallotItem(
                ballot_id=ballot.id,
                convention_id=convention.id,
                position=position,
                kind=kind,
                stored_title=title,
                recommendation_id=recommendation_id,
            )
        )
    if opened:
        ballot.opened_at = utcnow()  # after its members joined: they are its electorate
    db.session.commit()
    return ballot


# ---- Report and accountability (issue 6) ----
def make_response(recommendation, council: Membership, *, decision="adopted", reasons="", **fields):
    """Record the council's answer to a recommendation, deadline and department optional."""
    from datetime import date

    from convention.models import CouncilResponse

    response = CouncilResponse(
        convention_id=recommendation.convention_id,
        recommendation_id=recommendation.id,
        debated_on=fields.pop("debated_on", date(2024, 4, 11)),
        decision=decision,
        reasons=reasons,
        answered_by_id=council.id,
        **fields,
    )
    db.session.add(response)
    db.session.commit()
    return response


def make_update(response, author: Membership, *, status="in_progress", percent=40, **fields):
    """Add a dated implementation step to an answer."""
    from datetime import date

    from convention.models import ImplementationUpdate

    update = ImplementationUpdate(
        convention_id=response.convention_id,
        response_id=response.id,
        status=status,
        percent=percent,
        noted_on=fields.pop("noted_on", date(2024, 6, 1)),
        note=fields.pop("note", "Work has started."),
        author_id=author.id,
    )
    db.session.add(update)
    db.session.commit()
    return update


def make_survey(
    convention: Convention,
    creator: Membership,
    *,
    questions=(("scale", "The information was clear."),),
    required: bool = False,
    opened: bool = False,
):
    """Create a survey with (kind, prompt) questions, a choice getting options, opened if asked."""
    from convention.models import Survey, SurveyQuestion

    survey = Survey(
        convention_id=convention.id, created_by_id=creator.id, title="Evaluation", stage="during"
    )
    db.session.add(survey)
    db.session.flush()
    for position, (kind, prompt) in enumerate(questions, start=1):
        db.session.add(
            SurveyQuestion(
                survey_id=survey.id,
                convention_id=convention.id,
                position=position,
                kind=kind,
                prompt=prompt,
                required=required,
                options=["Yes", "No", "Not sure"] if kind == "choice" else [],
            )
        )
    if opened:
        survey.opened_at = utcnow()
    db.session.commit()
    return survey
