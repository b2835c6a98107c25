"""The benchmark's data: the demo, a topic with 500 more contributions, 150 voters and ballots."""

import sqlalchemy as sa

from convention import create_app
from convention.clock import utcnow
from convention.comments.services import write_body
from convention.demo import DEMO_PASSWORD, seed as seed_demo
from convention.extensions import db
from convention.models import Ballot, Comment, Convention, Membership, Topic, User
from convention.rules.comments import Stance
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.voting import services

MEMBERS = 150
PASSWORD = "bench-password"  # noqa: S105
CITIZEN = ("citizen@demo.invalid", DEMO_PASSWORD)


def seed(url: str) -> dict:
    """Fill the database and return the ids and logins the scenarios need."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context(), app.test_request_context():
        db.create_all()
        seed_demo()
        demo = db.session.scalar(sa.select(Convention).where(Convention.slug == "demo"))
        topic = db.session.scalar(
            sa.select(Topic).where(Topic.convention_id == demo.id).order_by(Topic.id)
        )
        _contributions(demo, topic, 500)
        poll_ballot = db.session.scalar(
            sa.select(Ballot.id).where(Ballot.convention_id == demo.id).order_by(Ballot.id)
        )
        ids = {"topic": topic.id, "poll_ballot": poll_ballot, "ballots": _voting_convention()}
        db.session.commit()
        db.engine.dispose()
    return ids


def _contributions(convention: Convention, topic: Topic, count: int) -> None:
    """Add `count` contributions from the panel, half of them replies to the first thread."""
    authors = db.session.scalars(
        sa.select(Membership).where(
            Membership.convention_id == convention.id, Membership.role == Role.CITIZEN
        )
    ).all()
    root = Comment(
        convention_id=convention.id,
        topic_id=topic.id,
        author_id=authors[0].id,
        stance=Stance.QUESTION,
        created_at=utcnow(),
    )
    write_body(root, "A first thread that many answer.")
    db.session.add(root)
    db.session.flush()
    for n in range(count - 1):
        reply = n % 2 == 0
        comment = Comment(
            convention_id=convention.id,
            topic_id=topic.id,
            author_id=authors[n % len(authors)].id,
            stance=Stance.FOR if n % 3 else Stance.AGAINST,
            parent_id=root.id if reply else None,
            root_id=root.id if reply else None,
            depth=1 if reply else 0,
            created_at=utcnow(),
        )
        write_body(
            comment, f"Contribution {n}: *why* this matters, with [a source](https://example.org)."
        )
        db.session.add(comment)


def _voting_convention() -> dict[str, tuple[int, list[int]]]:
    """Create a convention in its voting phase with MEMBERS citizens and two open ballots."""
    convention = Convention(slug="bench", title="Bench", mandate="?", phase=Phase.VOTING)
    db.session.add(convention)
    db.session.flush()
    staff = _member(convention, "facilitator", Role.FACILITATOR)
    for n in range(MEMBERS):
        _member(convention, f"member{n}", Role.CITIZEN)
    db.session.flush()
    ballots = {}
    for name in ("room", "burst"):
        ballot = services.create_ballot(convention, staff, title=f"Bench vote ({name})")
        item = services.add_item(ballot, staff, title="Do we agree?")
        services.open_ballot(ballot, staff)
        ballots[name] = (ballot.id, [item.id])
    return ballots


def _member(convention: Convention, name: str, role: Role) -> Membership:
    """Add an account and its membership with a cheap password hash."""
    user = User(email=f"{name}@bench.invalid", display_name=name)
    user.set_password(PASSWORD, method="pbkdf2:sha256:1")
    member = Membership(user=user, convention_id=convention.id, role=role, pseudonym=name)
    db.session.add(member)
    return member


def voter_logins() -> list[tuple[str, str]]:
    """Return the bench members' logins."""
    return [(f"member{n}@bench.invalid", PASSWORD) for n in range(MEMBERS)]
