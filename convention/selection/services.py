"""Panel selection for a convention: run, publish the list, enter the seed, draw, invite."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from convention import audit, jobs
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.jobs import tasks
from convention.members.csv_import import InviteeRow, RowError
from convention.members.services import IssuedInvitation, invite_many
from convention.models import Convention, Membership, RunStatus, SelectionRun
from convention.rules.selection.lottery import draw_index, reserve_order
from convention.rules.selection.pool import group_quotas
from convention.selection.problems import in_english
from convention.selection.runner import STALE_AFTER, STOPPED
from convention.selection.uploads import CheckedUpload, parse_saved

ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class SelectionStepError(ServiceError):
    """Raised when a step of the draw is taken out of order."""


def create_run(
    actor: Membership,
    upload: CheckedUpload,
    size: int,
    method: str,
    household: list[str],
) -> SelectionRun:
    """Queue a computation in a free slot; refuse if the convention or the instance is busy."""
    convention = actor.convention
    _retire_stale()
    values = {
        "convention_id": convention.id,
        "created_by_id": actor.user_id,
        "method": method,
        "panel_size": size,
        "household": ",".join(household),
        "pool_csv": upload.pool_csv,
        "quotas_csv": upload.quotas_csv,
    }
    run = _take_slot(convention, values)
    jobs.enqueue(tasks.run_selection, run.id)
    audit.record(
        actor.user,
        "selection.run_started",
        run,
        convention=convention,
        method=method,
        size=size,
        people=upload.people,
    )
    return run


def _take_slot(convention: Convention, values: dict) -> SelectionRun:
    """Insert the run holding the first free slot; the unique indexes settle parallel starts."""
    for slot in range(1, current_app.config["SELECTION_MAX_RUNNING"] + 1):
        if _running_here(convention):
            break
        run = SelectionRun(slot=slot, **values)
        try:
            with db.session.begin_nested():
                db.session.add(run)
        except IntegrityError:
            continue
        return run
    if _running_here(convention):
        raise SelectionStepError(
            _("A computation is already running for this convention: wait for it or cancel it.")
        )
    raise SelectionStepError(
        _("The platform is computing other selections. Try again in a few minutes.")
    )


def _running_here(convention: Convention) -> bool:
    """Tell whether the convention has a queued or running computation."""
    return bool(
        db.session.scalar(
            sa.select(SelectionRun.id).where(
                SelectionRun.convention_id == convention.id,
                SelectionRun.status.in_(ACTIVE_STATUSES),
            )
        )
    )


def _retire_stale() -> None:
    """Mark as failed the computations whose process stopped reporting, freeing their slots."""
    silent = utcnow() - timedelta(seconds=STALE_AFTER)
    db.session.execute(
        sa.update(SelectionRun)
        .where(
            SelectionRun.status.in_(ACTIVE_STATUSES),
            sa.func.coalesce(SelectionRun.heartbeat_at, SelectionRun.created_at) < silent,
        )
        .values(
            status=RunStatus.FAILED,
            error=in_english([STOPPED]),
            summary={"problems": [STOPPED.as_json()]},
        )
    )


def request_cancel(run: SelectionRun, actor: Membership) -> None:
    """Ask the job to stop; it keeps the best certified result so far (none if it had not begun)."""
    convention = actor.convention
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        raise SelectionStepError(_("This computation is not running."))
    run.cancel_requested = True
    audit.record(actor.user, "selection.run_cancelled", run, convention=convention)


def publish(run: SelectionRun, actor: Membership) -> None:
    """Publish the numbered list and its hash, before any seed exists."""
    convention = actor.convention
    if run.status is not RunStatus.DONE or not run.list_hash:
        raise SelectionStepError(_("Only a finished computation can be published."))
    already = db.session.scalar(
        sa.select(SelectionRun.id).where(
            SelectionRun.convention_id == convention.id, SelectionRun.published_at.is_not(None)
        )
    )
    if already:
        raise SelectionStepError(_("A list is already published for this convention."))
    run.published_at = utcnow()
    audit.record(
        actor.user,
        "selection.list_published",
        run,
        convention=convention,
        list_hash=run.list_hash,
        lottery_size=run.lottery_size,
    )


def enter_seed(run: SelectionRun, actor: Membership, seed: str) -> None:
    """Record the public seed, chosen after the list was published."""
    convention = actor.convention
    if run.published_at is None or run.seed is not None:
        raise SelectionStepError(_("The seed is entered once, after the list is published."))
    run.seed, run.seed_entered_at = seed, utcnow()
    audit.record(actor.user, "selection.seed_entered", run, convention=convention, seed=seed)


def draw(run: SelectionRun, actor: Membership) -> None:
    """Draw the panel from the published list with the seed, and rank the reserves."""
    convention = actor.convention
    if run.seed is None or run.drawn_at is not None or not run.lottery_csv or not run.list_hash:
        raise SelectionStepError(_("The draw happens once, after the seed is entered."))
    lottery = lottery_rows(run.lottery_csv)
    run.drawn_index = draw_index(run.seed, run.list_hash, len(lottery))
    run.panel_ids = lottery[run.drawn_index]
    ids = [pair[0] for pair in run.probabilities]
    chances = [pair[1] for pair in run.probabilities]
    run.reserve_ids = reserve_order(ids, chances, set(run.panel_ids), run.seed, run.list_hash)
    run.drawn_at = utcnow()
    audit.record(
        actor.user,
        "selection.drawn",
        run,
        convention=convention,
        seed=run.seed,
        index=run.drawn_index,
        list_hash=run.list_hash,
    )


def published_run(convention: Convention) -> SelectionRun | None:
    """The convention's published run: the public record of its draw, if any."""
    return db.session.scalar(
        sa.select(SelectionRun).where(
            SelectionRun.convention_id == convention.id, SelectionRun.published_at.is_not(None)
        )
    )


def lottery_rows(text: str) -> list[list[str]]:
    """Read the panels of a `lottery.csv` text, in index order."""
    rows = text.strip().split("\n")[1:]
    return [row.split(",", 1)[1].split(" ") for row in rows]


@dataclass(frozen=True)
class QuotaFill:
    """How one feature value is represented: its bounds, the pool, the expectation, the panel."""

    feature: str
    value: str
    minimum: int
    maximum: int
    in_pool: int
    expected: float
    in_panel: int | None


def quota_fill(run: SelectionRun) -> list[QuotaFill]:
    """Compare each quota with the pool, the expected seats and, once drawn, the panel."""
    if not run.pool_csv:
        # The pool was dropped by the retention schedule; its figures were saved first.
        return [QuotaFill(**fill) for fill in run.summary.get("quota_fill", [])]
    people, quotas = parse_saved(run.pool_csv, run.quotas_csv)
    chance = dict((pid, p) for pid, p in run.probabilities)
    panel = set(run.panel_ids or [])
    fills = []
    for feature in group_quotas(quotas):
        column = [(p.values[feature.name].casefold(), p.id) for p in people]
        pool = Counter(value for value, _ in column)
        seated = Counter(value for value, pid in column if pid in panel)
        for quota in feature.quotas:
            key = quota.value.casefold()
            expected = sum(chance.get(pid, 0.0) for value, pid in column if value == key)
            fills.append(
                QuotaFill(
                    feature.name,
                    quota.value,
                    quota.minimum,
                    quota.maximum,
                    pool[key],
                    expected,
                    seated[key] if panel else None,
                )
            )
    return fills


def invite_selected(
    run: SelectionRun,
    actor: Membership,
    rows: list[InviteeRow],
    include_reserves: bool,
) -> tuple[list[IssuedInvitation], list[RowError]]:
    """Invite the drawn members (and reserves if asked) from contacts that are never stored."""
    convention = actor.convention
    allowed = set(run.panel_ids) | (set(run.reserve_ids) if include_reserves else set())
    errors = [
        RowError(row.line, _("Id %(id)s is not on the drawn panel.", id=row.ref))
        for row in rows
        if row.ref not in allowed
    ]
    if errors:
        return [], errors
    issued, errors = invite_many(convention, actor.user, rows)
    if not errors:
        audit.record(
            actor.user,
            "selection.contacts_invited",
            run,
            convention=convention,
            invited=len(issued),
        )
    return issued, errors
