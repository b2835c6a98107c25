"""Notifications for every event: new kinds, an email choice per kind, the daily digest.

Revision ID: b3c9e2f4a1d7
Revises: 9a5f9d1032cb
Create Date: 2026-12-01 23:50:00

Whoever had turned notification emails off gets "off" for every kind, so nobody starts
receiving mail they declined.
"""

import sqlalchemy as sa
from alembic import op

from convention.models.base import UTCDateTime

revision = "b3c9e2f4a1d7"
down_revision = "9a5f9d1032cb"
branch_labels = None
depends_on = None

OLD_KINDS = ("reply", "answer", "hidden", "restored", "session", "question", "council")
NEW_KINDS = OLD_KINDS + (
    "ballot",
    "report",
    "amendment",
    "amendment_decided",
    "update",
    "phase",
    "flag",
)
DELIVERIES = ("immediate", "digest", "off")


def _listed(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _notification_kinds(kinds) -> None:
    """Recreate the notifications' kind CHECK with these values."""
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_notifications_kind"), type_="check")
        batch_op.create_check_constraint("kind", f"kind IN ({_listed(kinds)})")


def upgrade():
    preferences = op.create_table(
        "notification_preferences",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum(*NEW_KINDS, name="kind", native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("delivery", sa.Enum(*DELIVERIES, name="delivery", native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_notification_preferences_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "kind", name=op.f("pk_notification_preferences")),
    )
    declined = op.get_bind().execute(
        sa.text("SELECT user_id, updated_at FROM notification_settings WHERE email = :no"),
        {"no": False},
    ).all()
    rows = [
        {"user_id": user_id, "kind": kind, "delivery": "off", "updated_at": updated_at}
        for user_id, updated_at in declined
        for kind in NEW_KINDS
    ]
    if rows:
        op.bulk_insert(preferences, rows)
    op.drop_table("notification_settings")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("in_digest", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("in_digest", server_default=None)
    _notification_kinds(NEW_KINDS)


def downgrade():
    op.execute(f"DELETE FROM notifications WHERE kind NOT IN ({_listed(OLD_KINDS)})")
    _notification_kinds(OLD_KINDS)
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("in_digest")
    settings = op.create_table(
        "notification_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_notification_settings_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_settings")),
    )
    declined = op.get_bind().execute(
        sa.text(
            "SELECT user_id, max(updated_at) FROM notification_preferences "
            "WHERE delivery = 'off' GROUP BY user_id"
        )
    ).all()
    if declined:
        op.bulk_insert(
            settings,
            [{"user_id": u, "email": False, "updated_at": t} for u, t in declined],
        )
    op.drop_table("notification_preferences")
