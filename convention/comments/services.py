"""Changes to comments: post, reply, edit, delete, flag, hide, restore, dismiss."""

from typing import Any, cast

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from sqlalchemy.engine import CursorResult

from convention import audit
from convention.clock import utcnow
from convention.comments.queries import page_of
from convention.errors import ServiceError
from convention.extensions import db
from convention.models import (
    Amendment,
    Comment,
    CommentRevision,
    Flag,
    Membership,
    NotificationKind,
    Recommendation,
    Topic,
)
from convention.notifications import events
from convention.notifications.services import notify
from convention.rules.comments import (
    FlagOutcome,
    FlagReason,
    Stance,
    may_flag,
    reply_depth,
    reply_parent_is_the_parent,
)
from convention.rules.permissions import permits
from convention.rules.policy import Action
from convention.web.markdown import render_markdown


class CommentError(ServiceError):
    """Raised when a change to a comment is refused."""


Target = Topic | Recommendation | Amendment


def target_url(comment: Comment, **values: Any) -> str:
    """Return the address of the page a comment is shown on, at the comment."""
    if comment.recommendation_id:
        endpoint, values["recommendation_id"] = (
            "recommendations.show_recommendation",
            comment.recommendation_id,
        )
    elif comment.amendment_id:
        endpoint, values["amendment_id"] = "amendments.show_amendment", comment.amendment_id
    else:
        endpoint, values["topic_id"] = "topics.show_topic", comment.topic_id
    return url_for(endpoint, _anchor=f"c{comment.id}", **values)


def link_to(comment: Comment) -> str:
    """Return the address of a comment on its page: topics paged, a reply in its whole thread."""
    if comment.topic_id and comment.root_id:
        return target_url(comment, thread=comment.root_id)
    if comment.topic_id:
        return target_url(comment, page=page_of(comment))
    return target_url(comment)


def _target_ids(target: Target) -> dict[str, int]:
    """Name the foreign key a comment on `target` sets."""
    key = {Recommendation: "recommendation_id", Amendment: "amendment_id"}.get(
        type(target), "topic_id"
    )
    return {key: target.id}


def write_body(comment: Comment, body: str) -> None:
    """Set a comment's text and its sanitised HTML together, the one way both are written."""
    comment.body, comment.body_html = body, str(render_markdown(body))


def post_comment(topic: Target, author: Membership, stance: Stance, body: str) -> Comment:
    """Add a top-level contribution to an open topic, or a recommendation under discussion."""
    _check_open(topic)
    comment = Comment(
        convention_id=topic.convention_id,
        **_target_ids(topic),
        author_id=author.id,
        stance=stance,
    )
    write_body(comment, body)
    db.session.add(comment)
    db.session.flush()
    return comment


def reply(parent: Comment, author: Membership, stance: Stance, body: str) -> Comment:
    """Answer a contribution; past the last level the reply joins its parent's thread."""
    if parent.target is not None:
        _check_open(parent.target)
    if parent.removed:
        raise CommentError(_("This contribution was removed: it cannot be answered."))
    under = parent if reply_parent_is_the_parent(parent.depth) else parent.parent
    comment = Comment(
        convention_id=parent.convention_id,
        topic_id=parent.topic_id,
        recommendation_id=parent.recommendation_id,
        amendment_id=parent.amendment_id,
        parent_id=under.id if under else parent.id,
        root_id=parent.root_id or parent.id,
        depth=reply_depth(parent.depth),
        author_id=author.id,
        stance=stance,
    )
    write_body(comment, body)
    db.session.add(comment)
    db.session.flush()
    if parent.author.user_id != author.user_id:
        notify(
            [parent.author.user_id],
            author.convention,
            NotificationKind.REPLY,
            link_to(comment),
            pseudonym=author.pseudonym,
            topic=parent.topic.title if parent.topic else "",
        )
    return comment


def edit_comment(comment: Comment, author: Membership, stance: Stance, body: str) -> None:
    """Change one's own contribution, keeping the earlier text for everyone to see."""
    check_change(comment, author)
    if (comment.stance, comment.body) == (stance, body):
        return
    comment.revisions.append(CommentRevision(stance=comment.stance, body=comment.body))
    comment.stance, comment.edited_at = stance, utcnow()
    write_body(comment, body)
    db.session.flush()


def delete_comment(comment: Comment, author: Membership) -> None:
    """Erase one's own contribution and its history; replies stay, under a tombstone."""
    check_change(comment, author)
    comment.deleted_at = utcnow()
    write_body(comment, "")
    comment.revisions.clear()
    db.session.flush()
    audit.record(author.user, "comment.deleted", comment, convention=author.convention)


def flag_comment(comment: Comment, member: Membership, reason: FlagReason, note: str) -> Flag:
    """Report a contribution to the facilitators, once per member."""
    if not may_flag(author_id=comment.author_id, member_id=member.id, removed=comment.removed):
        raise CommentError(_("You cannot flag this contribution."))
    already = db.session.scalar(
        sa.select(Flag.id).where(Flag.comment_id == comment.id, Flag.flagged_by_id == member.id)
    )
    if already:
        raise CommentError(_("You have already flagged this contribution."))
    flag = Flag(
        convention_id=comment.convention_id,
        comment_id=comment.id,
        flagged_by_id=member.id,
        reason=reason,
        note=note,
    )
    db.session.add(flag)
    db.session.flush()
    audit.record(
        member.user, "comment.flagged", comment, convention=member.convention, reason=reason.value
    )
    events.comment_flagged(flag, member.convention, comment.topic.title if comment.topic else "")
    return flag


def hide_comment(comment: Comment, actor: Membership, reason: str) -> None:
    """Hide a contribution with a public reason, settle its flags and tell its author."""
    if comment.deleted_at is not None:
        raise CommentError(_("This contribution was deleted by its author."))
    comment.hidden_at, comment.hidden_by_id, comment.hidden_reason = utcnow(), actor.user_id, reason
    settled = _settle_flags(comment, actor, FlagOutcome.HIDDEN)
    audit.record(
        actor.user,
        "comment.hidden",
        comment,
        convention=comment.author.convention,
        reason=reason,
        flags=settled,
    )
    notify(
        [comment.author.user_id],
        comment.author.convention,
        NotificationKind.HIDDEN,
        link_to(comment),
        reason=reason,
    )


def restore_comment(comment: Comment, actor: Membership) -> None:
    """Show a hidden contribution again and tell its author."""
    if comment.hidden_at is None:
        raise CommentError(_("This contribution is not hidden."))
    comment.hidden_at, comment.hidden_by_id, comment.hidden_reason = None, None, None
    db.session.flush()
    audit.record(actor.user, "comment.restored", comment, convention=comment.author.convention)
    notify(
        [comment.author.user_id],
        comment.author.convention,
        NotificationKind.RESTORED,
        link_to(comment),
    )


def dismiss_flags(comment: Comment, actor: Membership) -> int:
    """Keep a flagged contribution as it is and close its flags."""
    settled = _settle_flags(comment, actor, FlagOutcome.DISMISSED)
    if not settled:
        raise CommentError(_("This contribution has no open flag."))
    audit.record(
        actor.user,
        "comment.flags_dismissed",
        comment,
        convention=comment.author.convention,
        flags=settled,
    )
    return settled


def _settle_flags(comment: Comment, actor: Membership, outcome: FlagOutcome) -> int:
    """Close the comment's open flags with `outcome`; return how many."""
    result = cast(
        CursorResult,
        db.session.execute(
            sa.update(Flag)
            .where(Flag.comment_id == comment.id, Flag.resolved_at.is_(None))
            .values(resolved_at=utcnow(), resolved_by_id=actor.user_id, outcome=outcome)
        ),
    )
    db.session.flush()
    return result.rowcount or 0


def _check_open(topic: Target) -> None:
    """Refuse contributions to a closed topic or a recommendation no longer discussed."""
    if not topic.accepts_comments:
        if isinstance(topic, Topic):
            raise CommentError(_("This topic is closed for contributions."))
        raise CommentError(_("This text is not open for contributions."))


def check_change(comment: Comment, author: Membership) -> None:
    """Refuse a change by anyone but the author, or to a removed comment."""
    if not permits(author, author.convention.phase, Action.CHANGE_COMMENTS, comment):
        raise CommentError(
            _("Only its author can change this contribution, while the topic is open.")
        )
