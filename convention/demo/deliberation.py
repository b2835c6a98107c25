"""The demo's deliberation: attendance at the sessions held, comments and moderation; fictional.

Each contribution is posted, answered, edited, deleted, flagged or hidden through the service a
member's action uses, so replies and moderation notify as they would; only times move.
"""

import random
from datetime import datetime, timedelta

from convention.clock import utcnow
from convention.comments import services as comments
from convention.demo.clock import notified_at, place
from convention.demo.story import RuleBroken, allowed, first, members
from convention.demo.topics import sessions, topics_of
from convention.meetings import services as meetings
from convention.models import Comment, Convention, Membership, NotificationKind, Topic
from convention.rules.comments import FlagReason, Stance
from convention.rules.meetings import AttendanceStatus
from convention.rules.policy import Action, Role

COMMENTS = [
    (Stance.FOR, "Un assistant ouvert la nuit aiderait ceux qui travaillent en journée."),
    (
        Stance.AGAINST,
        "Il faut garder un accueil humain : tout le monde n'est pas à l'aise en ligne.",
    ),
    (Stance.QUESTION, "Combien coûterait ce service, et qui l'hébergerait ?"),
    (Stance.FOR, "It would save people hours of waiting on the phone."),
    (Stance.AGAINST, "Automatic analysis of images goes too far for a city of this size."),
    (Stance.REMARK, "J'aimerais entendre un juriste sur ce point."),
    (Stance.QUESTION, "Are other cities already doing this? With what results?"),
    (Stance.REMARK, "Nous en avons parlé en atelier : l'avis était partagé."),
]
REPLIES = [
    "D'accord, à condition de garder un guichet. / Agreed, if a counter stays open.",
    "Je ne suis pas sûr·e : les erreurs seraient difficiles à corriger.",
    "Good point, the briefing covers part of it.",
    "La note d'information donne des chiffres là-dessus.",
]


def seed_deliberation(convention: Convention) -> None:
    """Record attendance at the sessions held, then the panel's threads in both languages."""
    rng = random.Random(2024)  # noqa: S311
    citizens = members(convention, Role.CITIZEN)
    _attendance(convention, citizens, rng)
    topics = topics_of(convention)
    start = utcnow() - timedelta(days=30)
    roots = []
    for n in range(24):
        stance, body = COMMENTS[n % len(COMMENTS)]
        when = start + timedelta(hours=n * 7)
        roots.append(_say(topics[n % 3], rng.choice(citizens), stance, body, when))
    for n, root in enumerate(roots[:12]):
        when = root.created_at + timedelta(hours=2)
        reply = _say(root, rng.choice(citizens), Stance.REMARK, REPLIES[n % 4], when)
        if n % 3 == 0:
            when = reply.created_at + timedelta(hours=1)
            _say(reply, rng.choice(citizens), Stance.FOR, REPLIES[(n + 1) % 4], when)
    _moderation_examples(convention, roots, citizens)


def _attendance(convention: Convention, citizens: list[Membership], rng: random.Random) -> None:
    """Record, as a facilitator does, most citizens present, a few excused or absent, and staff."""
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MANAGE_SESSIONS)
    staff = members(convention, Role.FACILITATOR) + members(convention, Role.EXPERT)
    weights = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
    for session in sessions(convention):
        if session.starts_at > utcnow():
            continue
        statuses = {member.id: rng.choice(weights) for member in citizens}
        # Staff are marked present too, as in the room: attendance figures count citizens only.
        statuses |= {member.id: AttendanceStatus.PRESENT for member in staff}
        meetings.record_attendance(session, facilitator, statuses)


def _say(
    target: Topic | Comment, author: Membership, stance: Stance, body: str, when: datetime
) -> Comment:
    """Post a contribution on a topic, or a reply to a comment, at the time the demo says."""
    allowed(author, Action.COMMENT)
    if isinstance(target, Comment):
        comment = comments.reply(target, author, stance, body)
        notified_at(comment, NotificationKind.REPLY, when)
    else:
        comment = comments.post_comment(target, author, stance, body)
    place(comment, when)
    return comment


def _topic(comment: Comment) -> Topic:
    """The topic a contribution of the demo was said on: the demo says them all on topics."""
    if comment.topic is None:
        raise RuleBroken("the demo's first contributions are on topics")
    return comment.topic


def _moderation_examples(
    convention: Convention, roots: list[Comment], citizens: list[Membership]
) -> None:
    """Leave an edited, a deleted, a hidden and a flagged contribution, and a reply to notify."""
    edited, deleted, hidden, flagged = roots[13], roots[14], roots[15], roots[16]
    comments.edit_comment(
        edited,
        allowed(edited.author, Action.COMMENT),
        Stance.REMARK,
        f"{edited.body}\n\nPrécision après l'audition. / *Clarified after the hearing.*",
    )
    edited_at = edited.created_at + timedelta(hours=1)
    place(edited, edited_at, "edited_at")
    place(edited.revisions[0], edited_at)
    comments.delete_comment(deleted, allowed(deleted.author, Action.COMMENT))
    place(deleted, deleted.created_at + timedelta(hours=3), "deleted_at")
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MODERATE)
    reason = "Propos visant une personne (charte, règle 1). / Personal attack."
    comments.hide_comment(hidden, facilitator, reason)
    hidden_at = utcnow() - timedelta(days=2)
    place(hidden, hidden_at, "hidden_at")
    notified_at(hidden, NotificationKind.HIDDEN, hidden_at)
    reporter = allowed(next(m for m in citizens if m.id != flagged.author_id), Action.FLAG)
    flag = comments.flag_comment(
        flagged, reporter, FlagReason.OFF_TOPIC, "Hors sujet ? / Off topic?"
    )
    place(flag, flagged.created_at + timedelta(days=1))
    # The demo citizen's login finds a reply to their own contribution among its notifications.
    camille = next(m for m in citizens if m.user.email == "citizen@demo.invalid")
    mine = _say(
        _topic(roots[0]),
        camille,
        Stance.FOR,
        "Je soutiens l'idée d'un essai.",
        utcnow() - timedelta(days=3),
    )
    _say(
        mine,
        citizens[-1],
        Stance.QUESTION,
        "Un essai de combien de temps ?",
        utcnow() - timedelta(days=1),
    )
