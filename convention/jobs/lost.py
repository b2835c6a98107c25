"""Send again the jobs a queue that was down lost: `tick` asks, the jobs themselves run once."""

from datetime import timedelta

import sqlalchemy as sa

from convention import jobs
from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import tasks
from convention.models import ImportStatus, InvitationImport, ReportVersion

# Work still waiting this long after it was asked for lost its job (a queued job starts in seconds).
LOST_AFTER = timedelta(minutes=10)


def send_again() -> int:
    """Queue again the PDFs and invitation files still waiting for a job; return how many."""
    before = utcnow() - LOST_AFTER
    versions = db.session.scalars(
        sa.select(ReportVersion.id).where(
            ReportVersion.pdfs_ready_at.is_(None),
            ReportVersion.pdfs_error.is_(None),
            ReportVersion.published_at < before,
        )
    ).all()
    batches = db.session.scalars(
        sa.select(InvitationImport.id).where(
            InvitationImport.status == ImportStatus.QUEUED, InvitationImport.created_at < before
        )
    ).all()
    for version_id in versions:
        jobs.enqueue(tasks.render_report_pdfs, version_id)
    for batch_id in batches:
        jobs.enqueue(tasks.import_invitations, batch_id)
    return len(versions) + len(batches)
