"""Checking a receipt: a member types their code and learns whether their ballot was counted."""

from flask import render_template

from convention.access import require, scoped_or_404
from convention.extensions import db
from convention.models import Ballot, BallotState
from convention.rules.policy import Action
from convention.voting import forms, queries, services
from convention.voting.reading import settled
from convention.voting.views import bp


@bp.post("/ballots/<int:ballot_id>/receipt")
@require(Action.VIEW_BALLOTS)
def check_receipt(ballot_id: int):
    """Say whether a receipt code's fingerprint is among a closed secret ballot's counted ones."""
    ballot = scoped_or_404(Ballot, ballot_id)
    state = settled(ballot)
    if state != BallotState.CLOSED or not ballot.secret:
        return render_template("voting/results_sealed.html", ballot=ballot), 403
    form = forms.ReceiptCheckForm()
    if not form.validate_on_submit():
        return render_template("voting/receipt_check.html", ballot=ballot, form=form), 422
    # The code is read from the body only, never logged or stored.
    fingerprint = services.fingerprint(ballot, form.code.data)
    counted = db.session.scalar(queries.receipt_counted(ballot, fingerprint))
    return render_template(
        "voting/receipt_check.html",
        ballot=ballot,
        form=forms.ReceiptCheckForm(formdata=None),
        checked=fingerprint,
        counted=counted,
    )
