"""Run a selection as a job (convention.jobs), storing its progress in its row as it goes."""

import logging
import time
from dataclasses import asdict

from flask import current_app

from convention.clock import utcnow
from convention.extensions import db
from convention.models import RunStatus, SelectionRun
from convention.rules.selection.feasibility import InfeasibleQuotasError
from convention.rules.selection.pool import Problem, SelectionInputError
from convention.rules.selection.progress import Progress
from convention.rules.selection.run import SelectionResult, run_selection
from convention.selection.files import CsvError
from convention.selection.problems import in_english
from convention.selection.uploads import parse_saved

# Progress is written at most this often, and cancellation read at most this often (seconds).
REPORT_EVERY = 1.0
# A running computation silent for this long has died (its worker was killed).
STALE_AFTER = 120
STOPPED = Problem("stopped_responding")
log = logging.getLogger(__name__)


def is_stale(run: SelectionRun) -> bool:
    """Tell whether a run claims to be working but has not reported for too long."""
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return False
    last = run.heartbeat_at or run.created_at
    return (utcnow() - last).total_seconds() > STALE_AFTER


class _Reporter:
    """Store progress in the run's row, and read the cancel flag, without flooding the database."""

    def __init__(self, run: SelectionRun) -> None:
        self.run = run
        self.last_report = 0.0
        self.last_check = 0.0
        self.cancelled = False

    def progress(self, update: Progress) -> None:
        now = time.monotonic()
        if now - self.last_report < REPORT_EVERY and update.stage != "done":
            return
        self.last_report = now
        self.run.progress = {
            "stage": update.stage,
            "fixed": update.fixed,
            "people": update.people,
            "panels": update.panels,
            "minimum": update.minimum,
            "seconds": round(update.seconds, 1),
        }
        self.run.heartbeat_at = utcnow()
        db.session.commit()

    def should_stop(self) -> bool:
        now = time.monotonic()
        if now - self.last_check >= REPORT_EVERY:
            self.last_check = now
            db.session.refresh(self.run, ["cancel_requested"])
            self.cancelled = self.run.cancel_requested
        return self.cancelled


def execute(run_id: int) -> RunStatus:
    """Compute the run's distribution and lottery list, storing progress and the outcome."""
    run = db.session.get(SelectionRun, run_id)
    if run is None or run.status is not RunStatus.QUEUED:
        return run.status if run else RunStatus.FAILED
    if run.cancel_requested:  # stopped while it waited for a worker: nothing to keep
        run.status = RunStatus.CANCELLED
        db.session.commit()
        return run.status
    run.status, run.heartbeat_at = RunStatus.RUNNING, utcnow()
    db.session.commit()
    try:
        _compute(run)
    except Exception:
        log.exception("selection run %s crashed", run_id)
        db.session.rollback()
        _fail(run, [STOPPED])
    db.session.commit()
    return run.status


def _compute(run: SelectionRun) -> None:
    """Run the selection with progress and cancellation, and keep its outcome or its problems."""
    reporter = _Reporter(run)
    try:
        people, quotas = parse_saved(run.pool_csv, run.quotas_csv)
        result = run_selection(
            people,
            quotas,
            run.panel_size,
            run.method,  # type: ignore[arg-type]
            household=run.household.split(",") if run.household else None,
            lottery_size=run.lottery_size,
            max_seconds=current_app.config["SELECTION_MAX_SECONDS"],
            progress=reporter.progress,
            should_stop=reporter.should_stop,
        )
    except InfeasibleQuotasError as error:
        _fail(run, error.problems, [asdict(row) for row in error.relaxation])
    except SelectionInputError as error:
        _fail(run, error.problems)
    except CsvError as error:  # the files were checked at upload: their stored copy is damaged
        _fail(run, [Problem("unreadable_files", {"detail": str(error)})])
    else:
        _store(run, result, reporter.cancelled)


def _fail(run: SelectionRun, problems: list[Problem], relaxation: list | None = None) -> None:
    """Record why the computation gave no distribution, to say in each reader's language."""
    run.status = RunStatus.FAILED
    run.error = in_english(problems)
    run.summary = {"problems": [p.as_json() for p in problems], "relaxation": relaxation or []}


def _store(run: SelectionRun, result: SelectionResult, cancelled: bool) -> None:
    """Keep the distribution, the lottery list and its figures."""
    run.status = RunStatus.CANCELLED if cancelled else RunStatus.DONE
    run.probabilities = [[pid, p] for pid, p in zip(result.ids, result.probabilities, strict=True)]
    run.lottery_csv, run.list_hash = result.lottery_text, result.list_hash
    run.summary = result.summary() | {"complete": result.complete, "unfittable": result.unfittable}
