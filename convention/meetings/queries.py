"""Selects for sessions, their agenda and attendance."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from convention.models import (
    AgendaItem,
    Attendance,
    Convention,
    ConventionSession,
    Membership,
    User,
)


def sessions_of(convention: Convention) -> sa.Select:
    """The convention's sessions with their agenda, in time order."""
    return (
        sa.select(ConventionSession)
        .options(selectinload(ConventionSession.agenda).joinedload(AgendaItem.topic))
        .where(ConventionSession.convention_id == convention.id)
        .order_by(ConventionSession.starts_at, ConventionSession.id)
    )


def active_members(convention: Convention) -> sa.Select:
    """The active members with their accounts, by pseudonym."""
    return (
        sa.select(Membership)
        .join(User)
        .options(joinedload(Membership.user))
        .where(Membership.convention_id == convention.id, Membership.active.is_(True))
        .order_by(Membership.pseudonym, User.display_name, Membership.id)
    )


def attendance_of(session: ConventionSession) -> sa.Select:
    """The recorded attendance of one session: member id and status."""
    return sa.select(Attendance.membership_id, Attendance.status).where(
        Attendance.session_id == session.id
    )


def attendance_counts(session: ConventionSession) -> sa.Select:
    """Count the members of each attendance status at one session."""
    return (
        sa.select(Attendance.status, sa.func.count())
        .where(Attendance.session_id == session.id)
        .group_by(Attendance.status)
    )
