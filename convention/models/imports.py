"""Large invitation files, invited by a job: what the page shows while it works and after."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from convention.clock import utcnow
from convention.models.base import Base, enum_column


class ImportStatus(StrEnum):
    """Where an import stands."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class InvitationImport(Base):
    """A checked file of invitees, invited all at once by a job, or not at all."""

    __tablename__ = "invitation_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[ImportStatus] = mapped_column(
        enum_column(ImportStatus, "import_status"), default=ImportStatus.QUEUED
    )
    total: Mapped[int]
    # The file's rows ([line, email, name, role]), kept only until the job has invited them.
    rows: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    by_email: Mapped[int] = mapped_column(default=0)
    # Invitations without an address: their codes are made when their letters are printed.
    letter_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    # Refused lines ([line, message]) when the file no longer fitted once the job ran.
    errors: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    # When a job claimed it: only that claim may finish it; one long unfinished lost its worker.
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
