"""Selects for topics and what informs them, with their eager loading decided here."""

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from convention.models import (
    Briefing,
    Comment,
    Convention,
    Hearing,
    InformationRequest,
    Membership,
    Recommendation,
    Topic,
)
from convention.models.recommendations import recommendation_briefings


def topics_of(convention: Convention) -> sa.Select:
    """The convention's topics in their order."""
    return (
        sa.select(Topic)
        .where(Topic.convention_id == convention.id)
        .order_by(Topic.position, Topic.id)
    )


def comment_counts(convention: Convention) -> sa.Select:
    """Count the shown comments of each topic, in one query."""
    return (
        sa.select(Comment.topic_id, sa.func.count())
        .where(
            Comment.convention_id == convention.id,
            Comment.deleted_at.is_(None),
            Comment.hidden_at.is_(None),
        )
        .group_by(Comment.topic_id)
    )


def briefings_of(topic: Topic) -> sa.Select:
    """A topic's briefings with their authors and files, oldest first."""
    return (
        sa.select(Briefing)
        .options(
            joinedload(Briefing.author).joinedload(Membership.user), selectinload(Briefing.files)
        )
        .where(Briefing.topic_id == topic.id)
        .order_by(Briefing.created_at, Briefing.id)
    )


def hearings_of(topic: Topic) -> sa.Select:
    """A topic's hearings, in the order they were held."""
    return (
        sa.select(Hearing)
        .where(Hearing.topic_id == topic.id)
        .order_by(Hearing.held_at.is_(None), Hearing.held_at, Hearing.id)
    )


def questions(convention: Convention, topic: Topic | None = None, pending: bool = False):
    """Information requests with who asked and answered, newest first."""
    query = (
        sa.select(InformationRequest)
        .options(
            joinedload(InformationRequest.asked_by),
            joinedload(InformationRequest.answered_by),
            joinedload(InformationRequest.topic),
        )
        .where(InformationRequest.convention_id == convention.id)
        .order_by(InformationRequest.created_at.desc(), InformationRequest.id.desc())
    )
    if topic is not None:
        query = query.where(InformationRequest.topic_id == topic.id)
    if pending:
        query = query.where(InformationRequest.answered_at.is_(None))
    return query


def recommendations_citing(briefing: Briefing) -> sa.Select:
    """Select the numbers of the recommendations that cite `briefing` as evidence."""
    return (
        sa.select(Recommendation.number)
        .join(recommendation_briefings)
        .where(recommendation_briefings.c.briefing_id == briefing.id)
        .order_by(Recommendation.number)
    )
