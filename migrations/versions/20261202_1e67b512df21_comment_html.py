"""Comments keep their sanitised HTML, written with their text, so pages render no Markdown.

Revision ID: 1e67b512df21
Revises: 6dd3a741b16e
Create Date: 2026-12-02 02:48:30.056186

"""
from alembic import op
import sqlalchemy as sa

from convention.web.markdown import render_markdown


# revision identifiers, used by Alembic.
revision = '1e67b512df21'
down_revision = '6dd3a741b16e'
branch_labels = None
depends_on = None

comments = sa.table(
    "comments", sa.column("id", sa.Integer), sa.column("body", sa.Text), sa.column("body_html", sa.Text)
)
BATCH = 500


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_html', sa.Text(), server_default='', nullable=False))
    # Existing contributions go through the same sanitiser as new ones, a batch at a time.
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(comments.c.id, comments.c.body)
            .where(comments.c.id > last)
            .order_by(comments.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for row in rows:
            connection.execute(
                comments.update()
                .where(comments.c.id == row.id)
                .values(body_html=str(render_markdown(row.body)))
            )
        last = rows[-1].id


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('body_html')
