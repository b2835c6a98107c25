"""Paper votes in the room: a hand count in a secret ballot, each member's vote in a roll call."""

from operator import attrgetter

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _, ngettext

from convention.access import require, scoped_or_404
from convention.extensions import db
from convention.models import Ballot, BallotState, Membership
from convention.rules.ordering import alphabetical
from convention.rules.policy import Action
from convention.voting import forms, queries, services
from convention.voting.reading import settled
from convention.voting.views import bp
from convention.web.forms import form_page


@bp.route("/ballots/<int:ballot_id>/paper", methods=["GET", "POST"])
@require(Action.MANAGE_BALLOTS)
def record_paper(ballot_id: int):
    """Record the room's paper votes: ticked members and a hand count, or each member's vote."""
    ballot = scoped_or_404(Ballot, ballot_id)
    if settled(ballot) != BallotState.OPEN:
        flash(_("This ballot is not open."), "error")
        return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)
    candidates = db.session.scalars(queries.paper_candidates(ballot))
    members = alphabetical(candidates, attrgetter("pseudonym"))
    if not ballot.secret:
        return _roll_call(ballot, members)
    form = forms.paper_form(ballot, members)
    if not form.validate_on_submit():
        return form_page("voting/ballot_paper.html", form, ballot=ballot)
    chosen = [scoped_or_404(Membership, member_id) for member_id in form.members.data]
    try:
        services.record_paper(ballot, g.membership, chosen, form.counts(ballot))
    except services.VotingError as error:
        db.session.rollback()
        form.members.errors = [str(error)]
        return form_page("voting/ballot_paper.html", form, ballot=ballot)
    flash(
        ngettext(
            "%(num)s paper ballot is in the box.",
            "%(num)s paper ballots are in the box.",
            len(chosen),
        ),
        "success",
    )
    return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)


def _roll_call(ballot: Ballot, members: list[Membership]):
    """Enter a roll-call ballot's paper votes member by member."""
    form = forms.roll_call_paper_form(ballot, members)
    if not form.validate_on_submit():
        return form_page("voting/ballot_paper.html", form, ballot=ballot)
    try:
        services.record_paper_votes(ballot, g.membership, form.answers(ballot, members))
    except services.VotingError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("voting/ballot_paper.html", form=form, ballot=ballot), 422
    flash(_("The paper votes are recorded."), "success")
    return redirect(url_for("voting.show_ballot", ballot_id=ballot.id), 303)
