"""Selects for the open data API: public items only, eager loading decided here."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from convention.models import (
    AgendaItem,
    Ballot,
    Briefing,
    Convention,
    ConventionSession,
    CouncilResponse,
    Recommendation,
    ReportVersion,
    Topic,
)
from convention.rules.recommendations import PUBLIC_RECORD


def public_conventions() -> sa.Select:
    """Every public convention."""
    return sa.select(Convention).where(Convention.is_public.is_(True))


def public_convention(slug: str) -> sa.Select:
    """One public convention by its slug."""
    return public_conventions().where(Convention.slug == slug.lower())


def sessions(convention: Convention) -> sa.Select:
    """The convention's sessions with their agendas."""
    return (
        sa.select(ConventionSession)
        .options(selectinload(ConventionSession.agenda).load_only(*_agenda_columns()))
        .where(ConventionSession.convention_id == convention.id)
    )


def _agenda_columns() -> tuple:
    """The agenda's public columns."""
    return (AgendaItem.position, AgendaItem.title, AgendaItem.minutes, AgendaItem.topic_id)


def topics(convention: Convention) -> sa.Select:
    """The convention's topics with their briefings and files."""
    return (
        sa.select(Topic)
        .options(selectinload(Topic.briefings).selectinload(Briefing.files))
        .where(Topic.convention_id == convention.id)
    )


def voted_recommendations(convention: Convention) -> sa.Select:
    """The recommendations the panel voted on, with their versions."""
    return (
        sa.select(Recommendation)
        .options(selectinload(Recommendation.versions))
        .where(
            Recommendation.convention_id == convention.id, Recommendation.state.in_(PUBLIC_RECORD)
        )
    )


def ballots(convention: Convention) -> sa.Select:
    """The convention's ballots with their items; the caller keeps the closed ones."""
    return (
        sa.select(Ballot)
        .options(selectinload(Ballot.items))
        .where(Ballot.convention_id == convention.id)
    )


def closed_ballots(convention: Convention, now: datetime) -> sa.Select:
    """Ballots whose times say they are closed (as `Ballot.state_at`), with their items."""
    started = sa.or_(Ballot.opened_at.is_not(None), Ballot.opens_at.is_not(None))
    closed = sa.or_(
        Ballot.closed_at <= now,
        sa.and_(Ballot.closed_at.is_(None), started, Ballot.closes_at <= now),
    )
    return ballots(convention).where(closed)


def report_versions(convention: Convention) -> sa.Select:
    """The report's published versions with their files."""
    return (
        sa.select(ReportVersion)
        .options(selectinload(ReportVersion.files))
        .where(ReportVersion.convention_id == convention.id)
    )


def council_answers(convention: Convention) -> sa.Select:
    """The council's answers with their recommendation and implementation updates."""
    return (
        sa.select(CouncilResponse)
        .options(
            selectinload(CouncilResponse.recommendation), selectinload(CouncilResponse.updates)
        )
        .where(CouncilResponse.convention_id == convention.id)
    )
