"""Plain factories with keyword defaults: each commits, so views see the rows."""

import itertools
from datetime import timedelta

from convention.auth import tokens
from convention.extensions import db
from convention.models import Convention, Invitation, Membership, User
from convention.models.base import utcnow
from convention.rules.phases import Phase
from convention.rules.policy import Role

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
