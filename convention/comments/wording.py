"""How a comment's place is named on pages that mix topics, recommendations and amendments."""

from flask_babel import gettext as _

from convention.models import Comment


def comment_place(comment: Comment) -> str:
    """Name what a comment is about, for lists that mix topics and recommendations."""
    if comment.recommendation is not None:
        return f"{comment.recommendation.reference} {comment.recommendation.title}"
    if comment.amendment is not None:
        reference = comment.amendment.recommendation.reference
        return _(
            "Amendment %(number)s to %(reference)s",
            number=comment.amendment.id,
            reference=reference,
        )
    return comment.topic.title if comment.topic else ""
