"""Labels from data: amendment ballot items and system-made version notes stop storing English.

Revision ID: c3f8e1a2b4d6
Revises: b3c9e2f4a1d7
Create Date: 2026-12-02 09:00:00

Pages now say "Amendment 2 to R-2", "First draft" and the amendment a version came from in the
reader's language, from the stored ids. Notes an author typed are kept.
"""

import sqlalchemy as sa
from alembic import op

revision = "c3f8e1a2b4d6"
down_revision = "b3c9e2f4a1d7"
branch_labels = None
depends_on = None

# The first-version note the platform wrote, in the languages it was written in.
FIRST_DRAFT = ("First draft", "Premier brouillon")


def upgrade():
    op.execute(sa.text("UPDATE ballot_items SET title = '' WHERE kind = 'amendment'"))
    # A version made from an amendment always had a note written by the platform.
    op.execute(
        sa.text("UPDATE recommendation_versions SET note = '' WHERE amendment_id IS NOT NULL")
    )
    op.execute(
        sa.text(
            "UPDATE recommendation_versions SET note = '' WHERE number = 1 AND note IN :notes"
        ).bindparams(sa.bindparam("notes", FIRST_DRAFT, expanding=True))
    )


def downgrade():
    # Older code shows the stored title: give amendment items back an English one.
    op.execute(
        sa.text(
            "UPDATE ballot_items SET title = 'Amendment ' || amendment_id || ' to R-' || "
            "(SELECT r.number FROM amendments a JOIN recommendations r "
            "ON r.id = a.recommendation_id WHERE a.id = ballot_items.amendment_id) "
            "WHERE kind = 'amendment'"
        )
    )
