"""The retention schedule: personal data kept no longer than its purpose needs, run by `tick`."""

from dataclasses import asdict
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from convention.auth.sessions import clear_dead
from convention.clock import utcnow
from convention.extensions import db
from convention.models import Invitation, OutboxMessage, SelectionRun
from convention.models.selection import RunStatus
from convention.selection.services import quota_fill

# Each kind of personal data the schedule limits, with the setting that says how long it stays.
SCHEDULE = {
    "mail": "RETENTION_MAIL_DAYS",
    "contacts": "RETENTION_CONTACT_DAYS",
    "pool": "RETENTION_POOL_DAYS",
}
FINISHED = (RunStatus.DONE, RunStatus.FAILED, RunStatus.CANCELLED)


def days(kind: str) -> int:
    """How many days one kind of data is kept."""
    return int(current_app.config[SCHEDULE[kind]])


def apply() -> dict[str, int]:
    """Delete or blank what has outlived its period; return how many of each were done."""
    done = {
        "mail": _old_mail(),
        "contacts": _old_contacts(),
        "pool": _old_pools(),
        "sessions": clear_dead(),
    }
    db.session.flush()
    return done


def _before(kind: str):
    """The moment before which data of `kind` has been kept long enough."""
    return utcnow() - timedelta(days=days(kind))


def _old_mail() -> int:
    """Delete messages sent or given up on before the mail period."""
    limit = _before("mail")
    result = db.session.execute(
        sa.delete(OutboxMessage).where(
            sa.or_(OutboxMessage.sent_at < limit, OutboxMessage.failed_at < limit)
        )
    )
    return result.rowcount  # type: ignore[attr-defined]


def _old_contacts() -> int:
    """Blank the name and address of invitations that ended before the contacts period."""
    limit = _before("contacts")
    ended = sa.or_(
        Invitation.accepted_at < limit, Invitation.revoked_at < limit, Invitation.expires_at < limit
    )
    result = db.session.execute(
        sa.update(Invitation)
        .where(ended, sa.or_(Invitation.email.is_not(None), Invitation.name != ""))
        .values(email=None, name="")
    )
    return result.rowcount  # type: ignore[attr-defined]


def _old_pools() -> int:
    """Drop volunteer pools drawn (or abandoned) before the pool period; keep quota figures."""
    limit = _before("pool")
    finished = sa.and_(
        SelectionRun.published_at.is_(None),
        SelectionRun.status.in_(FINISHED),
        SelectionRun.created_at < limit,
    )
    runs = db.session.scalars(
        sa.select(SelectionRun).where(
            SelectionRun.pool_csv != "", sa.or_(SelectionRun.drawn_at < limit, finished)
        )
    ).all()
    for run in runs:
        # The public page keeps showing how each quota was met, from the figures saved here.
        run.summary = run.summary | {"quota_fill": [asdict(fill) for fill in quota_fill(run)]}
        run.pool_csv = ""
    return len(runs)
