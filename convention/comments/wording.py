"""How comments are named and linked on pages: their place, their actions' addresses."""

from typing import Any

from flask import url_for
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


# The actions the comment macro links to, each at /c/<slug>/comments/<id>/<action>.
LINKED = (
    "reply_to_comment",
    "edit_comment",
    "delete_comment",
    "flag_comment",
    "hide_comment",
    "show_history",
)


class CommentLinks:
    """The addresses of a page's comment actions: routed once per page, not once per comment."""

    def __init__(self) -> None:
        self._patterns = {name: url_for(f"comments.{name}", comment_id=0) for name in LINKED}

    def __call__(self, name: str, comment_id: int) -> str:
        """Return the address of action `name` on comment `comment_id`."""
        return self._patterns[name].replace("/comments/0/", f"/comments/{comment_id}/", 1)


def comment_words() -> dict[str, Any]:
    """The words of the comment macros, translated once per page rather than once per comment."""
    return {
        "deleted": _("Contribution deleted by its author."),
        "hidden": _("Hidden by the facilitators:"),
        "edited": _("edited"),
        "reply": _("Reply"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "delete_now": _("Yes, delete it"),
        "confirm": _("Your text will be erased; the replies stay."),
        "flag": _("Flag"),
        "hide": _("Hide"),
        "replies": _("Replies"),
        "stances": {
            "for": _("For"),
            "against": _("Against"),
            "question": _("Question"),
            "remark": _("Remark"),
        },
    }
