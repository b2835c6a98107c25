"""The facts a to-do is made of, from one grouped query per kind over all the conventions."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from convention.conventions import queries, todo_queries as q
from convention.extensions import db
from convention.models import Membership
from convention.rules.council import is_overdue
from convention.rules.policy import Role

# News this recent is still new.
RECENT = timedelta(days=30)


@dataclass
class Facts:
    """What the grouped queries found, by convention id (or membership id for ballots)."""

    now: datetime
    ballots: dict[int, list] = field(default_factory=lambda: defaultdict(list))
    sessions: dict[int, tuple] = field(default_factory=dict)
    unread: dict[int, dict] = field(default_factory=lambda: defaultdict(dict))
    my_amendments: dict[int, tuple] = field(default_factory=dict)
    amendments: dict[int, tuple] = field(default_factory=dict)
    flags: dict[int, int] = field(default_factory=dict)
    questions: dict[int, int] = field(default_factory=dict)
    invitations: dict[int, int] = field(default_factory=dict)
    attendance: dict[int, tuple] = field(default_factory=dict)
    to_run: dict[int, tuple] = field(default_factory=dict)
    reports: dict[int, datetime] = field(default_factory=dict)
    answers: dict[int, int] = field(default_factory=dict)
    results: dict[int, int] = field(default_factory=dict)
    due: dict[int, tuple] = field(default_factory=dict)
    overdue: dict[int, int] = field(default_factory=dict)


def _ids(memberships: list[Membership], *roles: Role) -> list[int]:
    """Return the convention ids where the member holds one of `roles`."""
    return [m.convention_id for m in memberships if m.role in roles]


def load(memberships: list[Membership], now: datetime) -> Facts:
    """Run each grouped query once, for the conventions whose roles need it."""
    facts = Facts(now=now)
    everywhere = [m.convention_id for m in memberships]
    if not everywhere:
        return facts
    # The todo queries select plain tuples of ids, counts and times: their rows are untyped.
    rows: Callable[[sa.Select], Any] = db.session.execute
    citizens = [m.id for m in memberships if m.role is Role.CITIZEN]
    running = _ids(memberships, Role.FACILITATOR)
    answering = _ids(memberships, Role.FACILITATOR, Role.EXPERT)
    council = _ids(memberships, Role.COUNCIL)
    readers = _ids(memberships, Role.CITIZEN, Role.OBSERVER)
    if citizens:
        for member_id, *ballot in rows(q.ballots_to_vote(citizens, now)):
            facts.ballots[member_id].append(ballot)
        facts.my_amendments = {m: (n, a) for n, a, m in rows(q.amendments_for_authors(citizens))}
    facts.sessions = {c: (i, t, s) for c, i, t, s in rows(q.next_sessions(everywhere, now))}
    user_id = memberships[0].user_id
    for convention_id, kind, count in rows(q.unread_by_kind(user_id)):
        facts.unread[convention_id][kind] = count
    if running:
        facts.amendments = {c: (n, a) for n, a, c in rows(q.amendments_open(running))}
        facts.flags = dict(rows(q.flagged_contributions(running)).all())
        facts.invitations = dict(rows(queries.pending_invitation_counts(running)).all())
        facts.attendance = {
            c: (n, s) for c, n, s in rows(q.sessions_without_attendance(running, now))
        }
        facts.to_run = {c: (o, s) for c, o, s in rows(q.ballots_to_run(running, now))}
    if answering:
        facts.questions = dict(rows(q.unanswered_questions(answering)).all())
    facts.reports = dict(rows(q.reports(everywhere)).all())
    if readers:
        facts.answers = dict(rows(q.recent_answers(readers, now - RECENT)).all())
        facts.results = dict(rows(q.recent_results(readers, now - RECENT, now)).all())
    if council:
        facts.due = {c: (n, r) for c, n, r in rows(q.answers_due(council))}
        facts.overdue = _overdue(memberships, council, now)
    return facts


def _overdue(memberships: list[Membership], council: list[int], now: datetime) -> dict[int, int]:
    """Count each convention's overdue answers, today being the date in its own time zone."""
    zones = {m.convention_id: ZoneInfo(m.convention.time_zone) for m in memberships}
    latest_today = (now + timedelta(days=1)).date()
    found: dict[int, int] = defaultdict(int)
    for r in db.session.scalars(q.answers_past_deadline(council, latest_today)):
        today = now.astimezone(zones[r.convention_id]).date()
        found[r.convention_id] += is_overdue(r.decision, r.deadline, r.status, today)
    return found
