"""What the selection pages read."""

import sqlalchemy as sa

from convention.models import Convention, SelectionRun


def runs_of(convention: Convention) -> sa.Select:
    """The convention's selection runs, the latest first."""
    return (
        sa.select(SelectionRun)
        .where(SelectionRun.convention_id == convention.id)
        .order_by(SelectionRun.id.desc())
    )
