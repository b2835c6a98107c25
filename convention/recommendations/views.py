"""Recommendations: the overview, drafting, versions and diffs, states, supports, opinions."""

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, ngettext
from wtforms.fields.choices import SelectChoice

from convention.access import authorise, can, require, scoped_or_404
from convention.comments import queries as comment_queries, services as comment_services
from convention.comments.forms import PUBLISHED, CommentForm
from convention.extensions import db
from convention.models import Briefing, Hearing, MinorityOpinion, Recommendation, Topic
from convention.recommendations import forms, queries, services
from convention.recommendations.loading import readable_or_404
from convention.reports.results import result_of
from convention.rules.comments import Stance
from convention.rules.permissions import writes
from convention.rules.policy import Action
from convention.rules.recommendations import RecommendationState, may_move, may_support, next_states
from convention.topics import queries as topic_queries
from convention.web import names
from convention.web.acts import act_then_redirect
from convention.web.forms import ActionForm, form_page
from convention.web.urls import query_int

bp = Blueprint("recommendations", __name__, url_prefix="/c/<slug>")


@bp.get("/recommendations")
@require(Action.VIEW_RECOMMENDATIONS)
def list_recommendations():
    """List the recommendations the member may read, filtered by topic, group and state."""
    topic_id = query_int("topic", minimum=1)
    group_id = query_int("group", minimum=1)
    state = request.args.get("state")
    state = RecommendationState(state) if state in RecommendationState._value2member_map_ else None
    found = db.session.scalars(
        queries.overview(
            g.convention, g.membership, topic_id=topic_id, group_id=group_id, state=state
        )
    ).all()
    ids = [r.id for r in found]
    return render_template(
        "recommendations/recommendation_list.html",
        recommendations=found,
        counts=dict(db.session.execute(queries.state_counts(g.convention, g.membership)).all()),
        supports=dict(db.session.execute(queries.support_counts(ids)).all()),
        amendments=dict(db.session.execute(queries.open_amendment_counts(ids)).all()),
        topics=db.session.scalars(topic_queries.topics_of(g.convention)).all(),
        groups=db.session.scalars(queries.groups_of(g.convention)).all(),
        filters={"topic": topic_id, "group": group_id, "state": state},
        states=list(RecommendationState),
    )


def _evidence_choices(form: forms.RecommendationForm) -> None:
    """Offer the convention's briefings and hearings as evidence."""
    briefings = db.session.scalars(queries.evidence(Briefing, g.convention)).all()
    hearings = db.session.scalars(queries.evidence(Hearing, g.convention)).all()
    form.briefings.choices = [SelectChoice(b.id, b.title) for b in briefings]
    form.hearings.choices = [SelectChoice(h.id, h.expert_name) for h in hearings]


def _chosen(form: forms.RecommendationForm) -> tuple[list[Briefing], list[Hearing]]:
    """Load the evidence chosen in the form, inside the convention."""
    briefings = queries.evidence(Briefing, g.convention, form.briefings.data or [])
    hearings = queries.evidence(Hearing, g.convention, form.hearings.data or [])
    return list(db.session.scalars(briefings)), list(db.session.scalars(hearings))


@bp.route("/recommendations/new", methods=["GET", "POST"])
@require(Action.DRAFT_RECOMMENDATIONS)
def new_recommendation():
    """Start a draft, for one's working group or alone."""
    form = forms.RecommendationForm()
    del form.note
    form.topic_id.choices = [
        SelectChoice(t.id, t.title)
        for t in db.session.scalars(topic_queries.topics_of(g.convention))
    ]
    groups = db.session.scalars(queries.groups_of(g.convention)).all()
    mine = g.membership.group_ids
    form.group_id.choices = [SelectChoice(0, _("Me alone"))] + [
        SelectChoice(gr.id, gr.name)
        for gr in groups
        if can(Action.MANAGE_RECOMMENDATIONS) or gr.id in mine
    ]
    if request.method == "GET" and mine:
        form.group_id.data = min(mine)
    _evidence_choices(form)
    if not form.validate_on_submit():
        return form_page("recommendations/recommendation_form.html", form)
    group = next((gr for gr in groups if gr.id == form.group_id.data), None)
    recommendation = services.create_recommendation(
        g.convention,
        g.membership,
        topic=scoped_or_404(Topic, form.topic_id.data),
        group=group,
        evidence=_chosen(form),
        **{k: form.data[k] for k in services.TEXT_FIELDS},
    )
    flash(_("The draft is saved. Only its authors and the facilitators see it."), "success")
    return redirect(url_for(".show_recommendation", recommendation_id=recommendation.id)), 303


@bp.get("/recommendations/<int:recommendation_id>")
@require(Action.VIEW_RECOMMENDATIONS)
def show_recommendation(recommendation_id: int):
    """Show a recommendation, its evidence, amendments, supports, opinions and arguments."""
    return render_recommendation(readable_or_404(recommendation_id))


def render_recommendation(recommendation: Recommendation, *, status: int = 200, **forms_given):
    """Render a recommendation's page; forms given back keep what the member typed."""
    author = writes(g.membership, recommendation)
    supports = db.session.scalars(queries.supports_of(recommendation)).all()
    mine = next((s for s in supports if g.membership and s.membership_id == g.membership.id), None)
    moves = [
        s
        for s in next_states(recommendation.state)
        if may_move(
            recommendation.state,
            s,
            role=g.membership.role if g.membership else None,
            phase=g.convention.phase,
            is_author=author,
        )
    ]
    page = render_template(
        "recommendations/recommendation_detail.html",
        recommendation=recommendation,
        is_author=author,
        may_edit=can(Action.EDIT_RECOMMENDATION, recommendation),
        may_amend=can(Action.AMEND, recommendation),
        may_support=may_support(recommendation.state) and can(Action.SUPPORT),
        may_comment=can(Action.COMMENT, recommendation),
        moves=moves,
        amendments=db.session.scalars(queries.amendments_of(recommendation)).all(),
        supports=supports,
        my_support=mine,
        opinions=db.session.scalars(queries.opinions_of(recommendation)).all(),
        columns=comment_queries.columns(recommendation) if can(Action.READ_COMMENTS) else None,
        comment_form=forms_given.get("comment_form") or CommentForm(formdata=None),
        opinion_form=forms_given.get("opinion_form") or forms.OpinionForm(formdata=None),
        support_form=forms.SupportForm(formdata=None, show_pseudonym=mine and mine.show_pseudonym),
        action_form=ActionForm(),
        move_labels=forms.MOVE_LABELS,
        result=result_of(recommendation),
    )
    return page, status


@bp.route("/recommendations/<int:recommendation_id>/edit", methods=["GET", "POST"])
@require(Action.EDIT_RECOMMENDATION)
def edit_recommendation(recommendation_id: int):
    """Change the wording as a new version; authors only, before the text is frozen."""
    recommendation = readable_or_404(recommendation_id)
    authorise(Action.EDIT_RECOMMENDATION, recommendation)
    form = forms.RecommendationForm(obj=recommendation)
    del form.topic_id, form.group_id
    _evidence_choices(form)
    if request.method == "GET":
        form.briefings.data = [b.id for b in recommendation.briefings]
        form.hearings.data = [h.id for h in recommendation.hearings]
        form.note.data = ""
    if not form.validate_on_submit():
        return form_page(
            "recommendations/recommendation_form.html", form, recommendation=recommendation
        )
    fields = {k: form.data[k] for k in services.TEXT_FIELDS}
    services.save_version(recommendation, g.membership, note=form.note.data or "", **fields)
    services.set_evidence(recommendation, g.membership, *_chosen(form))
    flash(_("The recommendation is saved."), "success")
    return redirect(url_for(".show_recommendation", recommendation_id=recommendation.id)), 303


@bp.get("/recommendations/<int:recommendation_id>/history")
@require(Action.VIEW_RECOMMENDATIONS)
def show_history(recommendation_id: int):
    """Show the versions, and two of them side by side with a word-level diff."""
    recommendation = readable_or_404(recommendation_id)
    versions = {v.number: v for v in recommendation.versions}
    newest = max(versions)
    new = versions.get(query_int("new", newest) or newest) or versions[newest]
    old = versions.get(query_int("old", max(new.number - 1, 1)) or 1) or versions[1]
    return render_template(
        "recommendations/recommendation_history.html",
        recommendation=recommendation,
        versions=recommendation.versions,
        old=old,
        new=new,
    )


@bp.post("/recommendations/<int:recommendation_id>/state")
@require(Action.MOVE_RECOMMENDATION)
def change_state(recommendation_id: int):
    """Move a recommendation along its states; the rules check role, phase and authorship."""
    recommendation = readable_or_404(recommendation_id)
    authorise(Action.MOVE_RECOMMENDATION, recommendation)
    form = forms.StateForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.move(recommendation, g.membership, RecommendationState(form.target.data))
    except services.RecommendationError:
        db.session.rollback()
        abort(403)
    flash(
        _(
            "%(reference)s is now: %(state)s.",
            reference=recommendation.reference,
            state=names.RECOMMENDATION_STATE_NAMES[recommendation.state],
        ),
        "success",
    )
    return redirect(url_for(".show_recommendation", recommendation_id=recommendation.id)), 303


@bp.route("/recommendations/board", methods=["GET", "POST"])
@require(Action.MANAGE_RECOMMENDATIONS)
def show_board():
    """Let facilitators move many recommendations at once, e.g. freeze all submitted ones."""
    form = forms.BoardForm()
    everything = db.session.scalars(queries.overview(g.convention, g.membership)).all()
    if form.validate_on_submit():
        chosen = set(request.form.getlist("ids", type=int))
        target = RecommendationState(form.target.data)
        moved, skipped = services.bulk_move(
            [r for r in everything if r.id in chosen], g.membership, target
        )
        flash(ngettext("%(num)s moved.", "%(num)s moved.", len(moved)), "success")
        if skipped:
            flash(
                _(
                    "Not allowed now, left as they were: %(references)s",
                    references=", ".join(r.reference for r in skipped),
                ),
                "error",
            )
        return redirect(url_for(".show_board")), 303
    return form_page(
        "recommendations/recommendation_board.html",
        form,
        recommendations=everything,
        states=list(RecommendationState),
    )


@bp.post("/recommendations/<int:recommendation_id>/support")
@require(Action.SUPPORT)
def support_recommendation(recommendation_id: int):
    """Co-sign a recommendation, showing one's pseudonym or not."""
    recommendation = readable_or_404(recommendation_id)
    form = forms.SupportForm()
    if not form.validate_on_submit():
        abort(400)
    return _acted(
        recommendation,
        lambda: services.support(recommendation, g.membership, form.show_pseudonym.data),
        _("Your support is recorded."),
        "supports",
    )


@bp.post("/recommendations/<int:recommendation_id>/support/withdraw")
@require(Action.SUPPORT)
def withdraw_support(recommendation_id: int):
    """Take one's support back."""
    recommendation = readable_or_404(recommendation_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    return _acted(
        recommendation,
        lambda: services.withdraw_support(recommendation, g.membership),
        _("Your support is withdrawn."),
        "supports",
    )


@bp.post("/recommendations/<int:recommendation_id>/opinions")
@require(Action.WRITE_OPINIONS)
def write_opinion(recommendation_id: int):
    """Attach a minority opinion to a recommendation."""
    recommendation = readable_or_404(recommendation_id)
    form = forms.OpinionForm()
    if not form.validate_on_submit():
        return render_recommendation(recommendation, opinion_form=form, status=422)
    return _acted(
        recommendation,
        lambda: services.write_opinion(recommendation, g.membership, form.body.data),
        _("Your minority opinion is published."),
        "opinions",
    )


@bp.post("/opinions/<int:opinion_id>/sign")
@require(Action.COSIGN_OPINIONS)
def cosign_opinion(opinion_id: int):
    """Add one's name under a minority opinion."""
    opinion = scoped_or_404(MinorityOpinion, opinion_id)
    recommendation = readable_or_404(opinion.recommendation_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    return _acted(
        recommendation,
        lambda: services.cosign(opinion, g.membership),
        _("You have signed the minority opinion."),
        "opinions",
    )


def _acted(recommendation: Recommendation, change, success: str, anchor: str):
    """Run a change, then go back to the recommendation's page, at `anchor`."""
    back = url_for(".show_recommendation", recommendation_id=recommendation.id, _anchor=anchor)
    return act_then_redirect(change, back, success)


@bp.post("/recommendations/<int:recommendation_id>/comments")
@require(Action.COMMENT)
def comment_recommendation(recommendation_id: int):
    """Add an argument for or against, a question or a remark, to a recommendation."""
    recommendation = readable_or_404(recommendation_id)
    form = CommentForm()
    if not form.validate_on_submit():
        return render_recommendation(recommendation, comment_form=form, status=422)
    return act_then_redirect(
        lambda: comment_services.post_comment(
            recommendation, g.membership, Stance(form.stance.data), form.body.data
        ),
        url_for(".show_recommendation", recommendation_id=recommendation.id),
        str(PUBLISHED),
        then=comment_services.link_to,
    )
