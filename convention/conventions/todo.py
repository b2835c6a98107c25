"""What awaits each member, role by role, as links: computed here once for the dashboard and home.

The facts come from a fixed number of grouped queries over all the member's conventions; each
item is offered only when the policy lets the member act on it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import gettext as _, ngettext

from convention.access import member_can
from convention.clock import utcnow
from convention.conventions import todo_queries as q
from convention.conventions.todo_facts import RECENT, Facts, load
from convention.models import Membership, NotificationKind
from convention.rules.phases import Phase
from convention.rules.policy import Action, Role
from convention.web.filters import moment

# A session this close is worth preparing.
SOON = timedelta(days=14)


@dataclass(frozen=True)
class Task:
    """One thing to do or read, said in a sentence, with where to do it."""

    text: str
    url: str
    urgent: bool = False


@dataclass(frozen=True)
class Todo:
    """A member's to-do in one convention; when empty, what comes next."""

    tasks: list[Task]
    next_up: str


def todo_for(memberships: list[Membership]) -> dict[int, Todo]:
    """Return each membership's to-do, by membership id, from one query per kind of fact."""
    facts = load(memberships, utcnow())
    return {m.id: _todo(m, facts) for m in memberships}


def _todo(member: Membership, facts: Facts) -> Todo:
    """Gather the member's tasks, the role's own first, then news."""
    builders = {
        Role.CITIZEN: (_votes, _soon, _group_amendments, _news),
        Role.FACILITATOR: (_facilitation, _questions),
        Role.EXPERT: (_questions,),
        Role.COUNCIL: (_council,),
        Role.OBSERVER: (_news,),
    }[member.role]
    tasks = [task for build in builders for task in build(member, facts)]
    tasks += _notifications(member, facts)
    return Todo(tasks=tasks, next_up=_next_up(member, facts))


def _link(member: Membership, endpoint: str, **values) -> str:
    """Build a link inside the member's convention, from any page."""
    return url_for(endpoint, slug=member.convention.slug, **values)


def _when(member: Membership, value: datetime) -> str:
    """Name a time in the member's convention's zone."""
    return moment(value, member.convention.time_zone)


def _votes(member: Membership, facts: Facts) -> list[Task]:
    """Offer every open ballot the citizen has not voted in, with when it closes."""
    if not member_can(member, Action.VOTE):
        return []
    return [
        Task(
            _("Vote in “%(title)s” before %(when)s", title=title, when=_when(member, closes))
            if closes
            else _("Vote in “%(title)s”: open until a facilitator closes it", title=title),
            _link(member, "voting.show_ballot", ballot_id=ballot_id),
            urgent=True,
        )
        for ballot_id, title, closes in facts.ballots.get(member.id, [])
    ]


def _soon(member: Membership, facts: Facts) -> list[Task]:
    """Offer the next session's agenda when it is near."""
    session = facts.sessions.get(member.convention_id)
    if session is None or session[2] > facts.now + SOON:
        return []
    session_id, title, starts = session
    text = _(
        "Next session: %(title)s, %(when)s. Read the agenda",
        title=title,
        when=_when(member, starts),
    )
    return [Task(text, _link(member, "meetings.show_session", session_id=session_id))]


def _group_amendments(member: Membership, facts: Facts) -> list[Task]:
    """Offer the amendments proposed to the recommendations the citizen's group writes."""
    count, first = facts.my_amendments.get(member.id, (0, None))
    if not count or not member_can(member, Action.DECIDE_AMENDMENTS):
        return []
    text = ngettext(
        "%(num)d amendment to your group's recommendations awaits your decision",
        "%(num)d amendments to your group's recommendations await your decision",
        count,
    )
    return [Task(text, _one_or_list(member, count, first))]


def _one_or_list(member: Membership, count: int, first: int | None) -> str:
    """Link to the amendment when there is one, to the recommendations otherwise."""
    if count == 1:
        return _link(member, "amendments.show_amendment", amendment_id=first)
    return _link(member, "recommendations.list_recommendations")


def _news(member: Membership, facts: Facts) -> list[Task]:
    """Offer what was published lately: the report, the council's answers, vote results."""
    cid, tasks = member.convention_id, []
    published = facts.reports.get(cid)
    if published and published >= facts.now - RECENT and member_can(member, Action.VIEW_REPORT):
        when = _when(member, published)
        text = _("The report was published on %(when)s: read it", when=when)
        tasks.append(Task(text, _link(member, "reports.show_report")))
    if facts.answers.get(cid) and member_can(member, Action.VIEW_REPORT):
        text = ngettext(
            "The council answered %(num)d recommendation lately: read its answer",
            "The council answered %(num)d recommendations lately: read its answers",
            facts.answers[cid],
        )
        tasks.append(Task(text, _link(member, "council.show_accountability")))
    if facts.results.get(cid) and member_can(member, Action.VIEW_BALLOTS):
        text = ngettext(
            "%(num)d ballot closed lately: see its results",
            "%(num)d ballots closed lately: see their results",
            facts.results[cid],
        )
        tasks.append(Task(text, _link(member, "voting.list_results")))
    return tasks


def _facilitation(member: Membership, facts: Facts) -> list[Task]:
    """Offer what facilitators do: review flags, invitations, attendance, ballots, amendments."""
    cid = member.convention_id
    flags, invitations = facts.flags.get(cid, 0), facts.invitations.get(cid, 0)
    to_open, to_close = facts.to_run.get(cid, (0, 0))
    absent, first_session = facts.attendance.get(cid, (0, None))
    amendments, first_amendment = facts.amendments.get(cid, (0, None))
    ballots = _link(member, "voting.list_ballots")
    offers = [
        (
            Action.MODERATE,
            flags,
            ngettext(
                "%(num)d flagged contribution to review",
                "%(num)d flagged contributions to review",
                flags,
            ),
            _link(member, "comments.show_moderation"),
        ),
        (
            Action.MANAGE_MEMBERS,
            invitations,
            ngettext(
                "%(num)d invitation is waiting for an answer",
                "%(num)d invitations are waiting for an answer",
                invitations,
            ),
            _link(member, "members.list_invitations"),
        ),
        (
            Action.MANAGE_SESSIONS,
            absent,
            ngettext(
                "%(num)d past session without attendance recorded",
                "%(num)d past sessions without attendance recorded",
                absent,
            ),
            _link(member, "meetings.record_attendance", session_id=first_session)
            if absent == 1
            else _link(member, "meetings.list_sessions"),
        ),
        (
            Action.MANAGE_BALLOTS,
            to_open,
            ngettext("%(num)d ballot to open by hand", "%(num)d ballots to open by hand", to_open),
            ballots,
        ),
        (
            Action.MANAGE_BALLOTS,
            to_close,
            ngettext(
                "%(num)d open ballot to close by hand",
                "%(num)d open ballots to close by hand",
                to_close,
            ),
            ballots,
        ),
        (
            Action.DECIDE_AMENDMENTS,
            amendments,
            ngettext(
                "%(num)d amendment awaits a decision",
                "%(num)d amendments await a decision",
                amendments,
            ),
            _one_or_list(member, amendments, first_amendment),
        ),
    ]
    tasks = [
        Task(text, url)
        for action, count, text, url in offers
        if count and member_can(member, action)
    ]
    if report_due(member, facts) and member_can(member, Action.PUBLISH_REPORT):
        url = _link(member, "reports.edit_report")
        tasks.append(Task(_("The report is ready to be published"), url))
    return tasks


def _questions(member: Membership, facts: Facts) -> list[Task]:
    """Offer the questions waiting for an expert's answer."""
    count = facts.questions.get(member.convention_id, 0)
    if not count or not member_can(member, Action.ANSWER_QUESTIONS):
        return []
    text = ngettext("%(num)d question awaits an answer", "%(num)d questions await an answer", count)
    return [Task(text, _link(member, "topics.list_questions", pending=1), urgent=True)]


def _council(member: Membership, facts: Facts) -> list[Task]:
    """Offer the answers the council owes and the follow-ups past their deadline."""
    tasks = []
    count, first = facts.due.get(member.convention_id, (0, None))
    if count and member_can(member, Action.ANSWER_RECOMMENDATIONS):
        text = ngettext(
            "%(num)d adopted recommendation awaits the council's answer",
            "%(num)d adopted recommendations await the council's answer",
            count,
        )
        url = (
            _link(member, "council.answer_recommendation", recommendation_id=first)
            if count == 1
            else _link(member, "council.show_accountability", decision="pending")
        )
        tasks.append(Task(text, url))
    late = facts.overdue.get(member.convention_id, 0)
    if late and member_can(member, Action.UPDATE_IMPLEMENTATION):
        text = ngettext(
            "%(num)d answer is overdue: its deadline has passed",
            "%(num)d answers are overdue: their deadline has passed",
            late,
        )
        tasks.append(Task(text, _link(member, "council.show_accountability", overdue=1), True))
    return tasks


def _notifications(member: Membership, facts: Facts) -> list[Task]:
    """Offer the unread notifications: replies, answers to my questions, the council's word."""
    unread = dict(facts.unread.get(member.convention_id, {}))
    replies = unread.pop(NotificationKind.REPLY, 0)
    answers = unread.pop(NotificationKind.ANSWER, 0)
    council = unread.pop(NotificationKind.COUNCIL, 0)
    others = sum(n for kind, n in unread.items() if kind in q.COUNTED_KINDS)
    texts = [
        replies
        and ngettext(
            "%(num)d new reply to your contributions",
            "%(num)d new replies to your contributions",
            replies,
        ),
        answers
        and ngettext(
            "%(num)d of your questions has a new answer",
            "%(num)d of your questions have a new answer",
            answers,
        ),
        council
        and ngettext(
            "The council answered %(num)d of your recommendations",
            "The council answered %(num)d of your recommendations",
            council,
        ),
        others
        and ngettext(
            "%(num)d other unread notification", "%(num)d other unread notifications", others
        ),
    ]
    url = url_for("notifications.list_notifications")
    return [Task(text, url) for text in texts if text]


def _next_up(member: Membership, facts: Facts) -> str:
    """Say what comes next when nothing awaits: the next session, if one is planned."""
    session = facts.sessions.get(member.convention_id)
    if session is None:
        return _("Nothing to do now.")
    return _("Nothing to do now. Next: session on %(when)s.", when=_when(member, session[2]))


def report_due(member: Membership, facts: Facts) -> bool:
    """Tell whether the convention waits for its report: in the report phase, none published."""
    convention = member.convention
    return convention.phase is Phase.REPORT and convention.id not in facts.reports
