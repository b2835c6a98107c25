"""Proxy mandates: given by a member or from a paper form, revoked, lapsed, found for use."""

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from convention import audit, content_version
from convention.clock import utcnow
from convention.extensions import db
from convention.models import (
    Ballot,
    BallotParticipation,
    BallotState,
    ConventionSession,
    Membership,
    ProxyMandate,
)
from convention.rules import proxies as rules
from convention.voting import electorate
from convention.voting.errors import AlreadyCounted, VotingError


def max_per_holder() -> int:
    """Return how many proxies one member may hold for a ballot or session (default 1)."""
    return int(current_app.config.get("MAX_PROXIES_PER_HOLDER", rules.DEFAULT_MAX_PER_HOLDER))


def give(
    actor: Membership,
    giver: Membership,
    holder: Membership,
    *,
    ballot: Ballot | None = None,
    session: ConventionSession | None = None,
    source: rules.MandateSource = rules.MandateSource.APP,
) -> ProxyMandate:
    """Record a mandate from giver to holder for one ballot or one session."""
    _check_members(giver, holder)
    _check_scope(giver, holder, ballot, session)
    _lock(holder)
    if not rules.may_hold_another(_held(holder, ballot, session), max_per_holder()):
        raise VotingError(
            _("%(name)s already holds as many proxies as allowed.", name=holder.pseudonym)
        )
    if _active_given(giver, ballot, session):
        raise VotingError(
            _("%(name)s has already given a proxy for this; revoke it first.", name=giver.pseudonym)
        )
    mandate = ProxyMandate(
        convention_id=giver.convention_id,
        giver_id=giver.id,
        holder_id=holder.id,
        ballot_id=ballot.id if ballot else None,
        session_id=session.id if session else None,
        source=source,
        entered_by_id=None if source == rules.MandateSource.APP else actor.id,
    )
    db.session.add(mandate)
    db.session.flush()
    audit.record(
        actor.user,
        "proxy.given",
        mandate,
        convention=actor.convention,
        giver=giver.id,
        holder=holder.id,
        ballot=mandate.ballot_id,
        session=mandate.session_id,
        source=source.value,
    )
    return mandate


def _check_members(giver: Membership, holder: Membership) -> None:
    """Both are active citizens of one convention, and a member cannot hold their own proxy."""
    for member in (giver, holder):
        if not member.is_active_citizen:
            raise VotingError(_("Only active citizen members give and hold proxies."))
    if giver.id == holder.id or giver.convention_id != holder.convention_id:
        raise VotingError(_("Choose another member to hold the proxy."))


def _check_scope(
    giver: Membership,
    holder: Membership,
    ballot: Ballot | None,
    session: ConventionSession | None,
) -> None:
    """A mandate covers a ballot not yet closed, or a session not over nor cancelled."""
    if (ballot is None) == (session is None):
        raise VotingError(_("Give the proxy for one ballot or for one session."))
    if session is not None:
        if session.cancelled_at is not None or session.ends_at <= utcnow():
            raise VotingError(_("This session is over or cancelled."))
        return
    assert ballot is not None
    if ballot.state == BallotState.CLOSED:
        raise VotingError(_("This ballot is closed."))
    if ballot.frozen_at is None:
        return
    for member in (giver, holder):
        if not electorate.is_elector(ballot, member):
            raise VotingError(
                _("%(name)s is not in this ballot's electorate.", name=member.pseudonym)
            )
    if _voted(ballot, giver):
        raise VotingError(_("%(name)s has already voted.", name=giver.pseudonym))


def _lock(member: Membership) -> None:
    """Serialise the mandates of one holder, so that two at once cannot pass the limit."""
    if db.session.get_bind().dialect.name == "sqlite":
        # SQLite has no row locks and reads outside a transaction: a no-op write takes the
        # database's write lock now, so the checks that follow see the other writer's commit
        db.session.execute(
            sa.update(Membership)
            .where(Membership.id == member.id)
            .values(id=Membership.id)
            .execution_options(synchronize_session=False, **{content_version.UNCHANGED: True})
        )
        return
    db.session.execute(sa.select(Membership.id).where(Membership.id == member.id).with_for_update())


def _scope(query: sa.Select, ballot: Ballot | None, session: ConventionSession | None):
    """Narrow a mandate query to one ballot or one session."""
    if ballot is not None:
        return query.where(ProxyMandate.ballot_id == ballot.id)
    assert session is not None
    return query.where(ProxyMandate.session_id == session.id)


def _active() -> sa.ColumnElement[bool]:
    """Select the mandates neither revoked nor lapsed."""
    return sa.and_(ProxyMandate.revoked_at.is_(None), ProxyMandate.lapsed_at.is_(None))


def _held(holder: Membership, ballot: Ballot | None, session: ConventionSession | None) -> int:
    """Count the active mandates the holder holds for this ballot or session."""
    query = sa.select(sa.func.count(ProxyMandate.id)).where(
        ProxyMandate.holder_id == holder.id, _active()
    )
    return db.session.scalar(_scope(query, ballot, session))


def _active_given(
    giver: Membership, ballot: Ballot | None, session: ConventionSession | None
) -> bool:
    """Tell whether the giver already has an active mandate for this ballot or session."""
    query = sa.select(ProxyMandate.id).where(ProxyMandate.giver_id == giver.id, _active())
    return db.session.scalars(_scope(query, ballot, session)).first() is not None


def _voted(ballot: Ballot, member: Membership) -> bool:
    """Tell whether the member has taken part in the ballot, in any channel."""
    return bool(
        db.session.scalar(
            sa.select(
                sa.exists().where(
                    BallotParticipation.ballot_id == ballot.id,
                    BallotParticipation.membership_id == member.id,
                )
            )
        )
    )


def used(mandate: ProxyMandate) -> bool:
    """Tell whether a vote was cast with the mandate."""
    return bool(
        db.session.scalar(
            sa.select(sa.exists().where(BallotParticipation.mandate_id == mandate.id))
        )
    )


def status(mandate: ProxyMandate) -> rules.MandateStatus:
    """Name the mandate's status."""
    return rules.status(
        revoked=mandate.revoked_at is not None, lapsed=mandate.lapsed_at is not None
    )


def revoke(mandate: ProxyMandate, actor: Membership) -> None:
    """Revoke a mandate that has not been used."""
    if mandate.holder is not None:
        _lock(mandate.holder)  # a use under way finishes first
    db.session.refresh(mandate, with_for_update=True)
    if not rules.may_revoke(status=status(mandate), used=used(mandate)):
        raise VotingError(_("This proxy was already used, revoked or lapsed."))
    mandate.revoked_at = utcnow()
    db.session.flush()
    audit.record(
        actor.user,
        "proxy.revoked",
        mandate,
        convention=actor.convention,
        giver=mandate.giver_id,
        holder=mandate.holder_id,
    )


def _covering(ballot: Ballot, member_column, member: Membership) -> list[ProxyMandate]:
    """Return the member's active mandates (as giver or holder) that cover the ballot."""
    candidates = db.session.scalars(
        sa.select(ProxyMandate)
        .where(
            member_column == member.id,
            _active(),
            sa.or_(ProxyMandate.ballot_id == ballot.id, ProxyMandate.session_id.is_not(None)),
        )
        .options(selectinload(ProxyMandate.session), selectinload(ProxyMandate.giver))
        .order_by(ProxyMandate.id)
    ).all()
    return [m for m in candidates if _covers(m, ballot)]


def _covers(mandate: ProxyMandate, ballot: Ballot) -> bool:
    """Tell whether the mandate covers the ballot."""
    window = (mandate.session.starts_at, mandate.session.ends_at) if mandate.session else None
    return rules.covers(
        ballot_id=mandate.ballot_id,
        session=window,
        target_ballot=ballot.id,
        opened_at=ballot.opened_at,
    )


def lapse(ballot: Ballot, giver: Membership) -> None:
    """The giver voted in person: their mandates covering this ballot lapse."""
    for mandate in _covering(ballot, ProxyMandate.giver_id, giver):
        mandate.lapsed_at = utcnow()
        audit.record(
            None,
            "proxy.lapsed",
            mandate,
            convention=giver.convention,
            giver=giver.id,
            holder=mandate.holder_id,
            ballot=ballot.id,
        )
    db.session.flush()


def _cast_by(ballot: Ballot, holder: Membership) -> int:
    """Count the members for whom the holder has cast a proxy in this ballot."""
    return db.session.scalar(  # type: ignore[return-value]
        sa.select(sa.func.count(sa.distinct(BallotParticipation.membership_id)))
        .join(ProxyMandate, ProxyMandate.id == BallotParticipation.mandate_id)
        .where(BallotParticipation.ballot_id == ballot.id, ProxyMandate.holder_id == holder.id)
    )


def cast_for(ballot: Ballot, holder: Membership, giver: Membership) -> bool:
    """Tell whether the holder has already cast the giver's vote in this ballot."""
    return bool(
        db.session.scalar(
            sa.select(
                sa.exists().where(
                    BallotParticipation.ballot_id == ballot.id,
                    BallotParticipation.membership_id == giver.id,
                    ProxyMandate.id == BallotParticipation.mandate_id,
                    ProxyMandate.holder_id == holder.id,
                )
            )
        )
    )


def refusal(ballot: Ballot, holder: Membership, mandate: ProxyMandate) -> rules.Refusal | None:
    """Say why the holder may not cast this mandate in the ballot now; None when they may."""
    giver = mandate.giver
    return rules.refusal(
        rules.Use(
            status=status(mandate),
            is_holder=mandate.holder_id == holder.id,
            covers=_covers(mandate, ballot),
            giver_elector=electorate.is_elector(ballot, giver) and giver.active,
            holder_elector=electorate.is_elector(ballot, holder),
            giver_voted=_voted(ballot, giver),
            other_proxies_cast=_cast_by(ballot, holder),
            limit=max_per_holder(),
        )
    )


def usable(ballot: Ballot, holder: Membership) -> list[ProxyMandate]:
    """Return the mandates the holder may cast in this ballot now, for the ballot page."""
    held = _covering(ballot, ProxyMandate.holder_id, holder)
    return [m for m in held if refusal(ballot, holder, m) is None]


def usable_mandate(ballot: Ballot, holder: Membership, giver: Membership) -> ProxyMandate:
    """Return the giver's mandate the holder may cast now, or refuse, saying why."""
    if cast_for(ballot, holder, giver):
        raise AlreadyCounted(
            _("The vote of %(name)s was already counted, once.", name=giver.pseudonym)
        )
    mandates = _covering(ballot, ProxyMandate.giver_id, giver)
    mandate = next((m for m in mandates if m.holder_id == holder.id), None)
    if mandate is None:
        _refuse_unmandated(ballot, giver)
        raise VotingError(
            _("%(name)s has given you no proxy for this ballot.", name=giver.pseudonym)
        )
    # holder first, then mandate: a second proxy of the holder, or a revocation, waits for us
    _lock(holder)
    db.session.refresh(mandate, with_for_update=True)
    reason = refusal(ballot, holder, mandate)
    if reason is not None:
        raise VotingError(explain(reason, giver))
    return mandate


def _refuse_unmandated(ballot: Ballot, giver: Membership) -> None:
    """Say so when the giver's proxy lapsed or was revoked, rather than that none exists."""
    if _voted(ballot, giver):
        raise VotingError(explain(rules.Refusal.GIVER_VOTED, giver))


def explain(reason: rules.Refusal, giver: Membership) -> str:
    """Explain to the holder, in their language, why the proxy cannot be cast."""
    name = giver.pseudonym
    messages = {
        rules.Refusal.REVOKED: _("This proxy was revoked."),
        rules.Refusal.LAPSED: _(
            "%(name)s voted in person before the proxy was used: it has lapsed.", name=name
        ),
        rules.Refusal.NOT_HOLDER: _("This proxy was not given to you."),
        rules.Refusal.NOT_COVERED: _("This proxy does not cover this ballot."),
        rules.Refusal.GIVER_VOTED: _("%(name)s has already voted.", name=name),
        rules.Refusal.GIVER_NOT_ELECTOR: _(
            "%(name)s is not in this ballot's electorate.", name=name
        ),
        rules.Refusal.HOLDER_NOT_ELECTOR: _(
            "You are not in this ballot's electorate, so you cannot cast a proxy in it."
        ),
        rules.Refusal.LIMIT: _("You have already cast as many proxies as allowed in this ballot."),
    }
    return messages[reason]


def listed(convention_id: int, member: Membership | None = None) -> list[ProxyMandate]:
    """Return a convention's mandates (or one member's, given or held), newest first."""
    query = sa.select(ProxyMandate).where(ProxyMandate.convention_id == convention_id)
    if member is not None:
        query = query.where(
            sa.or_(ProxyMandate.giver_id == member.id, ProxyMandate.holder_id == member.id)
        )
    return list(
        db.session.scalars(
            query.options(
                selectinload(ProxyMandate.giver),
                selectinload(ProxyMandate.holder),
                selectinload(ProxyMandate.entered_by),
                selectinload(ProxyMandate.ballot),
                selectinload(ProxyMandate.session),
            ).order_by(ProxyMandate.id.desc())
        )
    )


def used_ids(mandates: list[ProxyMandate]) -> set[int]:
    """Return which of these mandates were used, in one query."""
    ids = [m.id for m in mandates]
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(BallotParticipation.mandate_id)
            .where(BallotParticipation.mandate_id.in_(ids))
            .distinct()
        )
    )


def scopes(convention_id: int) -> tuple[list[Ballot], list[ConventionSession]]:
    """Return the ballots not closed and the sessions not over that a mandate may cover."""
    ballots = db.session.scalars(
        sa.select(Ballot).where(Ballot.convention_id == convention_id).order_by(Ballot.id)
    ).all()
    sessions = db.session.scalars(
        sa.select(ConventionSession)
        .where(
            ConventionSession.convention_id == convention_id,
            ConventionSession.cancelled_at.is_(None),
            ConventionSession.ends_at > utcnow(),
        )
        .order_by(ConventionSession.starts_at)
    ).all()
    return [b for b in ballots if b.state != BallotState.CLOSED], list(sessions)
