"""The room's screen and the live pages' poll: the count of voters, never a tally before close."""

from flask import abort, g, jsonify, render_template, url_for
from flask_babel import gettext as _

from convention.access import require, scoped_or_404
from convention.clock import utcnow
from convention.extensions import db
from convention.models import Ballot, BallotState
from convention.rules.policy import Action
from convention.voting import charts, queries
from convention.voting.reading import settled
from convention.voting.views import bp
from convention.web.qrcode import qr_svg


@bp.get("/ballots/<int:ballot_id>/live.json")
@require(Action.VIEW_BALLOTS)
def live_status(ballot_id: int):
    """Answer the live pages' poll: the state and how many have voted, never a tally."""
    found = db.session.execute(*queries.live_status(g.convention.id, ballot_id, utcnow())).first()
    if found is None:
        abort(404)
    ballot: Ballot = found[0]
    voted, present, eligible = found[1:]
    # Phones poll all through a vote: only the first read after opening or closing writes.
    state = settled(ballot)
    return jsonify(
        state=state.value,
        voted=voted,
        present=present,
        eligible=eligible,
        closes_at=ballot.closes_at.isoformat() if ballot.closes_at else None,
    )


def _present_now() -> int | None:
    """Count the citizens marked present at the session under way, if one is."""
    return db.session.scalar(queries.present_count(g.convention.id, utcnow()))


def _eligible_now() -> int:
    """Count the members who could vote if the ballot opened now."""
    return db.session.scalar(queries.eligible_count(g.convention.id)) or 0


@bp.get("/ballots/<int:ballot_id>/projector")
@require(Action.MANAGE_BALLOTS)
def show_projector(ballot_id: int):
    """Show the ballot on the room's screen: the items, the count of voters, then the result."""
    ballot = scoped_or_404(Ballot, ballot_id)
    state = settled(ballot)
    closed = state == BallotState.CLOSED
    address = url_for("voting.show_ballot", ballot_id=ballot.id, _external=True)
    return render_template(
        "voting/ballot_projector.html",
        ballot=ballot,
        state=state,
        address=address,
        qr=qr_svg(address, _("QR code of this ballot's address")),
        turnout=db.session.scalar(queries.voters_count(ballot)),
        present=_present_now(),
        eligible=ballot.eligible if ballot.eligible is not None else _eligible_now(),
        charts={i.id: charts.result_chart(i.result, ballot.method) for i in ballot.items}
        if closed
        else {},
    )
