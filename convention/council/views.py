"""The council's answers: recording them, following them up, replying, and the public pages."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from convention.access import can, require, scoped_or_404
from convention.clock import today
from convention.council import forms, queries, services, transparency
from convention.extensions import db
from convention.models import CouncilResponse, Recommendation
from convention.reports.results import results_for
from convention.rules.council import ImplementationStatus
from convention.rules.policy import Action
from convention.web import names
from convention.web.forms import form_page

bp = Blueprint("council", __name__, url_prefix="/c/<slug>")


def _today():
    """Return today's date in the convention's time zone."""
    return today(g.convention.time_zone)


def _response_or_404(response_id: int) -> CouncilResponse:
    """Load an answer of the current convention, or answer 404."""
    response = db.session.scalar(queries.detail(response_id, g.convention))
    return response if response is not None else abort(404)


@bp.get("/accountability")
@require(Action.VIEW_REPORT)
def show_accountability():
    """List every adopted recommendation with the council's decision and its follow-up."""
    filters = queries.Filters.parse(request.args)
    rows = queries.rows(g.convention, _today())
    return render_template(
        "council/accountability.html",
        rows=queries.filtered(rows, filters),
        results=results_for(g.convention),
        total=len(rows),
        answered=sum(1 for row in rows if row.response),
        filters=filters,
        decisions=names.DECISION_NAMES,
        statuses=names.IMPLEMENTATION_STATUS_NAMES,
    )


@bp.get("/transparency")
@require(Action.VIEW_REPORT)
def show_transparency():
    """Show what the convention publishes, and a checklist of it."""
    record = transparency.gather(g.convention, _today())
    return render_template("council/transparency.html", record=record)


@bp.get("/responses/<int:response_id>")
@require(Action.VIEW_REPORT)
def show_response(response_id: int):
    """Show the council's answer to one recommendation, its follow-up and members' replies."""
    return render_response(_response_or_404(response_id))


def render_response(response: CouncilResponse, *, status: int = 200, **forms_given):
    """Render an answer's page; forms given back keep what the member typed."""
    may_reply = can(Action.REPLY_TO_COUNCIL) and not services.has_replied(response, g.membership)
    return render_template(
        "council/response_detail.html",
        response=response,
        overdue=queries.response_overdue(response, _today()),
        late=queries.response_late(response),
        may_reply=may_reply,
        may_correct=can(Action.ANSWER_RECOMMENDATIONS),
        may_update=can(Action.UPDATE_IMPLEMENTATION),
        reply_form=forms_given.get("reply_form") or forms.ReplyForm(formdata=None),
        update_form=forms_given.get("update_form")
        or forms.UpdateForm(formdata=None, noted_on=_today()),
    ), status


@bp.route("/recommendations/<int:recommendation_id>/response", methods=["GET", "POST"])
@require(Action.ANSWER_RECOMMENDATIONS)
def answer_recommendation(recommendation_id: int):
    """Record or correct the council's answer to an adopted recommendation."""
    recommendation = scoped_or_404(Recommendation, recommendation_id)
    # Only recommendations the panel adopted await an answer; others have none to give.
    if not services.answerable(recommendation):
        abort(404)
    existing = db.session.scalar(queries.for_recommendation(recommendation))
    form = forms.ResponseForm(obj=existing)
    if not form.validate_on_submit():
        return form_page("council/response_form.html", form, recommendation=recommendation)
    response = services.answer(recommendation, g.membership, **form.answer())
    flash(_("The council's answer is published."), "success")
    return redirect(url_for(".show_response", response_id=response.id)), 303


@bp.post("/responses/<int:response_id>/updates")
@require(Action.UPDATE_IMPLEMENTATION)
def add_update(response_id: int):
    """Add a dated step to an answer's implementation."""
    response = _response_or_404(response_id)
    form = forms.UpdateForm()
    if not form.validate_on_submit():
        return render_response(response, status=422, update_form=form)
    services.add_update(
        response,
        g.membership,
        status=ImplementationStatus(form.status.data),
        percent=form.percent.data,
        noted_on=form.noted_on.data,
        note=form.note.data,
    )
    flash(_("The implementation update is published."), "success")
    return redirect(url_for(".show_response", response_id=response.id)), 303


@bp.post("/responses/<int:response_id>/replies")
@require(Action.REPLY_TO_COUNCIL)
def reply_to_response(response_id: int):
    """Publish a member's one reply to the council's answer."""
    response = _response_or_404(response_id)
    if services.has_replied(response, g.membership):
        abort(409)
    form = forms.ReplyForm()
    if not form.validate_on_submit():
        return render_response(response, status=422, reply_form=form)
    services.reply(response, g.membership, form.body.data)
    flash(_("Your reply is published."), "success")
    return redirect(url_for(".show_response", response_id=response.id, _anchor="replies")), 303
