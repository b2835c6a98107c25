"""Changes to amendments: propose, accept into a new version, reject, put to the vote."""

import sqlalchemy as sa
from flask_babel import gettext as _

from convention import audit
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.models import Amendment, Membership, Recommendation
from convention.notifications import events
from convention.recommendations.services import save_version
from convention.rules.permissions import permits, writes
from convention.rules.policy import Action
from convention.rules.recommendations import (
    AmendmentState,
    apply_amendment,
    in_conflict,
    is_stale,
    target_text,
)


class AmendmentError(ServiceError):
    """Raised when a change to an amendment is refused."""


def propose(
    recommendation: Recommendation,
    author: Membership,
    *,
    paragraph: int | None,
    new_text: str,
    justification: str,
) -> Amendment:
    """Propose new wording for the whole text or one paragraph of a submitted recommendation."""
    if not permits(author, author.convention.phase, Action.AMEND, recommendation):
        raise AmendmentError(_("This recommendation is not open for amendments."))
    base = target_text(recommendation.body, paragraph)
    if base is None:
        raise AmendmentError(_("This paragraph does not exist."))
    amendment = Amendment(
        convention_id=recommendation.convention_id,
        recommendation_id=recommendation.id,
        author_id=author.id,
        paragraph=paragraph,
        base_version_id=recommendation.versions[-1].id,
        base_text=base,
        new_text=new_text.replace("\r\n", "\n").strip(),
        justification=justification.strip(),
    )
    db.session.add(amendment)
    db.session.flush()
    audit.record(
        author.user,
        "amendment.proposed",
        amendment,
        convention=author.convention,
        reference=recommendation.reference,
    )
    events.amendment_proposed(amendment, author)
    return amendment


def stale(amendment: Amendment) -> bool:
    """Tell whether the wording the amendment replaces has changed since it was written."""
    return is_stale(amendment.recommendation.body, amendment.paragraph, amendment.base_text)


def conflicts(amendment: Amendment) -> list[Amendment]:
    """Return the other open amendments on the same paragraph (or on the whole text)."""
    others = db.session.scalars(
        sa.select(Amendment)
        .where(
            Amendment.recommendation_id == amendment.recommendation_id,
            Amendment.id != amendment.id,
            Amendment.state == AmendmentState.OPEN,
        )
        .order_by(Amendment.id)
    ).all()
    return [other for other in others if in_conflict(other.paragraph, amendment.paragraph)]


def accept(amendment: Amendment, actor: Membership) -> list[Amendment]:
    """Make a new version from the amendment, crediting it; return the conflicting ones."""
    _check_decision(amendment, actor)
    if stale(amendment):
        raise AmendmentError(
            _("The wording this amendment replaces has changed since: it can only be rejected.")
        )
    recommendation = amendment.recommendation
    body = apply_amendment(recommendation.body, amendment.paragraph, amendment.new_text)
    amendment.state, amendment.decided_by_id, amendment.decided_at = (
        AmendmentState.ACCEPTED,
        actor.id,
        utcnow(),
    )
    save_version(
        recommendation,
        actor,
        note="",
        amendment_id=amendment.id,
        title=recommendation.title,
        body=body,
        rationale=recommendation.rationale,
        impact=recommendation.impact,
    )
    audit.record(actor.user, "amendment.accepted", amendment, convention=actor.convention)
    events.amendment_decided(amendment, actor.convention)
    return conflicts(amendment)


def reject(amendment: Amendment, actor: Membership, reason: str, put_to_vote: bool) -> None:
    """Turn an amendment down with a reason; the panel may still vote on it if flagged."""
    _check_decision(amendment, actor)
    amendment.state, amendment.decided_by_id, amendment.decided_at = (
        AmendmentState.REJECTED,
        actor.id,
        utcnow(),
    )
    amendment.decision_reason, amendment.put_to_vote = reason.strip(), put_to_vote
    db.session.flush()
    audit.record(
        actor.user,
        "amendment.rejected",
        amendment,
        convention=actor.convention,
        put_to_vote=put_to_vote,
    )
    events.amendment_decided(amendment, actor.convention)


def _check_decision(amendment: Amendment, actor: Membership) -> None:
    """Refuse a decision by anyone but the recommendation's authors, or on a decided amendment."""
    if permits(actor, actor.convention.phase, Action.DECIDE_AMENDMENTS, amendment):
        return
    # The same question as the page's, then the reason in the member's words.
    if not writes(actor, amendment.recommendation):
        raise AmendmentError(_("Only the recommendation's authors decide on its amendments."))
    if amendment.state != AmendmentState.OPEN:
        raise AmendmentError(_("This amendment is already decided."))
    raise AmendmentError(_("This recommendation is not open for amendments."))
