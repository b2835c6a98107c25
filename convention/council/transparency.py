"""Gather what a convention publishes, for its transparency page and its checklist."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from convention.audit import head_hash
from convention.council import queries
from convention.extensions import db
from convention.models import (
    Ballot,
    Convention,
    ConventionSession,
    Hearing,
    ReportVersion,
    SelectionRun,
    Topic,
)
from convention.selection.services import QuotaFill, quota_fill


@dataclass
class Record:
    """What the transparency page shows, gathered in a handful of queries."""

    convention: Convention
    sessions: list[ConventionSession]
    run: SelectionRun | None
    fills: list[QuotaFill]
    topics: list[Topic]
    hearings: list[Hearing]
    ballots: list[Ballot]
    report: ReportVersion | None
    answered: int
    adopted: int
    overdue: int
    checklist: list[tuple[Any, bool]] = field(default_factory=list)
    audit_head: str | None = None


def _closed_ballots(convention: Convention) -> list[Ballot]:
    """List the closed ballots, whose rules the page states."""
    return list(
        db.session.scalars(
            sa.select(Ballot)
            .where(Ballot.convention_id == convention.id, Ballot.closed_at.is_not(None))
            .order_by(Ballot.closed_at)
        )
    )


def gather(convention: Convention, today: date) -> Record:
    """Read everything the transparency page shows, and tick the checklist."""
    run = db.session.scalar(
        sa.select(SelectionRun).where(
            SelectionRun.convention_id == convention.id, SelectionRun.published_at.is_not(None)
        )
    )
    rows = queries.rows(convention, today)
    record = Record(
        convention=convention,
        sessions=list(
            db.session.scalars(
                sa.select(ConventionSession)
                .where(
                    ConventionSession.convention_id == convention.id,
                    ConventionSession.cancelled_at.is_(None),
                )
                .order_by(ConventionSession.starts_at)
            )
        ),
        run=run,
        fills=quota_fill(run) if run else [],
        topics=list(
            db.session.scalars(
                sa.select(Topic)
                .options(selectinload(Topic.briefings))
                .where(Topic.convention_id == convention.id)
                .order_by(Topic.position, Topic.id)
            )
        ),
        hearings=list(
            db.session.scalars(
                sa.select(Hearing)
                .where(Hearing.convention_id == convention.id)
                .order_by(Hearing.held_at, Hearing.id)
            )
        ),
        ballots=_closed_ballots(convention),
        report=db.session.scalar(
            sa.select(ReportVersion)
            .where(ReportVersion.convention_id == convention.id)
            .order_by(ReportVersion.number.desc())
            .limit(1)
        ),
        answered=sum(1 for r in rows if r.response),
        adopted=len(rows),
        overdue=sum(1 for r in rows if r.overdue),
    )
    record.checklist = checklist(record)
    record.audit_head = head_hash(convention)
    return record


def checklist(record: Record) -> list[tuple[Any, bool]]:
    """Tick what is published, after the OECD's transparency principle."""
    return [
        (_l("The mandate and the question put to the panel"), bool(record.convention.mandate)),
        (_l("The calendar of sessions"), bool(record.sessions)),
        (_l("How the panel was drawn: method, list hash and seed"), record.run is not None),
        (_l("The panel's composition, in aggregate"), bool(record.fills)),
        (
            _l("Briefings and expert hearings"),
            bool(record.hearings) or any(t.briefings for t in record.topics),
        ),
        (_l("The rules of the votes and their results"), bool(record.ballots)),
        (_l("The report, frozen and verifiable"), record.report is not None),
        (
            _l("The council's answer to every adopted recommendation"),
            record.adopted > 0 and record.answered == record.adopted,
        ),
    ]
