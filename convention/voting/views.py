"""Ballots: settings and items, casting with confirmation, opening and closing, sealed results."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from convention.access import can, require, scoped_or_404
from convention.extensions import db
from convention.members.queries import active_citizens
from convention.models import Amendment, Ballot, BallotState, Membership, Recommendation
from convention.rules.policy import Action
from convention.rules.tally import Grade
from convention.voting import (
    casting,
    charts,
    electorate,
    forms,
    proxies,
    queries,
    services,
)
from convention.voting.files import results_csv
from convention.voting.reading import settled, settled_states
from convention.web import confirm
from convention.web.acts import act_then_redirect
from convention.web.forms import ActionForm, form_page

bp = Blueprint("voting", __name__, url_prefix="/c/<slug>")
# Pages whose content follows a member's vote: never stored, never compressed or transformed on
# the way, whose sizes would then vary with the choice.
PRIVATE = {
    "voting.show_ballot",
    "voting.cast_vote",
    "voting.vote_by_proxy",
    "voting.check_receipt",
}


# Open ballots first, where a member has something to do; the newest first within each state.
LIST_ORDER = {BallotState.OPEN: 0, BallotState.SCHEDULED: 1, BallotState.CLOSED: 2}


@bp.after_request
def _no_store(response: Response) -> Response:
    """Keep vote pages out of caches and away from compressing proxies."""
    if request.endpoint in PRIVATE:
        response.headers["Cache-Control"] = "no-store, no-transform"
    return response


@bp.get("/ballots")
@require(Action.VIEW_BALLOTS)
def list_ballots():
    """List the convention's ballots with their states."""
    ballots = db.session.scalars(queries.ballots_of(g.convention)).all()
    states = settled_states(ballots)
    # who took part, never what they chose: the participation record keeps secrecy
    voted = (
        set(db.session.scalars(queries.ballots_taken_part(g.membership))) if g.membership else set()
    )
    return render_template(
        "voting/ballot_list.html",
        ballots=sorted(ballots, key=lambda b: LIST_ORDER[states[b.id]]),
        states=states,
        voted=voted,
    )


@bp.route("/ballots/new", methods=["GET", "POST"])
@require(Action.MANAGE_BALLOTS)
def new_ballot():
    """Create a ballot with its settings."""
    form = forms.BallotForm()
    if not form.validate_on_submit():
        return form_page("voting/ballot_form.html", form)
    ballot = services.create_ballot(
        g.convention, g.membership, **form.settings(g.convention.time_zone)
    )
    return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)


@bp.route("/ballots/<int:ballot_id>/edit", methods=["GET", "POST"])
@require(Action.MANAGE_BALLOTS)
def edit_ballot(ballot_id: int):
    """Change a scheduled ballot's settings."""
    ballot = scoped_or_404(Ballot, ballot_id)
    form = forms.BallotForm(obj=ballot)
    if not form.is_submitted():
        form.load(ballot, g.convention.time_zone)
    if not form.validate_on_submit():
        return form_page("voting/ballot_form.html", form, ballot=ballot)
    try:
        services.change_settings(ballot, g.membership, **form.settings(g.convention.time_zone))
    except services.VotingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)
    return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)


@bp.get("/ballots/<int:ballot_id>")
@require(Action.VIEW_BALLOTS)
def show_ballot(ballot_id: int):
    """Show a ballot: its settings, items, turnout, and the vote form while it is open."""
    ballot = scoped_or_404(Ballot, ballot_id)
    return _ballot_page(ballot, settled(ballot))


def _ballot_page(
    ballot: Ballot, state: BallotState, form: forms.VoteForm | None = None, status: int = 200
):
    """Render the ballot page; without a form given, a roll-call vote's current answers show."""
    member = g.membership
    voted = member is not None and bool(
        db.session.scalars(queries.participated_items(ballot, member)).first()
    )
    own = db.session.scalars(queries.own_votes(ballot, member)).all() if member else []
    if form is None:
        form = forms.vote_form(ballot, formdata=None, data=forms.current_answers(ballot, own))
    citizen_now = can(Action.VOTE, ballot)
    why = electorate.reason(ballot, member) if citizen_now else None
    return render_template(
        "voting/ballot_detail.html",
        ballot=ballot,
        state=state,
        form=form,
        voted=voted,
        own={vote.item_id: _own_answer(ballot, vote) for vote in own},
        may_vote=why is None and _may_vote(ballot, voted),
        not_elector=electorate.explain(why) if why else None,
        proxies=proxies.usable(ballot, member) if citizen_now and why is None else [],
        turnout=db.session.scalar(queries.voters_count(ballot)),
        item_form=_item_form(ballot)
        if state == BallotState.SCHEDULED and can(Action.MANAGE_BALLOTS)
        else None,
        action_form=ActionForm(),
    ), status


def _own_answer(ballot: Ballot, vote) -> str:
    """Name a member's own answer padded to one length: the page's size must not tell it."""
    answer = vote.choice if vote.choice is not None else Grade(vote.grade)
    return forms.padded_names(ballot)[answer]


def _may_vote(ballot: Ballot, voted: bool) -> bool:
    """Tell whether the current member may cast (or, in roll-call, change) a vote now."""
    return can(Action.VOTE, ballot) and not (voted and ballot.secret)


def _item_form(ballot: Ballot) -> forms.ItemForm:
    """Offer the recommendations the ballot takes, the amendments put to the vote, or a question."""
    form = forms.ItemForm()
    finals = db.session.scalars(
        queries.votable(g.convention, services.votable_states(ballot))
    ).all()
    amendments = db.session.scalars(queries.amendments_put_to_vote(g.convention)).all()
    form.subject.choices = (
        [SelectChoice("question", _("A free question"))]
        + [SelectChoice(f"r{r.id}", f"{r.reference} {r.title}") for r in finals]
        + [
            SelectChoice(
                f"a{a.id}",
                _(
                    "Amendment %(number)s to %(reference)s",
                    number=a.id,
                    reference=a.recommendation.reference,
                ),
            )
            for a in amendments
        ]
    )
    return form


@bp.post("/ballots/<int:ballot_id>/items")
@require(Action.MANAGE_BALLOTS)
def add_item(ballot_id: int):
    """Add an item to a scheduled ballot."""
    ballot = scoped_or_404(Ballot, ballot_id)
    form = _item_form(ballot)
    if not form.validate_on_submit():
        return _ballot_page(ballot, services.refresh(ballot), status=422)
    subject = form.subject.data
    recommendation = amendment = None
    if subject.startswith("r"):
        recommendation = scoped_or_404(Recommendation, int(subject[1:]))
    elif subject.startswith("a"):
        amendment = scoped_or_404(Amendment, int(subject[1:]))
    try:
        services.add_item(
            ballot,
            g.membership,
            recommendation=recommendation,
            amendment=amendment,
            title=(form.title.data or "").strip(),
            question=(form.question.data or "").strip(),
        )
    except services.VotingError as error:
        # The ballot's settling on time is kept; the refused item is not there to keep.
        flash(str(error), "error")
    return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)


@bp.post("/ballots/<int:ballot_id>/open")
@require(Action.MANAGE_BALLOTS)
def open_ballot(ballot_id: int):
    """Open a ballot now."""
    return _act(ballot_id, services.open_ballot, _("The ballot is open."))


@bp.post("/ballots/<int:ballot_id>/close")
@require(Action.MANAGE_BALLOTS)
def close_ballot(ballot_id: int):
    """Ask first, then close a ballot now and publish its results; a closed ballot stays so."""
    ballot = scoped_or_404(Ballot, ballot_id)
    if ActionForm().validate_on_submit() and not confirm.confirmed():
        return confirm.ask(
            _(
                "This will end the vote on “%(title)s” now: nobody can vote any more, and the "
                "results are counted and shown to the members. A closed ballot cannot be reopened.",
                title=ballot.title,
            ),
            _("Close the ballot now"),
            url_for("voting.show_ballot", ballot_id=ballot.id),
        )
    return _act(ballot_id, services.close_ballot, _("The ballot is closed."))


def _act(ballot_id: int, operation, message: str):
    """Run a facilitator's operation on a ballot, then go back to it."""
    ballot = scoped_or_404(Ballot, ballot_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    back = url_for("voting.show_ballot", ballot_id=ballot.id)
    # A ballot that closed on time is settled before the refusal: that settling is kept.
    return act_then_redirect(
        lambda: operation(ballot, g.membership), back, message, keep_refused=True
    )


@bp.post("/ballots/<int:ballot_id>/votes")
@require(Action.VOTE)
def cast_vote(ballot_id: int):
    """Confirm the member's answers, then record them; a secret ballot's receipt shows once."""
    ballot = scoped_or_404(Ballot, ballot_id)
    state = services.refresh(ballot)
    form = forms.vote_form(ballot)
    if not form.validate_on_submit():
        return _ballot_page(ballot, state, form, 422)
    if form.change.data:
        return _ballot_page(ballot, state, form.reopened())
    member = g.membership
    return casting.review_or_record(
        ballot,
        form,
        member,
        lambda basis: services.cast_vote(ballot, member, form.answers(ballot), basis=basis),
        action=url_for("voting.cast_vote", ballot_id=ballot.id),
    )


@bp.get("/ballots/<int:ballot_id>/results")
@require(Action.VIEW_BALLOTS)
def show_results(ballot_id: int):
    """Show a closed ballot's frozen results; nothing before it closes."""
    ballot = scoped_or_404(Ballot, ballot_id)
    if settled(ballot) != BallotState.CLOSED:
        return render_template("voting/results_sealed.html", ballot=ballot), 403
    return render_template(
        "voting/ballot_results.html",
        ballot=ballot,
        charts={item.id: charts.result_chart(item.result, ballot.method) for item in ballot.items},
        receipt_form=forms.ReceiptCheckForm(formdata=None),
        fingerprints=db.session.scalars(queries.published_fingerprints(ballot)).all()
        if ballot.secret
        else [],
        choices=db.session.execute(queries.published_choices(ballot)).all()
        if ballot.secret
        else [],
        roll_call=[] if ballot.secret else db.session.execute(queries.roll_call(ballot)).all(),
        items={item.id: item for item in ballot.items},
    )


@bp.get("/ballots/<int:ballot_id>/results.csv")
@require(Action.VIEW_BALLOTS)
def export_results(ballot_id: int):
    """Export a closed ballot's results per item: counts only, never a member's choice."""
    ballot = scoped_or_404(Ballot, ballot_id)
    if settled(ballot) != BallotState.CLOSED:
        abort(403)
    name = f"ballot-{ballot.id}-results.csv"
    return Response(
        results_csv(ballot),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.get("/results")
@require(Action.VIEW_BALLOTS)
def list_results():
    """Show every closed ballot's results in the convention."""
    ballots = db.session.scalars(queries.ballots_of(g.convention)).all()
    states = settled_states(ballots)
    closed = [b for b in ballots if states[b.id] == BallotState.CLOSED]
    return render_template("voting/results_list.html", ballots=closed)


def citizens() -> list[Membership]:
    """Return the convention's active citizens, by pseudonym."""
    return list(db.session.scalars(active_citizens(g.convention)))


# The paper, proxy and room-screen routes live beside this module, on the same blueprint.
from convention.voting import paper_views, proxy_views, room_views  # noqa: E402, F401
