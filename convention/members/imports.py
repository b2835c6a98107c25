"""Large invitation files: checked in the request, invited by a job, letters printed after."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import force_locale

from convention import jobs
from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import tasks
from convention.members.csv_import import InviteeRow
from convention.members.services import IssuedInvitation, invite_many, resend
from convention.models import (
    Convention,
    ImportStatus,
    Invitation,
    InvitationImport,
    Membership,
    User,
)
from convention.rules.invitations import InvitationState
from convention.rules.policy import Role
from convention.web.i18n import shipped_languages

# Files up to this many rows are invited in the request, their letters shown at once.
IN_REQUEST_ROWS = 200


def queue_import(convention: Convention, actor: User, rows: list[InviteeRow]) -> InvitationImport:
    """Keep the checked rows and queue the job that invites them."""
    batch = InvitationImport(
        convention_id=convention.id,
        created_by_id=actor.id,
        total=len(rows),
        rows=[[row.line, row.email, row.name, row.role.value] for row in rows],
    )
    db.session.add(batch)
    db.session.flush()
    jobs.enqueue(tasks.import_invitations, batch.id)
    return batch


class Superseded(Exception):
    """A later claim took the file over: this job's worker was thought lost."""


def start(batch_id: int) -> datetime | None:
    """Claim a queued import and return the claim's time; None when it is not waiting (a job
    sent twice, run twice at once)."""
    claim = utcnow()
    claimed = db.session.execute(
        sa.update(InvitationImport)
        .where(InvitationImport.id == batch_id, InvitationImport.status == ImportStatus.QUEUED)
        .values(status=ImportStatus.RUNNING, started_at=claim)
    )
    return claim if claimed.rowcount == 1 else None  # type: ignore[attr-defined]


def invite_batch(batch_id: int, claim: datetime) -> None:
    """Invite every row, or nobody if one no longer fits; drop the rows either way."""
    batch = _hold(batch_id, claim)
    if batch is None:
        raise Superseded
    convention = db.session.get_one(Convention, batch.convention_id)
    actor = db.session.get_one(User, batch.created_by_id)
    rows = [InviteeRow(line, email, name, Role(role)) for line, email, name, role in batch.rows]
    # Mail and refusals are written in the convention's language, as no reader is here.
    with force_locale(shipped_languages(convention.languages)[0]):
        issued, errors = invite_many(convention, actor, rows)
    if errors:
        batch.status = ImportStatus.FAILED
        batch.errors = [[error.line, error.message] for error in errors]
    else:
        batch.status = ImportStatus.DONE
        batch.by_email = sum(1 for item in issued if item.invitation.email)
        batch.letter_ids = [item.invitation.id for item in issued if not item.invitation.email]
    batch.rows, batch.finished_at = [], utcnow()
    db.session.flush()


def failed(batch_id: int, claim: datetime, error: Exception) -> None:
    """Record that the job crashed: nobody of the file is invited (unless a later claim does)."""
    batch = _hold(batch_id, claim)
    if batch is None:
        return
    batch.status, batch.rows, batch.finished_at = ImportStatus.FAILED, [], utcnow()
    batch.errors = [[0, f"{type(error).__name__}: {error}"[:500]]]
    db.session.flush()


def _hold(batch_id: int, claim: datetime) -> InvitationImport | None:
    """Lock the import until the job commits; None if its claim is no longer this job's."""
    # Locked, a worker thought lost that is only slow keeps the file: `send_again` waits for it.
    batch = db.session.scalars(
        sa.select(InvitationImport)
        .where(InvitationImport.id == batch_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    mine = batch.status is ImportStatus.RUNNING and batch.started_at == claim
    return batch if mine else None


def print_letters(batch: InvitationImport, actor: Membership) -> list[IssuedInvitation]:
    """Issue new codes for the import's invitations without an address that are still open."""
    invitations = db.session.scalars(
        sa.select(Invitation).where(Invitation.id.in_(batch.letter_ids)).order_by(Invitation.id)
    ).all()
    waiting = (InvitationState.PENDING, InvitationState.EXPIRED)
    return [resend(item, actor) for item in invitations if item.state() in waiting]
