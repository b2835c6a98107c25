"""Amendments: proposing new wording, reading it as a diff, accepting or rejecting it."""

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from convention.access import authorise, can, require
from convention.amendments import forms, queries, services
from convention.comments import queries as comment_queries, services as comment_services
from convention.comments.forms import PUBLISHED, CommentForm
from convention.extensions import db
from convention.models import Amendment
from convention.recommendations.loading import readable_or_404
from convention.rules.comments import Stance
from convention.rules.policy import Action
from convention.rules.recommendations import AmendmentState, paragraphs
from convention.web.acts import act_then_redirect
from convention.web.forms import ActionForm, form_page

bp = Blueprint("amendments", __name__, url_prefix="/c/<slug>")


def _paragraph_choices(body: str) -> list[SelectChoice]:
    """Offer the whole text or each paragraph, by its first words."""
    choices = [SelectChoice(-1, _("The whole text"))]
    for index, text in enumerate(paragraphs(body)):
        start = " ".join(text.split()[:8])
        choices.append(
            SelectChoice(index, _("Paragraph %(n)s: %(start)s…", n=index + 1, start=start))
        )
    return choices


@bp.route("/recommendations/<int:recommendation_id>/amendments/new", methods=["GET", "POST"])
@require(Action.AMEND)
def propose_amendment(recommendation_id: int):
    """Propose new wording for a submitted recommendation, during the amendment phase."""
    recommendation = readable_or_404(recommendation_id)
    authorise(Action.AMEND, recommendation)
    form = forms.AmendmentForm()
    form.paragraph.choices = _paragraph_choices(recommendation.body)
    if not form.validate_on_submit():
        return form_page(
            "amendments/amendment_form.html",
            form,
            recommendation=recommendation,
            paragraphs=paragraphs(recommendation.body),
        )
    amendment = services.propose(
        recommendation,
        g.membership,
        paragraph=None if form.paragraph.data < 0 else form.paragraph.data,
        new_text=form.new_text.data,
        justification=form.justification.data,
    )
    flash(_("Your amendment is published."), "success")
    return redirect(url_for(".show_amendment", amendment_id=amendment.id)), 303


def _load(amendment_id: int) -> Amendment:
    """Load an amendment of a recommendation the member may read, or answer 404."""
    amendment = db.session.scalar(queries.detail(amendment_id, g.convention))
    if amendment is None:
        abort(404)
    readable_or_404(amendment.recommendation_id)
    return amendment


@bp.get("/amendments/<int:amendment_id>")
@require(Action.VIEW_RECOMMENDATIONS)
def show_amendment(amendment_id: int):
    """Show an amendment as a diff of the wording it replaces, with its discussion."""
    return render_amendment(_load(amendment_id))


def render_amendment(amendment: Amendment, *, status: int = 200, **forms_given):
    """Render an amendment's page; forms given back keep what the member typed."""
    recommendation = amendment.recommendation
    open_ = amendment.state == AmendmentState.OPEN
    page = render_template(
        "amendments/amendment_detail.html",
        amendment=amendment,
        recommendation=recommendation,
        stale=open_ and services.stale(amendment),
        conflicts=services.conflicts(amendment) if open_ else [],
        deciding=can(Action.DECIDE_AMENDMENTS, amendment),
        may_comment=can(Action.COMMENT, amendment),
        columns=comment_queries.columns(amendment) if can(Action.READ_COMMENTS) else None,
        comment_form=forms_given.get("comment_form") or CommentForm(formdata=None),
        reject_form=forms_given.get("reject_form") or forms.RejectForm(formdata=None),
        action_form=ActionForm(),
    )
    return page, status


@bp.post("/amendments/<int:amendment_id>/accept")
@require(Action.DECIDE_AMENDMENTS)
def accept_amendment(amendment_id: int):
    """Accept an amendment: its wording becomes a new version of the recommendation."""
    amendment = _load(amendment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        conflicting = services.accept(amendment, g.membership)
    except services.AmendmentError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".show_amendment", amendment_id=amendment.id)), 303
    flash(_("The amendment is accepted: a new version is saved."), "success")
    if conflicting:
        flash(
            _(
                "These amendments touched the same wording and now conflict: %(numbers)s",
                numbers=", ".join(str(a.id) for a in conflicting),
            ),
            "error",
        )
    return redirect(
        url_for(
            "recommendations.show_recommendation", recommendation_id=amendment.recommendation_id
        )
    ), 303


@bp.post("/amendments/<int:amendment_id>/reject")
@require(Action.DECIDE_AMENDMENTS)
def reject_amendment(amendment_id: int):
    """Reject an amendment with a reason, and say whether the panel votes on it anyway."""
    amendment = _load(amendment_id)
    form = forms.RejectForm()
    if not form.validate_on_submit():
        return render_amendment(amendment, reject_form=form, status=422)
    try:
        services.reject(amendment, g.membership, form.reason.data, form.put_to_vote.data)
    except services.AmendmentError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".show_amendment", amendment_id=amendment.id)), 303
    flash(_("The amendment is rejected."), "success")
    return redirect(url_for(".show_amendment", amendment_id=amendment.id)), 303


@bp.post("/amendments/<int:amendment_id>/comments")
@require(Action.COMMENT)
def comment_amendment(amendment_id: int):
    """Add an argument, a question or a remark to an amendment."""
    amendment = _load(amendment_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return render_amendment(amendment, comment_form=form, status=422)
    return act_then_redirect(
        lambda: comment_services.post_comment(
            amendment, g.membership, Stance(form.stance.data), form.body.data
        ),
        url_for(".show_amendment", amendment_id=amendment.id),
        str(PUBLISHED),
        then=comment_services.link_to,
    )
