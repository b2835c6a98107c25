"""Ballots change state here: create, open, cast, record paper and proxies, close and tally."""

import hashlib
import secrets
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from convention import audit
from convention.clock import utcnow
from convention.extensions import db
from convention.models import (
    Amendment,
    Ballot,
    BallotItem,
    BallotParticipation,
    BallotState,
    Channel,
    Convention,
    ItemKind,
    Membership,
    Receipt,
    Recommendation,
    Vote,
)
from convention.rules.electorate import submission_basis as rules_basis
from convention.rules.recommendations import RecommendationState
from convention.rules.tally import Choice, Count, Grade, Method
from convention.voting import box, electorate, paper, proxies, queries
from convention.voting.errors import AlreadyCounted, AlreadyVoted, VotingError
from convention.voting.settling import SETTINGS, refresh

__all__ = ["AlreadyCounted", "AlreadyVoted", "VotingError"]


def create_ballot(convention: Convention, actor: Membership, **settings: Any) -> Ballot:
    """Create a scheduled ballot with its settings."""
    ballot = Ballot(convention_id=convention.id, created_by_id=actor.id, **_only(settings))
    db.session.add(ballot)
    db.session.flush()
    audit.record(actor.user, "ballot.created", ballot, convention=convention, title=ballot.title)
    return ballot


def change_settings(ballot: Ballot, actor: Membership, **settings: Any) -> None:
    """Change a scheduled ballot's settings; they freeze when it opens."""
    _check_scheduled(ballot)
    changed = sorted(k for k, v in _only(settings).items() if getattr(ballot, k) != v)
    for key in changed:
        setattr(ballot, key, settings[key])
    db.session.flush()
    if changed:
        audit.record(
            actor.user,
            "ballot.settings_changed",
            ballot,
            convention=actor.convention,
            fields=changed,
        )


def add_item(
    ballot: Ballot,
    actor: Membership,
    *,
    recommendation: Recommendation | None = None,
    amendment: Amendment | None = None,
    title: str = "",
    question: str = "",
) -> BallotItem:
    """Put a final recommendation, an amendment put to the vote, or a question on the ballot."""
    _check_scheduled(ballot)
    if recommendation is not None:
        if recommendation.state not in votable_states(ballot):
            raise VotingError(_("Only a final recommendation can be put to the vote."))
        kind, title = ItemKind.RECOMMENDATION, f"{recommendation.reference} {recommendation.title}"
    elif amendment is not None:
        if not amendment.put_to_vote:
            raise VotingError(_("This amendment was not put to the vote."))
        kind, title = ItemKind.AMENDMENT, ""
    else:
        kind = ItemKind.QUESTION
    item = BallotItem(
        ballot_id=ballot.id,
        convention_id=ballot.convention_id,
        position=len(ballot.items) + 1,
        kind=kind,
        stored_title=title[:200],
        question=question,
        recommendation_id=recommendation.id if recommendation else None,
        amendment_id=amendment.id if amendment else None,
    )
    db.session.add(item)
    db.session.flush()
    db.session.refresh(ballot, ["items"])
    audit.record(actor.user, "ballot.item_added", ballot, convention=actor.convention, item=item.id)
    return item


def votable_states(ballot: Ballot) -> tuple[RecommendationState, ...]:
    """Return the states a recommendation may be in to be an item: a ranking takes adopted ones."""
    if ballot.method == Method.JUDGMENT:
        return (RecommendationState.FINAL, RecommendationState.ADOPTED)
    return (RecommendationState.FINAL,)


def open_ballot(ballot: Ballot, actor: Membership) -> None:
    """Open a scheduled ballot now, freezing its settings and the eligible members."""
    _check_scheduled(ballot)
    if not ballot.items:
        raise VotingError(_("Add at least one item before opening the ballot."))
    ballot.opened_at = utcnow()
    if ballot.closes_at is not None and ballot.closes_at <= ballot.opened_at:
        ballot.closes_at = None
    refresh(ballot, actor)


def close_ballot(ballot: Ballot, actor: Membership) -> None:
    """Close an open ballot now, settle it and freeze its tally."""
    if refresh(ballot, actor) != BallotState.OPEN or box.lock(ballot) != BallotState.OPEN:
        raise VotingError(_("Only an open ballot can be closed."))
    ballot.closed_at = utcnow()
    refresh(ballot, actor)


def cast_vote(
    ballot: Ballot,
    member: Membership,
    choices: dict[int, Choice | Grade],
    channel: Channel = Channel.ONLINE,
    *,
    basis: str | None = None,
    mandate_id: int | None = None,
) -> str | None:
    """Record a member's vote on every item; return the receipt code of a secret ballot.

    `basis` is what the review page saw recorded: a confirmation whose basis no longer matches
    was already submitted, and is refused as already counted instead of counting again.
    """
    if refresh(ballot) != BallotState.OPEN or box.hold(ballot) != BallotState.OPEN:
        raise VotingError(_("This ballot is not open."))
    electorate.check(ballot, member)
    if set(choices) != {item.id for item in ballot.items}:
        raise VotingError(_("Answer every item of the ballot."))
    done = set(db.session.scalars(queries.participated_items(ballot, member)))
    if done:
        _check_change(ballot, member, channel, basis)
    for item in ballot.items:
        _record(ballot, item, member, choices[item.id], channel, item.id in done, mandate_id)
    db.session.flush()
    if channel != Channel.PROXY:
        proxies.lapse(ballot, member)
    if not ballot.secret:
        return None
    code = "-".join(secrets.token_hex(3).upper() for _ in range(4))
    db.session.add(Receipt(fingerprint=fingerprint(ballot, code), ballot_id=ballot.id))
    db.session.flush()
    return code


def submission_basis(ballot: Ballot, member: Membership) -> str:
    """Fingerprint what the member has recorded, for the review page to carry back."""
    votes = db.session.scalars(queries.own_votes(ballot, member)).all()
    return rules_basis((v.item_id, str(v.choice or v.grade)) for v in votes)


def _check_change(ballot: Ballot, member: Membership, channel: Channel, basis: str | None) -> None:
    """Refuse a second vote, except a roll-call member changing their own vote on purpose."""
    if ballot.secret or (basis is not None and basis != submission_basis(ballot, member)):
        raise AlreadyCounted(already_counted(member, channel))
    if channel != Channel.ONLINE:
        raise AlreadyVoted(_("%(name)s has already voted.", name=member.pseudonym))


def already_counted(member: Membership, channel: Channel = Channel.ONLINE) -> str:
    """Tell a voter that this vote was already counted, once."""
    if channel == Channel.PROXY:
        return _("The vote of %(name)s was already counted, once.", name=member.pseudonym)
    return _("Your vote in this ballot was already counted, once.")


def _record(
    ballot: Ballot,
    item: BallotItem,
    member: Membership,
    answer: Choice | Grade,
    channel: Channel,
    changing: bool,
    mandate_id: int | None = None,
) -> None:
    """Store one answer: a changed roll-call vote in place, otherwise a participation and a vote."""
    values = _answer(ballot, answer)
    if changing:
        vote = db.session.scalar(
            sa.select(Vote).where(Vote.item_id == item.id, Vote.membership_id == member.id)
        )
        if vote is not None:
            vote.choice, vote.grade = values["choice"], values["grade"]
            # the member changed it in person: the roll call says so, whoever cast it first
            db.session.execute(
                sa.update(BallotParticipation)
                .where(
                    BallotParticipation.item_id == item.id,
                    BallotParticipation.membership_id == member.id,
                )
                .values(channel=channel)
            )
            return
    db.session.add(
        BallotParticipation(
            ballot_id=ballot.id,
            item_id=item.id,
            membership_id=member.id,
            channel=channel,
            mandate_id=mandate_id,
        )
    )
    db.session.add(
        Vote(
            key=secrets.token_hex(16),
            ballot_id=ballot.id,
            item_id=item.id,
            membership_id=None if ballot.secret else member.id,
            **values,
        )
    )


def _answer(ballot: Ballot, answer: Choice | Grade) -> dict[str, Any]:
    """Check an answer fits the ballot's method."""
    if ballot.method == Method.JUDGMENT and isinstance(answer, Grade):
        return {"choice": None, "grade": int(answer)}
    if ballot.method == Method.APPROVAL and isinstance(answer, Choice):
        return {"choice": answer, "grade": None}
    raise VotingError(_("This answer does not fit the ballot's method."))


def fingerprint(ballot: Ballot, code: str) -> str:
    """Return the published fingerprint of a receipt code."""
    return hashlib.sha256(f"{ballot.id}:{code.strip().upper()}".encode()).hexdigest()


def record_proxy(
    ballot: Ballot,
    holder: Membership,
    giver: Membership,
    choices: dict[int, Choice | Grade],
    *,
    basis: str | None = None,
) -> str | None:
    """Cast the giver's vote with the mandate they gave the holder; refused without one."""
    if refresh(ballot) != BallotState.OPEN:
        raise VotingError(_("This ballot is not open."))
    mandate = proxies.usable_mandate(ballot, holder, giver)
    receipt = cast_vote(ballot, giver, choices, Channel.PROXY, basis=basis, mandate_id=mandate.id)
    audit.record(
        holder.user,
        "ballot.proxy_vote",
        ballot,
        convention=holder.convention,
        giver=giver.id,
        holder=holder.id,
        mandate=mandate.id,
    )
    return receipt


def record_paper(
    ballot: Ballot, actor: Membership, members: list[Membership], counts: dict[int, Count]
) -> None:
    """Tick members who voted on paper and put their ballots in the box as anonymous votes."""
    if refresh(ballot) != BallotState.OPEN or box.hold(ballot) != BallotState.OPEN:
        raise VotingError(_("This ballot is not open."))
    paper.record_hand_count(ballot, actor, members, counts)


def record_paper_votes(
    ballot: Ballot, actor: Membership, answers: dict[Membership, dict[int, Choice | Grade]]
) -> None:
    """Enter a roll-call ballot's paper votes member by member: the roll call names them."""
    if ballot.secret:
        raise VotingError(_("A secret ballot's paper votes are entered as a hand count."))
    if not answers:
        raise VotingError(_("Give the paper vote of at least one member."))
    for member, choices in answers.items():
        cast_vote(ballot, member, choices, Channel.PAPER)
    paper.audit_roll_call(ballot, actor, list(answers))


def _check_scheduled(ballot: Ballot) -> None:
    """Refuse changes once the ballot has opened: its settings are frozen."""
    if refresh(ballot) != BallotState.SCHEDULED:
        raise VotingError(_("The ballot has opened: its settings and items are frozen."))


def _only(settings: dict[str, Any]) -> dict[str, Any]:
    """Keep the known settings."""
    return {k: v for k, v in settings.items() if k in SETTINGS}
