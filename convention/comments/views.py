"""Contributions on a topic, their history, flags, and the facilitators' moderation queue."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from convention.access import can, require, scoped_or_404
from convention.comments import forms, queries, services
from convention.extensions import db
from convention.models import Comment, Topic
from convention.rules.comments import FlagReason, Stance
from convention.rules.policy import Action
from convention.topics.pages import render_topic
from convention.web.acts import act_then_redirect
from convention.web.forms import form_page

bp = Blueprint("comments", __name__, url_prefix="/c/<slug>")

HIDDEN_SHOWN = 30
# The actions the comment macro links to, each at /c/<slug>/comments/<id>/<action>.
LINKED = (
    "reply_to_comment",
    "edit_comment",
    "delete_comment",
    "flag_comment",
    "hide_comment",
    "show_history",
)


@bp.app_template_filter("flag_reason_name")
def flag_reason_name(reason: str) -> str:
    """Name a flag's reason in the reader's language."""
    return str(forms.FLAG_REASON_NAMES[FlagReason(reason)])


@bp.app_template_global("comment_url")
def comment_url(comment: Comment) -> str:
    """Return the address of the page showing a comment, at the comment."""
    return services.target_url(comment)


class CommentLinks:
    """The addresses of a page's comment actions: routed once per page, not once per comment."""

    def __init__(self) -> None:
        self._patterns = {name: url_for(f"comments.{name}", comment_id=0) for name in LINKED}

    def __call__(self, name: str, comment_id: int) -> str:
        """Return the address of action `name` on comment `comment_id`."""
        return self._patterns[name].replace("/comments/0/", f"/comments/{comment_id}/", 1)


bp.add_app_template_global(CommentLinks, "comment_links")


@bp.app_template_global("comment_place")
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


@bp.post("/topics/<int:topic_id>/comments")
@require(Action.COMMENT)
def post_comment(topic_id: int):
    """Add a contribution to a topic."""
    topic = scoped_or_404(Topic, topic_id)
    form = forms.CommentForm()
    if not form.validate_on_submit():
        return render_topic(topic, comment_form=form, status=422)
    return act_then_redirect(
        lambda: services.post_comment(
            topic, g.membership, Stance(form.stance.data), form.body.data
        ),
        url_for("topics.show_topic", topic_id=topic.id),
        str(forms.PUBLISHED),
        then=services.link_to,
    )


@bp.route("/comments/<int:comment_id>/reply", methods=["GET", "POST"])
@require(Action.COMMENT)
def reply_to_comment(comment_id: int):
    """Answer a contribution."""
    parent = scoped_or_404(Comment, comment_id)
    form = forms.CommentForm()
    if not form.validate_on_submit():
        return form_page("comments/comment_reply.html", form, parent=parent)
    return act_then_redirect(
        lambda: services.reply(parent, g.membership, Stance(form.stance.data), form.body.data),
        services.target_url(parent),
        str(forms.PUBLISHED),
        then=services.link_to,
    )


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@require(Action.COMMENT)
def edit_comment(comment_id: int):
    """Change one's own contribution; the earlier text stays readable."""
    comment = _own(comment_id)
    form = forms.CommentForm(obj=comment)
    if not form.validate_on_submit():
        return form_page("comments/comment_edit.html", form, comment=comment)
    services.edit_comment(comment, g.membership, Stance(form.stance.data), form.body.data)
    link = services.link_to(comment)
    flash(_("Your contribution is changed."), "success")
    return redirect(link), 303


@bp.post("/comments/<int:comment_id>/delete")
@require(Action.COMMENT)
def delete_comment(comment_id: int):
    """Erase one's own contribution; answers to it stay."""
    comment = _own(comment_id)
    services.delete_comment(comment, g.membership)
    link = services.link_to(comment)
    flash(_("Your contribution is deleted."), "success")
    return redirect(link), 303


def _own(comment_id: int) -> Comment:
    """Load a comment the current member may still change, or refuse."""
    comment = scoped_or_404(Comment, comment_id)
    try:
        services.check_change(comment, g.membership)
    except services.CommentError:
        abort(403)
    return comment


@bp.get("/comments/<int:comment_id>/history")
@require(Action.READ_COMMENTS)
def show_history(comment_id: int):
    """Show a contribution's earlier versions."""
    comment = db.session.scalar(
        queries.with_revisions(comment_id).where(Comment.convention_id == g.convention.id)
    )
    if comment is None or comment.deleted_at or (comment.hidden_at and not can(Action.MODERATE)):
        abort(404)
    return render_template("comments/comment_history.html", comment=comment)


@bp.route("/comments/<int:comment_id>/flag", methods=["GET", "POST"])
@require(Action.FLAG)
def flag_comment(comment_id: int):
    """Report a contribution that breaks the charter to the facilitators."""
    comment = scoped_or_404(Comment, comment_id)
    form = forms.FlagForm()
    if not form.validate_on_submit():
        return form_page("comments/comment_flag.html", form, comment=comment)
    try:
        services.flag_comment(
            comment, g.membership, FlagReason(form.reason.data), form.note.data or ""
        )
    except IntegrityError:  # the same member's flag, sent twice at once
        db.session.rollback()
        return redirect(services.link_to(comment)), 303
    except services.CommentError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(services.link_to(comment)), 303
    link = services.link_to(comment)
    flash(_("Thank you: the facilitators will look at this contribution."), "success")
    return redirect(link), 303


@bp.get("/moderation")
@require(Action.MODERATE)
def show_moderation():
    """List flagged contributions, and the recently hidden ones."""
    flagged = db.session.scalars(queries.flagged(g.convention.id).limit(100)).all()
    flags: dict[int, list] = {}
    for flag in db.session.scalars(queries.open_flags([c.id for c in flagged])):
        flags.setdefault(flag.comment_id, []).append(flag)
    hidden = db.session.scalars(queries.hidden(g.convention.id, HIDDEN_SHOWN)).all()
    return render_template(
        "comments/moderation_queue.html",
        flagged=flagged,
        flags=flags,
        hidden=hidden,
        action_form=forms.ActionForm(),
    )


@bp.route("/comments/<int:comment_id>/hide", methods=["GET", "POST"])
@require(Action.MODERATE)
def hide_comment(comment_id: int):
    """Hide a contribution, with a reason everyone reads in its place."""
    comment = scoped_or_404(Comment, comment_id)
    form = forms.HideForm()
    if not form.validate_on_submit():
        return form_page("comments/comment_hide.html", form, comment=comment)
    return _moderated(
        lambda: services.hide_comment(comment, current_user, form.reason.data),
        _("The contribution is hidden."),
    )


@bp.post("/comments/<int:comment_id>/restore")
@require(Action.MODERATE)
def restore_comment(comment_id: int):
    """Show a hidden contribution again."""
    comment = scoped_or_404(Comment, comment_id)
    return _moderated(
        lambda: services.restore_comment(comment, current_user),
        _("The contribution is shown again."),
    )


@bp.post("/comments/<int:comment_id>/dismiss")
@require(Action.MODERATE)
def dismiss_flags(comment_id: int):
    """Keep a flagged contribution and close its flags."""
    comment = scoped_or_404(Comment, comment_id)
    return _moderated(
        lambda: services.dismiss_flags(comment, current_user), _("The flags are dismissed.")
    )


def _moderated(change, success: str):
    """Apply a moderation decision and go back to the queue."""
    try:
        change()
    except services.CommentError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("comments.show_moderation")), 303
    flash(success, "success")
    return redirect(url_for("comments.show_moderation")), 303
