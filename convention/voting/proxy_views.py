"""Proxies: a member gives or revokes one, a facilitator records a paper form, a holder votes."""

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from convention.access import require, scoped_or_404
from convention.extensions import db
from convention.models import (
    Ballot,
    BallotState,
    Channel,
    ConventionSession,
    Membership,
    ProxyMandate,
)
from convention.rules.policy import Action
from convention.rules.proxies import MandateSource
from convention.voting import casting, forms, proxies, proxy_forms, services
from convention.voting.reading import settled
from convention.voting.views import bp, citizens
from convention.web.forms import ActionForm


@bp.route("/proxies", methods=["GET", "POST"])
@require(Action.VOTE)
def list_proxies():
    """Show the member's proxies, given and held, and let them give one."""
    member = g.membership
    form = proxy_forms.MandateForm()
    _offer(form, [m for m in citizens() if m.id != member.id])
    if form.validate_on_submit():
        holder = scoped_or_404(Membership, form.holder.data)
        if _give(form, member, member, holder, MandateSource.APP):
            return redirect(url_for("voting.list_proxies"), 303)
    return _page("voting/proxy_list.html", form, proxies.listed(g.convention.id, member))


@bp.route("/proxies/paper", methods=["GET", "POST"])
@require(Action.MANAGE_BALLOTS)
def record_paper_proxy():
    """Record a signed paper proxy form, the holder named; list every mandate."""
    form = proxy_forms.PaperMandateForm()
    _offer(form, citizens())
    if form.validate_on_submit():
        giver = scoped_or_404(Membership, form.giver.data)
        holder = scoped_or_404(Membership, form.holder.data)
        if _give(form, g.membership, giver, holder, MandateSource.PAPER):
            return redirect(url_for("voting.record_paper_proxy"), 303)
    return _page("voting/proxy_paper.html", form, proxies.listed(g.convention.id))


def _offer(form: proxy_forms.MandateForm, members: list[Membership]) -> None:
    """Offer the members, ballots and sessions a mandate may name."""
    form.offer(members, *proxies.scopes(g.convention.id))


def _give(form, actor: Membership, giver: Membership, holder: Membership, source) -> bool:
    """Record the mandate the form describes; put a refusal on the form and say False."""
    kind, target_id = form.target()
    ballot = scoped_or_404(Ballot, target_id) if kind == "ballot" else None
    session = scoped_or_404(ConventionSession, target_id) if kind == "session" else None
    try:
        proxies.give(actor, giver, holder, ballot=ballot, session=session, source=source)
        # Written now: a simultaneous mandate for the same thing fails here, on the form.
        db.session.flush()
    except services.VotingError as error:
        db.session.rollback()
        form.holder.errors = [str(error)]
        return False
    except IntegrityError:
        # the same member gave another proxy for this at the same moment: one stands
        db.session.rollback()
        message = _(
            "%(name)s has already given a proxy for this; revoke it first.", name=giver.pseudonym
        )
        form.holder.errors = [message]
        return False
    flash(_("The proxy is recorded."), "success")
    return True


def _page(template: str, form, mandates: list[ProxyMandate]):
    """Render a proxy page with the mandates' states."""
    return render_template(
        template,
        form=form,
        mandates=mandates,
        used=proxies.used_ids(mandates),
        status={m.id: proxies.status(m).value for m in mandates},
        action_form=ActionForm(),
    ), 422 if form.errors else 200


@bp.post("/proxies/<int:mandate_id>/revoke")
@require(Action.VOTE)
def revoke_proxy(mandate_id: int):
    """Let the giver revoke a proxy they gave, until it is used."""
    mandate = scoped_or_404(ProxyMandate, mandate_id)
    if mandate.giver_id != g.membership.id:
        abort(404)
    return _revoke(mandate, "voting.list_proxies")


@bp.post("/proxies/<int:mandate_id>/cancel")
@require(Action.MANAGE_BALLOTS)
def cancel_proxy(mandate_id: int):
    """Let a facilitator revoke a proxy, on a paper revocation say, until it is used."""
    return _revoke(scoped_or_404(ProxyMandate, mandate_id), "voting.record_paper_proxy")


def _revoke(mandate: ProxyMandate, back: str):
    """Revoke the mandate, then go back to the list."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        proxies.revoke(mandate, g.membership)
    except services.VotingError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        flash(_("The proxy is revoked."), "success")
    return redirect(url_for(back), 303)


def _blocked(ballot: Ballot, state: BallotState, mandate: ProxyMandate) -> str | None:
    """Say why the proxy cannot be cast now, or None."""
    if state != BallotState.OPEN:
        return _("This ballot is not open.")
    reason = proxies.refusal(ballot, g.membership, mandate)
    return proxies.explain(reason, mandate.giver) if reason else None


@bp.route("/ballots/<int:ballot_id>/proxies/<int:mandate_id>", methods=["GET", "POST"])
@require(Action.VOTE)
def vote_by_proxy(ballot_id: int, mandate_id: int):
    """Let the holder cast, from their own device, the vote of the member who gave the proxy."""
    ballot = scoped_or_404(Ballot, ballot_id)
    mandate = scoped_or_404(ProxyMandate, mandate_id)
    holder = g.membership
    if mandate.holder_id != holder.id:
        abort(404)
    state = settled(ballot)
    giver = mandate.giver
    form = forms.vote_form(ballot)
    if not form.validate_on_submit() or form.change.data:
        return render_template(
            "voting/proxy_vote.html",
            ballot=ballot,
            form=form.reopened(),
            giver=giver,
            blocked=_blocked(ballot, state, mandate),
        ), 422 if form.errors else 200
    if proxies.cast_for(ballot, holder, giver):
        return casting.counted(ballot, services.already_counted(giver, Channel.PROXY), giver)
    blocked = _blocked(ballot, state, mandate)
    if blocked:
        return casting.refused(ballot, blocked)
    return casting.review_or_record(
        ballot,
        form,
        giver,
        lambda basis: services.record_proxy(
            ballot, holder, giver, form.answers(ballot), basis=basis
        ),
        action=url_for("voting.vote_by_proxy", ballot_id=ballot.id, mandate_id=mandate.id),
        proxy=giver,
    )
