"""Counts per member for the participation page: a fixed number of grouped queries."""

from datetime import datetime

import sqlalchemy as sa

from convention.models import (
    Attendance,
    Comment,
    Convention,
    InformationRequest,
)
from convention.rules.meetings import AttendanceStatus


def comments_per_member(convention: Convention) -> sa.Select[int, int, datetime | None]:
    """Count each member's contributions that were not deleted, and when they last wrote."""
    return (
        sa.select(Comment.author_id, sa.func.count(), sa.func.max(Comment.created_at))
        .where(Comment.convention_id == convention.id, Comment.deleted_at.is_(None))
        .group_by(Comment.author_id)
    )


def questions_per_member(convention: Convention) -> sa.Select:
    """Count each member's questions to the experts."""
    return (
        sa.select(InformationRequest.asked_by_id, sa.func.count())
        .where(InformationRequest.convention_id == convention.id)
        .group_by(InformationRequest.asked_by_id)
    )


def presence_per_member(convention: Convention) -> sa.Select:
    """Count the sessions each member attended."""
    return (
        sa.select(Attendance.membership_id, sa.func.count())
        .where(
            Attendance.convention_id == convention.id,
            Attendance.status == AttendanceStatus.PRESENT,
        )
        .group_by(Attendance.membership_id)
    )
