"""Send again the jobs a queue that was down lost: `tick` asks, the jobs themselves run once."""

from datetime import datetime, timedelta

import sqlalchemy as sa

from convention import jobs
from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import tasks
from convention.models import ImportStatus, InvitationImport, ReportVersion

# Work still waiting this long after it was asked for lost its job (a queued job starts in seconds).
LOST_AFTER = timedelta(minutes=10)
# An import claimed this long ago and unfinished lost its worker (5,000 rows take seconds).
IMPORT_LOST_AFTER = timedelta(minutes=30)


def send_again() -> int:
    """Queue again the PDFs and invitation files still waiting for a job, and the files whose
    worker died; return how many."""
    before = utcnow() - LOST_AFTER
    versions = db.session.scalars(
        sa.select(ReportVersion.id).where(
            ReportVersion.pdfs_ready_at.is_(None),
            ReportVersion.pdfs_error.is_(None),
            ReportVersion.published_at < before,
        )
    ).all()
    batches = list(
        db.session.scalars(
            sa.select(InvitationImport.id).where(
                InvitationImport.status == ImportStatus.QUEUED, InvitationImport.created_at < before
            )
        )
    )
    batches += _release_imports(utcnow() - IMPORT_LOST_AFTER)
    for version_id in versions:
        jobs.enqueue(tasks.render_report_pdfs, version_id)
    for batch_id in batches:
        jobs.enqueue(tasks.import_invitations, batch_id)
    return len(versions) + len(batches)


def _release_imports(before: datetime) -> list[int]:
    """Put back in the queue the imports claimed before `before` and never finished."""
    # a worker that is only slow holds its import's row: this waits, then finds it finished
    released = db.session.scalars(
        sa.update(InvitationImport)
        .where(
            InvitationImport.status == ImportStatus.RUNNING, InvitationImport.started_at < before
        )
        .values(status=ImportStatus.QUEUED, started_at=None)
        .returning(InvitationImport.id)
    )
    return list(released)
