"""Changes to topics, briefings, hearings and information requests: flushed and audited."""

import sqlalchemy as sa
from flask import url_for

from convention import audit
from convention.clock import utcnow
from convention.extensions import db
from convention.models import (
    Briefing,
    BriefingFile,
    Hearing,
    InformationRequest,
    Membership,
    NotificationKind,
    Topic,
)
from convention.notifications.services import notify
from convention.rules.ordering import moved
from convention.rules.policy import Role
from convention.topics.uploads import StoredFile

TOPIC_FIELDS = ("title", "summary", "body", "is_open")


def create_topic(actor: Membership, **fields: object) -> Topic:
    """Add a topic at the end of the list."""
    convention = actor.convention
    last = db.session.scalar(
        sa.select(sa.func.max(Topic.position)).where(Topic.convention_id == convention.id)
    )
    position = 0 if last is None else last + 1
    topic = Topic(convention_id=convention.id, position=position, **_only(fields, TOPIC_FIELDS))
    db.session.add(topic)
    db.session.flush()
    audit.record(actor.user, "topic.created", topic, convention=convention, title=topic.title)
    return topic


def update_topic(topic: Topic, actor: Membership, **fields: object) -> None:
    """Change a topic's text or state, recording which fields changed."""
    convention = actor.convention
    changed = sorted(k for k, v in _only(fields, TOPIC_FIELDS).items() if getattr(topic, k) != v)
    for key in changed:
        setattr(topic, key, fields[key])
    if changed:
        db.session.flush()
        audit.record(actor.user, "topic.updated", topic, convention=convention, fields=changed)


def move_topic(topic: Topic, actor: Membership, offset: int) -> None:
    """Move a topic one place up (-1) or down (+1) in the convention's order."""
    convention = actor.convention
    topics = db.session.scalars(
        sa.select(Topic)
        .where(Topic.convention_id == convention.id)
        .order_by(Topic.position, Topic.id)
    ).all()
    order = moved(topics, topic, offset)
    if order is None:
        return
    for position, entry in enumerate(order):
        entry.position = position
    audit.record(actor.user, "topic.moved", topic, convention=convention, offset=offset)
    db.session.flush()


def _only(fields: dict[str, object], allowed: tuple[str, ...]) -> dict[str, object]:
    """Keep the fields a model accepts."""
    return {k: v for k, v in fields.items() if k in allowed}


def add_briefing(
    topic: Topic,
    author: Membership,
    *,
    title: str,
    body: str,
    sources: str,
    link_url: str | None,
    stored: StoredFile | None,
) -> Briefing:
    """Publish a briefing on a topic, with its file when one was uploaded."""
    briefing = Briefing(
        convention_id=topic.convention_id,
        topic_id=topic.id,
        author_id=author.id,
        title=title,
        body=body,
        sources=sources,
        link_url=link_url or None,
    )
    db.session.add(briefing)
    db.session.flush()
    if stored is not None:
        _attach(briefing, stored)
    audit.record(
        author.user, "briefing.published", briefing, convention=author.convention, topic=topic.id
    )
    return briefing


def _attach(briefing: Briefing, stored: StoredFile) -> None:
    """Record a stored file as part of a briefing."""
    fields = ("original_name", "stored_name", "content_type", "size", "sha256")
    document = BriefingFile(
        convention_id=briefing.convention_id,
        briefing_id=briefing.id,
        **{name: getattr(stored, name) for name in fields},
    )
    db.session.add(document)
    db.session.flush()


def remove_briefing(briefing: Briefing, actor: Membership) -> list[str]:
    """Withdraw a briefing and its files; return the stored names to erase once committed."""
    convention = actor.convention
    names = [document.stored_name for document in briefing.files]
    for document in list(briefing.files):
        db.session.delete(document)
    db.session.delete(briefing)
    db.session.flush()
    audit.record(
        actor.user,
        "briefing.removed",
        f"briefings:{briefing.id}",
        convention=convention,
        title=briefing.title,
    )
    return names


def add_hearing(topic: Topic, actor: Membership, **fields: object) -> Hearing:
    """Record an expert hearing on a topic."""
    convention = actor.convention
    hearing = Hearing(convention_id=convention.id, topic_id=topic.id, **fields)
    db.session.add(hearing)
    db.session.flush()
    audit.record(actor.user, "hearing.recorded", hearing, convention=convention, topic=topic.id)
    return hearing


def ask_question(topic: Topic, member: Membership, question: str) -> InformationRequest:
    """Put a member's question to the experts, and tell them."""
    request = InformationRequest(
        convention_id=topic.convention_id,
        topic_id=topic.id,
        asked_by_id=member.id,
        question=question,
    )
    db.session.add(request)
    db.session.flush()
    audit.record(member.user, "question.asked", request, convention=member.convention)
    experts = db.session.scalars(
        sa.select(Membership.user_id).where(
            Membership.convention_id == topic.convention_id,
            Membership.role == Role.EXPERT,
            Membership.active.is_(True),
        )
    )
    notify(
        experts,
        member.convention,
        NotificationKind.QUESTION,
        url_for("topics.answer_question", request_id=request.id),
        topic=topic.title,
    )
    return request


def answer_question(request: InformationRequest, member: Membership, answer: str) -> None:
    """Answer a question (or correct the answer), and tell whoever asked it."""
    first = request.answered_at is None
    request.answer, request.answered_by_id, request.answered_at = answer, member.id, utcnow()
    db.session.flush()
    audit.record(
        member.user, "question.answered", request, convention=member.convention, first=first
    )
    if first and request.asked_by.user_id != member.user_id:
        notify(
            [request.asked_by.user_id],
            member.convention,
            NotificationKind.ANSWER,
            url_for("topics.show_topic", topic_id=request.topic_id, _anchor=f"q{request.id}"),
            topic=request.topic.title,
        )
