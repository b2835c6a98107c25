"""Everything stored about one person, gathered for "download my data"."""

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Membership, User
from convention.models.base import Base

# For each table, the columns whose value makes the row about the person (their account or one of
# their memberships). Rows where the person only acted on someone else are not theirs to take.
SUBJECT_COLUMNS: dict[str, tuple[str, ...]] = {
    "memberships": ("user_id",),
    "user_sessions": ("user_id",),
    "notifications": ("user_id",),
    "notification_preferences": ("user_id",),
    "invitations": ("accepted_by_id",),
    "audit_events": ("actor_id",),
    "selection_runs": ("created_by_id",),
    "attendances": ("membership_id",),
    "session_apologies": ("membership_id",),
    "member_attributes": ("membership_id",),
    "working_group_members": ("membership_id",),
    "briefings": ("author_id",),
    "information_requests": ("asked_by_id", "answered_by_id"),
    "comments": ("author_id",),
    "flags": ("flagged_by_id",),
    "recommendations": ("created_by_id",),
    "recommendation_authors": ("membership_id",),
    "recommendation_versions": ("author_id",),
    "amendments": ("author_id",),
    "supports": ("membership_id",),
    "minority_opinions": ("author_id",),
    "minority_signatures": ("membership_id",),
    "ballots": ("created_by_id",),
    "surveys": ("created_by_id",),
    # Which surveys the person answered; their answers are linked to nobody, so never here.
    "survey_participations": ("membership_id",),
    "ballot_electors": ("membership_id",),
    "ballot_participations": ("membership_id",),
    # Only roll-call votes name a member: a secret vote is linked to nobody, so it cannot be here.
    "votes": ("membership_id",),
    "proxy_mandates": ("giver_id", "holder_id"),
    "report_versions": ("published_by_id",),
    "council_responses": ("answered_by_id",),
    "council_response_versions": ("answered_by_id",),
    "implementation_updates": ("author_id",),
    "response_replies": ("membership_id",),
}
# Columns naming the person as the one who acted on another person's row: not their data.
ACTING_COLUMNS = frozenset(
    {
        ("amendments", "decided_by_id"),
        ("attendances", "recorded_by_id"),
        ("comments", "hidden_by_id"),
        ("flags", "resolved_by_id"),
        ("invitations", "invited_by_id"),
        ("invitation_imports", "created_by_id"),
        ("proxy_mandates", "entered_by_id"),
    }
)
# Secrets, others' data and bulky records left out of the copy.
LEFT_OUT = frozenset(
    {
        "password_hash",
        "token_hash",
        "code_hash",
        "secret_body",
        "key",
        "pool_csv",
        "quotas_csv",
        "lottery_csv",
        "probabilities",
        "panel_ids",
        "reserve_ids",
        "content",
        "prev_hash",
        "hash",
    }
)
PROFILE = ("email", "username", "display_name", "locale", "is_admin", "created_at")


def collect(user: User) -> dict[str, Any]:
    """Return the person's profile and every row about them, as plain JSON values."""
    return gather(user, _plain)


def gather(user: User, shape: Callable[[Any], Any]) -> dict[str, Any]:
    """Return the person's profile and every row about them, each value passed through `shape`."""
    memberships = db.session.scalars(
        sa.select(Membership.id).where(Membership.user_id == user.id)
    ).all()
    owners = {"users": [user.id], "memberships": list(memberships)}
    data: dict[str, Any] = {"profile": {name: shape(getattr(user, name)) for name in PROFILE}}
    for name, columns in SUBJECT_COLUMNS.items():
        table = Base.metadata.tables[name]
        rows = db.session.execute(sa.select(table).where(_about(table, columns, owners))).all()
        data[name] = [_row(table, row, shape) for row in rows]
    return data


def _about(table: sa.Table, columns: tuple[str, ...], owners: dict[str, list[int]]) -> Any:
    """Match rows where one of `columns` points at the person or one of their memberships."""
    tests = []
    for column in (table.c[name] for name in columns):
        (key,) = column.foreign_keys
        tests.append(column.in_(owners[key.column.table.name]))
    return sa.or_(*tests)


def _row(table: sa.Table, row: sa.Row, shape: Callable[[Any], Any]) -> dict[str, Any]:
    """Turn one row into shaped values, without what is left out."""
    return {
        column.name: shape(value)
        for column, value in zip(table.c, row, strict=True)
        if column.name not in LEFT_OUT
    }


def _plain(value: Any) -> Any:
    """Make a value JSON-ready: times as ISO 8601, enums as their value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
