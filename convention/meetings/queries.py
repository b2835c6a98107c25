"""Selects for sessions, their agenda and attendance."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from convention.clock import utc_to_local, utcnow
from convention.extensions import db
from convention.models import (
    AgendaItem,
    Apology,
    Attendance,
    Convention,
    ConventionSession,
    Membership,
    User,
)
from convention.rules.attendance import (
    AttendanceSummary,
    SessionFacts,
    SessionFigure,
    is_held,
    session_figures,
    summarise,
)
from convention.rules.meetings import AttendanceStatus
from convention.rules.policy import Role


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


def apologies(session: ConventionSession) -> sa.Select:
    """The members who said they cannot come, with their accounts, by pseudonym."""
    return (
        sa.select(Membership)
        .join(Apology, Apology.membership_id == Membership.id)
        .options(joinedload(Membership.user))
        .where(Apology.session_id == session.id)
        .order_by(Membership.pseudonym, Membership.id)
    )


def attendance_counts(session: ConventionSession) -> sa.Select:
    """Count the members of each attendance status at one session."""
    return (
        sa.select(Attendance.status, sa.func.count())
        .where(Attendance.session_id == session.id)
        .group_by(Attendance.status)
    )


def session_facts(convention: Convention) -> list[SessionFacts]:
    """Read each session not cancelled with its citizens' attendance, in one grouped query."""
    return [facts for _, facts in _sessions_with_facts(convention)]


def _sessions_with_facts(convention: Convention) -> list[tuple[int, SessionFacts]]:
    """Read each session not cancelled, by id, with its citizens' attendance."""
    citizen = sa.and_(Membership.id == Attendance.membership_id, Membership.role == Role.CITIZEN)
    rows = db.session.execute(
        sa.select(
            ConventionSession.id,
            ConventionSession.title,
            ConventionSession.starts_at,
            sa.func.count(Membership.id).filter(Attendance.status == AttendanceStatus.PRESENT),
            sa.func.count(Membership.id),
        )
        .outerjoin(Attendance, Attendance.session_id == ConventionSession.id)
        .outerjoin(Membership, citizen)
        .where(
            ConventionSession.convention_id == convention.id,
            ConventionSession.cancelled_at.is_(None),
        )
        .group_by(ConventionSession.id, ConventionSession.title, ConventionSession.starts_at)
    ).all()
    zone = convention.time_zone
    return [
        (id_, SessionFacts(title, starts, utc_to_local(starts, zone).date(), present, n))
        for id_, title, starts, present, n in rows
    ]


def member_attendance(
    convention: Convention, now: datetime | None = None
) -> tuple[int, dict[int, int]]:
    """Return the sessions held (as the session record counts them) and each member's presences."""
    when = now or utcnow()
    held = [id_ for id_, facts in _sessions_with_facts(convention) if is_held(facts, when)]
    present = db.session.execute(
        sa.select(Attendance.membership_id, sa.func.count())
        .where(Attendance.session_id.in_(held), Attendance.status == AttendanceStatus.PRESENT)
        .group_by(Attendance.membership_id)
    ).all()
    return len(held), {member_id: count for member_id, count in present}


def session_record(
    convention: Convention, now: datetime | None = None
) -> tuple[tuple[SessionFigure, ...], AttendanceSummary]:
    """Return the sessions as every page shows them, and their summary."""
    figures = session_figures(session_facts(convention), now or utcnow())
    return figures, summarise(figures)
