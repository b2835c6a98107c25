"""The two steps of casting, shared by a member's own vote and a proxy: review, then record."""

from collections.abc import Callable

from flask import render_template
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, OperationalError

from convention.extensions import db
from convention.models import Ballot, Channel, Membership
from convention.rules.electorate import FIRST_VOTE
from convention.voting import forms, queries, services


def review_or_record(
    ballot: Ballot,
    form: forms.VoteForm,
    voter: Membership,
    cast: Callable[[str], str | None],
    *,
    action: str,
    proxy: Membership | None = None,
):
    """Show the review page, or record a confirmed vote and show its receipt once.

    A vote that comes again (retry, back button, second tab) is answered "already counted",
    kindly, and never recorded twice; the receipt of a secret ballot is never shown again.
    """
    channel = Channel.PROXY if proxy else Channel.ONLINE
    voted = db.session.scalars(queries.participated_items(ballot, voter)).first() is not None
    if ballot.secret and voted and proxy is None:
        return counted(ballot, services.already_counted(voter, channel), proxy)
    if form.confirmed.data != "yes":
        form.confirmed.data = "yes"
        form.basis.data = services.submission_basis(ballot, voter)
        return render_template(
            "voting/vote_confirm.html",
            ballot=ballot,
            form=form,
            action=action,
            proxy=proxy,
            options=forms.answer_options(ballot),
        )
    try:
        receipt = cast(form.basis.data or FIRST_VOTE)
        # rendered before the commit expires what it shows, and shown only once the vote is kept
        page = render_template("voting/receipt.html", ballot=ballot, receipt=receipt, proxy=proxy)
        db.session.commit()
    except services.AlreadyCounted as error:
        db.session.rollback()
        return counted(ballot, str(error), proxy)
    except services.VotingError as error:
        db.session.rollback()
        return refused(ballot, str(error))
    except IntegrityError:
        # A simultaneous submission of the same vote won the race: it counts, once.
        db.session.rollback()
        return counted(ballot, services.already_counted(voter, channel), proxy)
    except OperationalError as error:
        if "locked" not in str(error.orig):
            raise  # the database went away: whether the vote counted is unknown (503 page)
        # SQLite's single writer was busy for too long: nothing was recorded.
        db.session.rollback()
        return refused(ballot, _("The ballot box is busy: please confirm your vote again."))
    # the receipt is shown once, in this response: never in a URL, where logs would keep it
    return page


def counted(ballot: Ballot, message: str, proxy: Membership | None = None):
    """Answer a vote submitted again: it was counted once, nothing more was recorded."""
    return render_template("voting/vote_counted.html", ballot=ballot, message=message, proxy=proxy)


def refused(ballot: Ballot, message: str):
    """Answer a vote that cannot be recorded."""
    return render_template("voting/vote_refused.html", ballot=ballot, message=message), 409
