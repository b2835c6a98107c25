"""Panel selection runs: the uploaded pool, the computed lottery list, its publication and draw."""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from convention.clock import utcnow
from convention.models.base import Base, enum_column


class RunStatus(StrEnum):
    """Where a computation stands."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = "status IN ('queued', 'running')"


class SelectionRun(Base):
    """One computation of a selection distribution, and, once published, its public draw."""

    __tablename__ = "selection_runs"
    __table_args__ = (
        # One published list per convention: the public must not be shown two.
        sa.Index(
            "uq_selection_runs_published",
            "convention_id",
            unique=True,
            sqlite_where=sa.text("published_at IS NOT NULL"),
            postgresql_where=sa.text("published_at IS NOT NULL"),
        ),
        # One computation at a time per convention, and each running one holds a numbered slot:
        # the application hands out slots 1..SELECTION_MAX_RUNNING, the index refuses a second
        # holder, so parallel starts cannot all pass.
        sa.Index(
            "uq_selection_runs_active_convention",
            "convention_id",
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        ),
        sa.Index(
            "uq_selection_runs_active_slot",
            "slot",
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        ),
        sa.CheckConstraint(
            "drawn_at IS NULL OR published_at IS NOT NULL", name="draw_after_publish"
        ),
        sa.CheckConstraint("panel_size > 0", name="panel_size_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    method: Mapped[str] = mapped_column(sa.String(16))
    panel_size: Mapped[int]
    lottery_size: Mapped[int] = mapped_column(default=1000)
    household: Mapped[str] = mapped_column(sa.String(200), default="")
    # Pseudonymous ids and quota features only: other columns are dropped at upload.
    pool_csv: Mapped[str] = mapped_column(sa.Text)
    quotas_csv: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[RunStatus] = mapped_column(
        enum_column(RunStatus, "run_status"), default=RunStatus.QUEUED
    )
    slot: Mapped[int | None]
    progress: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    heartbeat_at: Mapped[datetime | None]
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    # Why a run failed, in English for operators; pages say summary["problems"] in each language.
    error: Mapped[str | None] = mapped_column(sa.Text)
    summary: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    probabilities: Mapped[list[Any]] = mapped_column(sa.JSON, default=list)
    lottery_csv: Mapped[str | None] = mapped_column(sa.Text)
    list_hash: Mapped[str | None] = mapped_column(sa.String(64))
    published_at: Mapped[datetime | None]
    seed: Mapped[str | None] = mapped_column(sa.String(200))
    seed_entered_at: Mapped[datetime | None]
    drawn_index: Mapped[int | None]
    drawn_at: Mapped[datetime | None]
    panel_ids: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    reserve_ids: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
