"""Selects for comment threads and the moderation queue, each a bounded number of queries."""

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from convention.extensions import db
from convention.models import Amendment, Comment, Flag, Recommendation, Topic
from convention.rules.comments import PAGE_SIZE, REPLIES_SHOWN, Stance, page_count

Target = Topic | Recommendation | Amendment

ORDERS = {
    "old": (Comment.created_at, Comment.id),
    "new": (Comment.created_at.desc(), Comment.id.desc()),
}


@dataclass
class Thread:
    """A comment with its replies, in the order they were written."""

    comment: Comment
    replies: list["Thread"] = field(default_factory=list)
    # Replies left out of a topic's page, shown on the thread's own page.
    more: int = 0


@dataclass
class ThreadPage:
    """One page of a topic's threads."""

    threads: list[Thread]
    page: int
    pages: int
    total: int


def on(target: Target) -> sa.ColumnElement[bool]:
    """The condition selecting the comments about `target`."""
    if isinstance(target, Recommendation):
        return Comment.recommendation_id == target.id
    if isinstance(target, Amendment):
        return Comment.amendment_id == target.id
    return Comment.topic_id == target.id


def _same_target(comment: Comment) -> sa.ColumnElement[bool]:
    """The condition selecting the comments about the same thing as `comment`."""
    if comment.recommendation_id:
        return Comment.recommendation_id == comment.recommendation_id
    if comment.amendment_id:
        return Comment.amendment_id == comment.amendment_id
    return Comment.topic_id == comment.topic_id


def _roots(topic: Target, stance: Stance | None) -> sa.Select:
    """The target's top-level comments, optionally of one stance."""
    query = sa.select(Comment).where(on(topic), Comment.parent_id.is_(None))
    return query.where(Comment.stance == stance) if stance else query


def thread_page(topic: Target, page: int, stance: Stance | None, order: str) -> ThreadPage:
    """Load a page of threads with their first replies: three queries, whatever their size."""
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(_roots(topic, stance).subquery())
    )
    pages = page_count(total or 0)
    page = min(max(page, 1), pages)
    roots = db.session.scalars(
        _roots(topic, stance)
        .options(joinedload(Comment.author))
        .order_by(*ORDERS[order])
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return ThreadPage(_first_replies(roots), page, pages, total or 0)


def whole_thread(topic: Target, root_id: int) -> list[Thread]:
    """Load one thread of a topic with all its replies, in two queries; empty if there is none."""
    root = db.session.scalar(
        _roots(topic, None).options(joinedload(Comment.author)).where(Comment.id == root_id)
    )
    if root is None:
        return []
    replies = db.session.scalars(
        sa.select(Comment)
        .options(joinedload(Comment.author))
        .where(Comment.root_id == root.id)
        .order_by(Comment.created_at, Comment.id)
    ).all()
    return _assemble([root], replies)


def _first_replies(roots: Sequence[Comment]) -> list[Thread]:
    """Hang the first replies of each thread under it, counting the others, in one query."""
    # A reply is written after its parent, so the first replies of a thread include their parents.
    place = (
        sa.select(
            Comment.id,
            sa.func.row_number()
            .over(partition_by=Comment.root_id, order_by=(Comment.created_at, Comment.id))
            .label("place"),
            sa.func.count().over(partition_by=Comment.root_id).label("replies"),
        )
        .where(Comment.root_id.in_([c.id for c in roots]))
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Comment, place.c.replies)
        .options(joinedload(Comment.author))
        .join(place, place.c.id == Comment.id)
        .where(place.c.place <= REPLIES_SHOWN)
        .order_by(Comment.created_at, Comment.id)
    ).all()
    threads = _assemble(roots, [row[0] for row in rows])
    counts = {row[0].root_id: row[1] for row in rows}
    for thread in threads:
        thread.more = max(counts.get(thread.comment.id, 0) - REPLIES_SHOWN, 0)
    return threads


def columns(target: Target, limit: int = 200) -> dict[Stance, list[Thread]]:
    """Load a target's threads, oldest first, sorted into one column per stance, in two queries."""
    roots = db.session.scalars(
        _roots(target, None)
        .options(joinedload(Comment.author))
        .order_by(*ORDERS["old"])
        .limit(limit)
    ).all()
    replies = db.session.scalars(
        sa.select(Comment)
        .options(joinedload(Comment.author))
        .where(Comment.root_id.in_([c.id for c in roots]))
        .order_by(Comment.created_at, Comment.id)
    ).all()
    found: dict[Stance, list[Thread]] = {stance: [] for stance in Stance}
    for thread in _assemble(list(roots), list(replies)):
        found[thread.comment.stance].append(thread)
    return found


def _assemble(roots: Sequence[Comment], replies: Sequence[Comment]) -> list[Thread]:
    """Hang each reply under its parent."""
    nodes = {c.id: Thread(c) for c in [*roots, *replies]}
    for reply in replies:
        parent = nodes.get(reply.parent_id or 0)
        if parent is not None:
            parent.replies.append(nodes[reply.id])
    return [nodes[c.id] for c in roots]


def stance_counts(topic: Target) -> dict[Stance, int]:
    """Count the shown contributions of each stance, replies included."""
    rows = db.session.execute(
        sa.select(Comment.stance, sa.func.count())
        .where(on(topic), Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))
        .group_by(Comment.stance)
    ).all()
    return {stance: 0 for stance in Stance} | dict(rows)


def page_of(comment: Comment) -> int:
    """Return the page, oldest first and unfiltered, on which a comment's thread starts."""
    # a reply's root is a row of the same table, kept when contributions are deleted
    root = db.session.get_one(Comment, comment.root_id) if comment.root_id else comment
    before: int | None = db.session.scalar(
        sa.select(sa.func.count()).where(
            _same_target(root),
            Comment.parent_id.is_(None),
            sa.tuple_(Comment.created_at, Comment.id) < sa.tuple_(root.created_at, root.id),
        )
    )
    return (before or 0) // PAGE_SIZE + 1


_TARGETS = (
    joinedload(Comment.author),
    joinedload(Comment.topic),
    joinedload(Comment.recommendation),
    joinedload(Comment.amendment).joinedload(Amendment.recommendation),
)


def flagged(convention_id: int) -> sa.Select:
    """Comments with flags still open, with those flags, the oldest flag first."""
    oldest = (
        sa.select(Flag.comment_id, sa.func.min(Flag.created_at).label("first"))
        .where(Flag.convention_id == convention_id, Flag.resolved_at.is_(None))
        .group_by(Flag.comment_id)
        .subquery()
    )
    return (
        sa.select(Comment)
        .join(oldest, oldest.c.comment_id == Comment.id)
        .options(*_TARGETS)
        .order_by(oldest.c.first, Comment.id)
    )


def open_flags(comment_ids: list[int]) -> sa.Select:
    """The open flags of these comments, with who flagged."""
    return (
        sa.select(Flag)
        .options(joinedload(Flag.flagged_by))
        .where(Flag.comment_id.in_(comment_ids), Flag.resolved_at.is_(None))
        .order_by(Flag.created_at)
    )


def hidden(convention_id: int, limit: int) -> sa.Select:
    """The most recently hidden comments, to restore one if the decision was wrong."""
    return (
        sa.select(Comment)
        .options(*_TARGETS)
        .where(Comment.convention_id == convention_id, Comment.hidden_at.is_not(None))
        .order_by(Comment.hidden_at.desc())
        .limit(limit)
    )


def with_revisions(comment_id: int) -> sa.Select:
    """A comment with its earlier versions."""
    return (
        sa.select(Comment).options(selectinload(Comment.revisions)).where(Comment.id == comment_id)
    )
