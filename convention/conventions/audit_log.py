"""The audit log as sentences in the reader's language, with its filters and CSV export."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _, lazy_gettext as _l

from convention import csvfiles
from convention.extensions import db
from convention.models import (
    AuditEvent,
    Ballot,
    Briefing,
    Convention,
    ConventionSession,
    Recommendation,
    Topic,
    User,
    WorkingGroup,
)
from convention.rules.policy import Role
from convention.web import names

# One sentence per action: %(who)s is the actor, %(what)s the object's name or number.
SENTENCES: dict[str, Any] = {
    "account.erased": _l("An account was erased at its owner's request"),
    "account.password_changed": _l("%(who)s changed their password"),
    "account.password_reset": _l("%(who)s reset their password"),
    "account.signed_out_everywhere": _l("%(who)s signed out on every device"),
    "amendment.accepted": _l("%(who)s accepted amendment %(what)s"),
    "amendment.adopted_by_vote": _l("The panel adopted amendment %(what)s by vote"),
    "amendment.proposed": _l("%(who)s proposed amendment %(what)s"),
    "amendment.rejected": _l("%(who)s rejected amendment %(what)s"),
    "ballot.closed": _l("%(who)s closed the ballot %(what)s"),
    "ballot.created": _l("%(who)s created the ballot %(what)s"),
    "ballot.hand_count": _l("%(who)s entered the hand count of the ballot %(what)s"),
    "ballot.item_added": _l("%(who)s added a question to the ballot %(what)s"),
    "ballot.opened": _l("%(who)s opened the ballot %(what)s"),
    "ballot.paper_votes": _l("%(who)s entered paper votes in the ballot %(what)s"),
    "ballot.proxy_vote": _l("%(who)s recorded a proxy vote in the ballot %(what)s"),
    "ballot.settings_changed": _l("%(who)s changed the settings of the ballot %(what)s"),
    "membership.name_consent_given": _l("%(who)s agreed to be named with the outcome"),
    "membership.name_consent_withdrawn": _l("%(who)s withdrew their consent to be named"),
    "survey.closed": _l("%(who)s closed the survey %(what)s"),
    "survey.created": _l("%(who)s created the survey %(what)s"),
    "survey.opened": _l("%(who)s opened the survey %(what)s"),
    "survey.question_added": _l("%(who)s added a question to the survey %(what)s"),
    "survey.question_changed": _l("%(who)s changed a question of the survey %(what)s"),
    "survey.question_removed": _l("%(who)s removed a question from the survey %(what)s"),
    "proxy.given": _l("%(who)s recorded a voting proxy"),
    "proxy.lapsed": _l("A voting proxy lapsed: its giver voted"),
    "proxy.revoked": _l("%(who)s revoked a voting proxy"),
    "briefing.published": _l("%(who)s published the briefing %(what)s"),
    "briefing.removed": _l("%(who)s removed the briefing %(what)s"),
    "comment.deleted": _l("%(who)s deleted their comment %(what)s"),
    "comment.flagged": _l("%(who)s flagged comment %(what)s"),
    "comment.flags_dismissed": _l("%(who)s dismissed the flags on comment %(what)s"),
    "comment.hidden": _l("%(who)s hid comment %(what)s"),
    "comment.restored": _l("%(who)s restored comment %(what)s"),
    "convention.created": _l("%(who)s created the convention %(what)s"),
    "convention.phase_changed": _l("%(who)s moved the convention from %(before)s to %(after)s"),
    "convention.updated": _l("%(who)s changed the convention's settings"),
    "council.answered": _l("%(who)s recorded the council's answer %(what)s"),
    "council.corrected": _l("%(who)s corrected the council's answer %(what)s"),
    "council.progress": _l("%(who)s reported progress on the council's answer %(what)s"),
    "council.replied": _l("%(who)s replied to the council's answer %(what)s"),
    "group.attributes_imported": _l("%(who)s imported the members' attributes for the groups"),
    "group.created": _l("%(who)s created the working group %(what)s"),
    "group.drawn": _l("%(who)s drew the working groups"),
    "group.members_set": _l("%(who)s set the members of the working group %(what)s"),
    "hearing.recorded": _l("%(who)s recorded hearing %(what)s"),
    "invitation.accepted": _l("%(who)s accepted an invitation (role: %(role)s)"),
    "invitation.created": _l("%(who)s invited someone (role: %(role)s)"),
    "invitation.resent": _l("%(who)s sent an invitation again"),
    "invitation.revoked": _l("%(who)s revoked an invitation"),
    "membership.deactivated": _l("%(who)s deactivated a membership"),
    "membership.facilitator_appointed": _l("%(who)s appointed a facilitator"),
    "membership.onboarded_in_person": _l("%(who)s welcomed a member in person (role: %(role)s)"),
    "membership.reactivated": _l("%(who)s reactivated a membership"),
    "membership.role_changed": _l("%(who)s changed a member's role from %(before)s to %(after)s"),
    "minority_opinion.written": _l("%(who)s wrote minority opinion %(what)s"),
    "question.answered": _l("%(who)s answered question %(what)s"),
    "question.asked": _l("%(who)s asked question %(what)s"),
    "recommendation.created": _l("%(who)s created the recommendation %(what)s"),
    "recommendation.edited": _l("%(who)s edited the recommendation %(what)s"),
    "recommendation.evidence_changed": _l("%(who)s changed the evidence of %(what)s"),
    "recommendation.state_changed": _l("%(who)s moved the recommendation %(what)s on"),
    "report.draft_saved": _l("%(who)s saved the report's draft"),
    "report.published": _l("%(who)s published version %(what)s of the report"),
    "selection.contacts_invited": _l("%(who)s invited the drawn panel"),
    "selection.drawn": _l("%(who)s drew the panel"),
    "selection.list_published": _l("%(who)s published the list of possible panels"),
    "selection.run_cancelled": _l("%(who)s cancelled a selection computation"),
    "selection.run_started": _l("%(who)s started a selection computation"),
    "selection.seed_entered": _l("%(who)s entered the draw's public seed"),
    "session.attendance_recorded": _l("%(who)s recorded attendance at the session %(what)s"),
    "session.cancelled": _l("%(who)s cancelled the session %(what)s"),
    "session.scheduled": _l("%(who)s scheduled the session %(what)s"),
    "session.updated": _l("%(who)s changed the session %(what)s"),
    "topic.created": _l("%(who)s created the topic %(what)s"),
    "topic.moved": _l("%(who)s moved the topic %(what)s"),
    "topic.updated": _l("%(who)s changed the topic %(what)s"),
}
# Targets whose names are worth a query: table -> (model, name column).
NAMED = {
    "ballots": (Ballot, Ballot.title),
    "topics": (Topic, Topic.title),
    "recommendations": (Recommendation, Recommendation.title),
    "convention_sessions": (ConventionSession, ConventionSession.title),
    "working_groups": (WorkingGroup, WorkingGroup.name),
    "briefings": (Briefing, Briefing.title),
    "conventions": (Convention, Convention.title),
}
# The "what" filter: each family of actions, by the kind of object acted on.
FAMILY_NAMES: dict[str, Any] = {
    "account": _l("Accounts"),
    "amendment": _l("Amendments"),
    "ballot": _l("Ballots"),
    "briefing": _l("Briefings"),
    "comment": _l("Comments"),
    "convention": _l("The convention"),
    "council": _l("The council's answers"),
    "group": _l("Working groups"),
    "hearing": _l("Hearings"),
    "invitation": _l("Invitations"),
    "membership": _l("Memberships"),
    "minority_opinion": _l("Minority opinions"),
    "question": _l("Questions"),
    "proxy": _l("Voting proxies"),
    "recommendation": _l("Recommendations"),
    "report": _l("The report"),
    "selection": _l("Panel selection"),
    "survey": _l("Evaluation surveys"),
    "session": _l("Sessions"),
    "topic": _l("Topics"),
}
# The details column: each key in the reader's language (what the sentence says is left out).
DETAIL_NAMES: dict[str, Any] = {
    "attributes": _l("attributes"),
    "ballot": _l("ballot"),
    "ballots": _l("ballots"),
    "briefings": _l("briefings"),
    "changed": _l("changed"),
    "decision": _l("decision"),
    "eligible": _l("eligible members"),
    "fields": _l("fields"),
    "first": _l("first answer"),
    "flags": _l("flags"),
    "giver": _l("proxy giver"),
    "groups": _l("groups"),
    "hearings": _l("hearings"),
    "holder": _l("proxy holder"),
    "index": _l("panel number"),
    "invited": _l("invited"),
    "item": _l("question"),
    "list_hash": _l("list fingerprint"),
    "lottery_size": _l("panels in the list"),
    "mandate": _l("proxy"),
    "members": _l("members"),
    "method": _l("method"),
    "name": _l("name"),
    "offset": _l("move"),
    "outcomes": _l("outcomes"),
    "people": _l("volunteers"),
    "percent": _l("progress, in percent"),
    "previous": _l("previous state"),
    "put_to_vote": _l("put to the vote"),
    "reason": _l("reason"),
    "recommendation": _l("recommendation"),
    "reference": _l("reference"),
    "rows": _l("rows"),
    "seed": _l("seed"),
    "session": _l("session"),
    "settings": _l("settings"),
    "sha256": _l("SHA-256"),
    "size": _l("panel size"),
    "slug": _l("address"),
    "source": _l("source"),
    "state": _l("state"),
    "status": _l("status"),
    "title": _l("title"),
    "topic": _l("topic"),
    "version": _l("version"),
}
IN_SENTENCE = {"before", "after", "role"}
FAMILIES = sorted({action.split(".", 1)[0] for action in SENTENCES})
CSV_COLUMNS = ("when", "who", "role", "sentence", "action", "target", "details", "hash")


def _split(target: str) -> tuple[str, int | None]:
    """Split `table:id` into its parts; other targets have no id."""
    table, _sep, ident = target.partition(":")
    return table, int(ident) if ident.isdigit() else None


def names_of(events: list[AuditEvent]) -> dict[str, str]:
    """Load the names of the events' targets, one query per kind of target."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for event in events:
        table, ident = _split(event.target)
        if table in NAMED and ident is not None:
            wanted[table].add(ident)
    names: dict[str, str] = {}
    for table, ids in wanted.items():
        model, column = NAMED[table]
        rows = db.session.execute(sa.select(model.id, column).where(model.id.in_(ids)))  # type: ignore[attr-defined]
        names |= {f"{table}:{ident}": _("“%(name)s”", name=name) for ident, name in rows}
    return names


def who(event: AuditEvent) -> str:
    """Name the actor with their role then: erased people and the platform stay nameless."""
    role = names.ROLE_NAMES.get(Role(event.actor_role)) if event.actor_role in set(Role) else None
    if event.actor is not None:
        name = event.actor.display_name
        return _("%(name)s (%(role)s)", name=name, role=role) if role else name
    if event.actor_role:
        return _("a former member (%(role)s)", role=role or event.actor_role)
    return _("The platform")


def sentence(event: AuditEvent, names: dict[str, str]) -> str:
    """Say what happened in the reader's language; an unknown action still reads as a sentence."""
    table, ident = _split(event.target)
    what = names.get(event.target) or (
        _("no. %(id)s", id=ident) if ident is not None else event.target
    )
    template = SENTENCES.get(event.action)
    if template is None:
        return _(
            "%(who)s did “%(action)s” on %(what)s", who=who(event), action=event.action, what=what
        )
    text = str(template) % ({"who": who(event), "what": what} | _changes(event))
    return text[:1].upper() + text[1:]


def details(event: AuditEvent) -> list[str]:
    """Name the details the sentence leaves out, each as `name: value` in the reader's language."""
    return [
        _("%(name)s: %(value)s", name=DETAIL_NAMES.get(key, key), value=_value(value))
        for key, value in event.details.items()
        if key not in IN_SENTENCE
    ]


def _value(value: Any) -> str:
    """Write a detail's value: yes or no, a list joined, anything else as it is."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _changes(event: AuditEvent) -> dict[str, str]:
    """Name a phase or role change's two ends, and a granted role, in the reader's language."""
    named: dict[str, Any] = {
        "convention.phase_changed": {p.value: n for p, n in names.PHASE_NAMES.items()},
        "membership.role_changed": {r.value: n for r, n in names.ROLE_NAMES.items()},
    }.get(event.action, {})
    ends = (str(event.details.get("before")), str(event.details.get("after")))
    role = str(event.details.get("role", ""))
    return {
        key: str(named.get(value, value))
        for key, value in zip(("before", "after"), ends, strict=True)
    } | {"role": str(names.ROLE_NAMES.get(Role(role), role) if role in set(Role) else role)}


@dataclass(frozen=True)
class Filters:
    """Who, what and when: every key allow-listed, bad values ignored."""

    who: int | None = None
    what: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, args: Any) -> "Filters":
        """Read the filters from query arguments, dropping what does not parse."""
        what = args.get("what", "")
        return cls(
            who=args.get("who", type=int),
            what=what if what in FAMILIES else "",
            since=_date(args.get("since", "")),
            until=_date(args.get("until", "")),
        )

    def apply(self, select: sa.Select, time_zone: str) -> sa.Select:
        """Narrow a select of events to these filters, days taken in the convention's zone."""
        zone = ZoneInfo(time_zone)
        if self.who is not None:
            select = select.where(AuditEvent.actor_id == self.who)
        if self.what:
            select = select.where(AuditEvent.action.startswith(f"{self.what}.", autoescape=True))
        if self.since:
            select = select.where(
                AuditEvent.created_at >= datetime.combine(self.since, time(), zone)
            )
        if self.until:
            end = datetime.combine(self.until + timedelta(days=1), time(), zone)
            select = select.where(AuditEvent.created_at < end)
        return select

    def args(self) -> dict[str, Any]:
        """The filters as query arguments, for links to other pages and the export."""
        values = {"who": self.who, "what": self.what, "since": self.since, "until": self.until}
        return {k: v for k, v in values.items() if v not in (None, "")}


def _date(value: str) -> date | None:
    """Parse an ISO date within a sane range, or give None."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if 2000 <= parsed.year <= 2200 else None


def actors(convention: Convention) -> list[tuple[int, str]]:
    """The people who appear in the convention's log, for the "who" filter."""
    rows = db.session.execute(
        sa.select(User.id, User.display_name)
        .where(
            User.id.in_(
                sa.select(AuditEvent.actor_id).where(AuditEvent.convention_id == convention.id)
            )
        )
        .order_by(User.display_name, User.id)
    )
    return [(ident, name) for ident, name in rows]


def to_csv(events: list[AuditEvent], time_zone: str) -> str:
    """Export events as CSV, one sentence per row, with the hash that chains them."""
    names = names_of(events)
    zone = ZoneInfo(time_zone)
    rows = [
        [
            event.created_at.astimezone(zone).isoformat(timespec="seconds"),
            who(event),
            event.actor_role or "",
            sentence(event, names),
            event.action,
            event.target,
            "; ".join(f"{k}={v}" for k, v in sorted(event.details.items())),
            event.hash,
        ]
        for event in events
    ]
    return csvfiles.export(CSV_COLUMNS, [[str(cell) for cell in row] for row in rows])
