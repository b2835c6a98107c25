"""`flask convention ...`: commands for operators."""

import logging

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from convention import jobs
from convention.auth.services import find_user, set_password
from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import lost, tasks
from convention.models import BallotState, User
from convention.rules.invitations import format_code
from convention.selection.cli import select_panel_command

convention_cli = AppGroup("convention", help="Manage the convention platform.")
convention_cli.add_command(select_panel_command)


@convention_cli.command("create-admin")
@click.option("--email", prompt=True, help="The administrator's email address.")
@click.option("--name", prompt=True, help="The name shown for the administrator.")
@click.password_option(help="The administrator's password (asked when missing).")
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account, or make an existing account one."""
    email = email.strip().lower()
    user = find_user(email) or User(email=email, display_name=name)
    user.is_admin, user.active = True, True
    set_password(user, password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Administrator ready: {email}")


@convention_cli.command("demo")
@click.option("--force", is_flag=True, help="Seed even when the database already has users.")
def seed_demo(force: bool) -> None:
    """Create the demo convention, only on an empty database unless forced."""
    from convention.demo import DEMO_LOGINS, seed

    if db.session.scalar(sa.select(sa.func.count()).select_from(User)) and not force:
        click.echo("The database already has data: no demo created.")
        return
    letter_code = seed()
    db.session.commit()
    click.echo("Demo convention created at /c/demo. Demo logins:")
    for role, email, password in DEMO_LOGINS:
        click.echo(f"  {role:<14} {email:<28} {password}")
    click.echo(f"A letter invitation to try at /join: {format_code(letter_code)}")


@convention_cli.command("worker")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1))
def worker(workers: int) -> None:
    """Run the jobs (selections, PDFs, mail) from the queue until stopped; run one per machine."""
    from convention.jobs import huey

    if huey.immediate:
        raise click.UsageError("HUEY_IMMEDIATE is set: jobs run where they are sent, not here.")
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # Threads: each job has its own app context and session, and a consumer stays one process.
    huey.create_consumer(workers=workers, worker_type="thread", periodic=False).run()


@convention_cli.command("tick")
def tick() -> None:
    """Do the periodic work (mail, ballots, surveys, retention); safe to run as often as needed."""
    from convention.notifications.services import send_digests
    from convention.privacy import retention
    from convention.surveys.services import purge as purge_surveys
    from convention.voting.box import purge
    from convention.voting.queries import unsettled
    from convention.voting.services import refresh

    # Mail written here links to pages: URLs are built as a request to PUBLIC_URL would.
    with current_app.test_request_context("/", base_url=current_app.config["PUBLIC_URL"]):
        click.echo(f"digests queued: {send_digests()}")
        db.session.commit()
        jobs.enqueue(tasks.send_mail)
        click.echo(f"jobs sent again: {lost.send_again()}")
        db.session.commit()
        click.echo("mail: sending queued")
        settled = 0
        for ballot in db.session.scalars(unsettled(utcnow())).all():
            settled += refresh(ballot) == BallotState.CLOSED
            db.session.commit()
        click.echo(f"ballots settled: {settled}")
    forgotten = retention.apply()
    db.session.commit()
    click.echo("retention: " + ", ".join(f"{kind} {n}" for kind, n in forgotten.items()))
    # Outside any request and after the commit: the rewrite waits for no open transaction of ours.
    click.echo(f"ballot boxes purged: {purge()}")
    click.echo(f"survey boxes purged: {purge_surveys()}")


BREAK_REASONS = {
    "missing-before": "an event before it is missing",
    "previous-hash": "its link to the previous event does not match",
    "content": "its content was changed",
    "head": "events after it are missing (the chain ends before its recorded head)",
}


@convention_cli.command("verify-audit")
def verify_audit() -> None:
    """Recompute the audit log's hash chains; exit non-zero naming the first broken event."""
    from convention.audit import verify_log

    heads, breaks = verify_log()
    for broken in breaks:
        click.echo(
            f"BROKEN chain {broken.chain}: event {broken.event_id} (position {broken.seq}): "
            f"{BREAK_REASONS[broken.reason]}",
            err=True,
        )
    if breaks:
        raise SystemExit(1)
    for chain, head in sorted(heads.items()):
        click.echo(f"ok {chain}: {head.seq} events, head {head.hash}")
