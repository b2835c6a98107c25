"""The electorate of a ballot: the active citizens when it opened, listed, not only counted."""

import sqlalchemy as sa
from flask_babel import gettext as _

from convention.clock import utcnow
from convention.extensions import db
from convention.members.queries import is_active_citizen
from convention.models import Ballot, BallotElector, Membership
from convention.rules.electorate import Ineligible, why_not_elector
from convention.voting.errors import VotingError


def fill(ballot: Ballot) -> int:
    """List the active citizens as the ballot's electorate, once; return how many they are."""
    db.session.execute(
        sa.insert(BallotElector).from_select(
            ["ballot_id", "membership_id"],
            sa.select(sa.literal(ballot.id), Membership.id).where(
                is_active_citizen(ballot.convention_id),
                # a timed ballot freezes at the first read after it opened: not those who
                # joined in between
                Membership.joined_at <= (ballot.opened_at or ballot.opens_at or utcnow()),
            ),
        )
    )
    return size(ballot)


def size(ballot: Ballot) -> int:
    """Count the ballot's electors."""
    return db.session.scalar(  # type: ignore[return-value]
        sa.select(sa.func.count(BallotElector.id)).where(BallotElector.ballot_id == ballot.id)
    )


def is_elector(ballot: Ballot, member: Membership) -> bool:
    """Tell whether the member is in the ballot's electorate."""
    return bool(
        db.session.scalar(
            sa.select(
                sa.exists().where(
                    BallotElector.ballot_id == ballot.id,
                    BallotElector.membership_id == member.id,
                )
            )
        )
    )


def reason(ballot: Ballot, member: Membership) -> Ineligible | None:
    """Say why an active citizen may not vote in the ballot; None when they may."""
    joined_late = ballot.opened_at is not None and member.joined_at > ballot.opened_at
    return why_not_elector(
        elector=is_elector(ballot, member),
        frozen=ballot.frozen_at is not None,
        joined_after_opening=joined_late,
    )


def explain(why: Ineligible) -> str:
    """Explain to the member, in their language, why they cannot vote."""
    if why == Ineligible.JOINED_LATE:
        return _(
            "You joined after this ballot opened: its electorate is the members at the opening."
        )
    if why == Ineligible.NOT_ACTIVE_AT_OPENING:
        return _("You were not an active member when this ballot opened, so you cannot vote in it.")
    return _("This ballot is not open.")


def check(ballot: Ballot, member: Membership, *, whose: str = "") -> None:
    """Refuse a vote from or for someone outside the electorate, saying why."""
    if not member.is_active_citizen:
        raise VotingError(_("Only active citizen members vote."))
    why = reason(ballot, member)
    if why is None:
        return
    if whose:
        raise VotingError(_("%(name)s is not in this ballot's electorate.", name=whose))
    raise VotingError(explain(why))
