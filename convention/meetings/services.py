"""Changes to sessions, their agenda and attendance: flushed and audited."""

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from convention import audit
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.models import (
    AgendaItem,
    Apology,
    Attendance,
    ConventionSession,
    Membership,
    NotificationKind,
    Topic,
)
from convention.notifications.services import notify
from convention.rules.meetings import AttendanceStatus, may_apologise
from convention.rules.ordering import moved

SESSION_FIELDS = ("title", "starts_at", "ends_at", "location", "online_url", "description")


class SessionError(ServiceError):
    """Raised when a change to a session is refused."""


def schedule_session(actor: Membership, **fields: object) -> ConventionSession:
    """Add a session to the calendar and tell every active member."""
    convention = actor.convention
    session = ConventionSession(convention_id=convention.id, **_only(fields))
    db.session.add(session)
    db.session.flush()
    audit.record(
        actor.user, "session.scheduled", session, convention=convention, title=session.title
    )
    members = db.session.scalars(
        sa.select(Membership.user_id).where(
            Membership.convention_id == convention.id,
            Membership.active.is_(True),
            Membership.user_id != actor.user_id,
        )
    ).all()
    notify(
        members,
        convention,
        NotificationKind.SESSION,
        url_for("meetings.show_session", session_id=session.id),
        title=session.title,
    )
    return session


def update_session(session: ConventionSession, actor: Membership, **fields: object) -> None:
    """Change a session; calendars see a new sequence number."""
    convention = actor.convention
    changed = sorted(k for k, v in _only(fields).items() if getattr(session, k) != v)
    for key in changed:
        setattr(session, key, fields[key])
    if changed:
        session.sequence += 1
        db.session.flush()
        audit.record(actor.user, "session.updated", session, convention=convention, fields=changed)


def cancel_session(session: ConventionSession, actor: Membership) -> None:
    """Cancel a session; it stays in calendars as cancelled."""
    convention = actor.convention
    if session.cancelled_at is not None:
        raise SessionError(_("This session is already cancelled."))
    session.cancelled_at = utcnow()
    session.sequence += 1
    audit.record(actor.user, "session.cancelled", session, convention=convention)


def _only(fields: dict[str, object]) -> dict[str, object]:
    """Keep the fields a session has."""
    return {k: v for k, v in fields.items() if k in SESSION_FIELDS}


def add_agenda_item(
    session: ConventionSession,
    actor: Membership,
    title: str,
    minutes: int | None,
    topic: Topic | None,
) -> AgendaItem:
    """Add an item at the end of a session's agenda."""
    item = AgendaItem(
        convention_id=session.convention_id,
        position=len(session.agenda),
        title=title,
        minutes=minutes,
        topic_id=topic.id if topic else None,
    )
    session.agenda.append(item)
    db.session.flush()
    return item


def remove_agenda_item(item: AgendaItem) -> None:
    """Take an item off its session's agenda and close the gap."""
    session = item.session
    session.agenda.remove(item)
    for position, remaining in enumerate(session.agenda):
        remaining.position = position
    db.session.flush()


def move_agenda_item(item: AgendaItem, offset: int) -> None:
    """Move an item one place up (-1) or down (+1)."""
    agenda = moved(item.session.agenda, item, offset)
    for position, entry in enumerate(agenda or []):
        entry.position = position
    db.session.flush()


def record_attendance(
    session: ConventionSession,
    actor: Membership,
    statuses: dict[int, AttendanceStatus],
) -> int:
    """Record each member's attendance at a session; return how many changed."""
    convention = actor.convention
    rows = db.session.scalars(sa.select(Attendance).where(Attendance.session_id == session.id))
    existing = {row.membership_id: row for row in rows}
    changed = sum(
        _set_status(session, existing.get(member_id), member_id, status, actor)
        for member_id, status in statuses.items()
    )
    db.session.flush()
    if changed:
        audit.record(
            actor.user,
            "session.attendance_recorded",
            session,
            convention=convention,
            changed=changed,
        )
    return changed


def _set_status(
    session: ConventionSession,
    row: Attendance | None,
    member_id: int,
    status: AttendanceStatus,
    actor: Membership,
) -> bool:
    """Add or change one member's attendance; tell whether anything changed."""
    if row is None:
        row = Attendance(
            convention_id=session.convention_id, session_id=session.id, membership_id=member_id
        )
        db.session.add(row)
    elif row.status is status:
        return False
    row.status, row.recorded_by_id = status, actor.user_id
    return True


def send_apology(session: ConventionSession, member: Membership) -> None:
    """Record, once, that the member cannot come to a session not yet started."""
    if not may_apologise(session.starts_at, session.cancelled_at is not None, utcnow()):
        raise SessionError(_("This session has started or is cancelled: tell a facilitator."))
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # A double click or a second tab records nothing more.
    db.session.execute(
        insert(Apology)
        .values(convention_id=session.convention_id, session_id=session.id, membership_id=member.id)
        .on_conflict_do_nothing(index_elements=["session_id", "membership_id"])
    )


def withdraw_apology(session: ConventionSession, member: Membership) -> None:
    """Take back an apology: the member can come after all."""
    db.session.execute(
        sa.delete(Apology).where(
            Apology.session_id == session.id, Apology.membership_id == member.id
        )
    )
