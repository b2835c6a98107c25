"""secret box: mark ballots whose old vote rows are destroyed; shuffle boxes settled before.

Revision ID: a7c3e91d5b20
Revises: 5b1e4c7d9a20
Create Date: 2026-12-01 09:20:00

"""

import secrets

from alembic import op
import sqlalchemy as sa

import convention.models.base


# revision identifiers, used by Alembic.
revision = "a7c3e91d5b20"
down_revision = "5b1e4c7d9a20"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("purged_at", convention.models.base.UTCDateTime(timezone=True), nullable=True)
        )
    _shuffle_settled_boxes()


def _shuffle_settled_boxes():
    """Secret boxes tallied before this revision kept their casting order: rewrite them shuffled.

    `flask convention tick` then destroys the old row versions (their purged_at is empty).
    """
    conn = op.get_bind()
    rng = secrets.SystemRandom()
    settled = (
        conn.execute(
            sa.text("SELECT id FROM ballots WHERE secret = :yes AND tallied_at IS NOT NULL"),
            {"yes": True},
        )
        .scalars()
        .all()
    )
    for ballot_id in settled:
        votes = [
            dict(r._mapping)
            for r in conn.execute(
                sa.text("SELECT item_id, choice, grade FROM votes WHERE ballot_id = :b"),
                {"b": ballot_id},
            )
        ]
        receipts = (
            conn.execute(
                sa.text("SELECT fingerprint FROM ballot_receipts WHERE ballot_id = :b"),
                {"b": ballot_id},
            )
            .scalars()
            .all()
        )
        rng.shuffle(votes)
        receipts = list(receipts)
        rng.shuffle(receipts)
        conn.execute(sa.text("DELETE FROM votes WHERE ballot_id = :b"), {"b": ballot_id})
        conn.execute(sa.text("DELETE FROM ballot_receipts WHERE ballot_id = :b"), {"b": ballot_id})
        for vote in votes:
            conn.execute(
                sa.text(
                    "INSERT INTO votes (key, ballot_id, item_id, choice, grade, membership_id)"
                    " VALUES (:key, :b, :item_id, :choice, :grade, NULL)"
                ),
                {**vote, "key": secrets.token_hex(16), "b": ballot_id},
            )
        for fingerprint in receipts:
            conn.execute(
                sa.text("INSERT INTO ballot_receipts (fingerprint, ballot_id) VALUES (:f, :b)"),
                {"f": fingerprint, "b": ballot_id},
            )


def downgrade():
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
