"""The jobs: each loads its feature's code when it runs, so the queue imports no feature."""

from typing import Any

from convention.jobs import job

# A mail server that is down is tried again a few times; `tick` sends a new job every minute anyway.
MAIL_RETRIES, MAIL_RETRY_SECONDS = 3, 60
PDF_RETRIES, PDF_RETRY_SECONDS = 2, 30


# No retry: a computation that crashed is retired as stale and started again by a facilitator.
@job()
def run_selection(run_id: int) -> None:
    """Compute a panel selection, storing its progress in its row as it goes."""
    from convention.selection.runner import execute

    execute(run_id)


@job(retries=MAIL_RETRIES, retry_delay=MAIL_RETRY_SECONDS)
def send_mail() -> tuple[int, int]:
    """Send the waiting messages; a message claimed once is never sent again, even on a retry."""
    from convention.mail import send_pending

    return send_pending()


@job(retries=PDF_RETRIES, retry_delay=PDF_RETRY_SECONDS, context=True)
def render_report_pdfs(version_id: int, task: Any = None) -> None:
    """Render a published report version's PDF in each of its languages."""
    from convention.extensions import db
    from convention.reports.services import pdfs_failed, render_pdfs

    try:
        render_pdfs(version_id)
    except Exception as error:
        if task is not None and task.retries:
            raise  # Huey tries again later
        db.session.rollback()
        pdfs_failed(version_id, error)


# No retry: the file is invited all at once or not at all, and the page says which.
@job()
def import_invitations(batch_id: int) -> None:
    """Invite the people of a large file, then say on its page how many and who needs a letter."""
    from convention.extensions import db
    from convention.members import imports

    claim = imports.start(batch_id)
    if claim is None:
        return
    db.session.commit()  # the page says "in progress" from now on
    try:
        imports.invite_batch(batch_id, claim)
    except imports.Superseded:
        db.session.rollback()  # a later claim invites the file
    except Exception as error:
        db.session.rollback()
        imports.failed(batch_id, claim, error)
