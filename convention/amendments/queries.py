"""What the amendment pages read."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from convention.models import Amendment, Convention


def detail(amendment_id: int, convention: Convention) -> sa.Select:
    """One amendment of the convention, with its author and who decided it."""
    return (
        sa.select(Amendment)
        .options(joinedload(Amendment.author), joinedload(Amendment.decided_by))
        .where(Amendment.id == amendment_id, Amendment.convention_id == convention.id)
    )
