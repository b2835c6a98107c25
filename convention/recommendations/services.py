"""Changes to recommendations: drafts, versions, states, supports, minority opinions."""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import gettext as _

from convention import audit
from convention.errors import ServiceError
from convention.extensions import db
from convention.models import (
    Briefing,
    Convention,
    Hearing,
    Membership,
    MinorityOpinion,
    Recommendation,
    RecommendationVersion,
    Support,
    Topic,
    WorkingGroup,
)
from convention.rules.permissions import writes
from convention.rules.recommendations import (
    RecommendationState,
    may_edit,
    may_move,
    may_support,
)

TEXT_FIELDS = ("title", "body", "rationale", "impact")


class RecommendationError(ServiceError):
    """Raised when a change to a recommendation is refused."""


def create_recommendation(
    convention: Convention,
    author: Membership,
    *,
    topic: Topic,
    group: WorkingGroup | None,
    evidence: tuple[list[Briefing], list[Hearing]] = ([], []),
    note: str = "",
    **text: str,
) -> Recommendation:
    """Start a draft with the next reference of the convention, and its first version."""
    last = db.session.scalar(
        sa.select(sa.func.max(Recommendation.number)).where(
            Recommendation.convention_id == convention.id
        )
    )
    recommendation = Recommendation(
        convention_id=convention.id,
        number=(last or 0) + 1,
        topic=topic,
        group=group,
        created_by=author,
        authors=[] if group else [author],
        **_only(text),
    )
    recommendation.briefings, recommendation.hearings = evidence
    db.session.add(recommendation)
    db.session.flush()
    add_version(recommendation, author, note)
    audit.record(
        author.user,
        "recommendation.created",
        recommendation,
        convention=convention,
        reference=recommendation.reference,
    )
    return recommendation


def save_version(
    recommendation: Recommendation,
    author: Membership,
    *,
    note: str,
    amendment_id: int | None = None,
    **text: str,
) -> RecommendationVersion | None:
    """Change the wording, making a new version; nothing is saved when nothing changed."""
    if not may_edit(recommendation.state):
        raise RecommendationError(_("This recommendation is frozen: its text cannot change."))
    changed = sorted(k for k, v in _only(text).items() if getattr(recommendation, k) != v)
    if not changed:
        return None
    for key in changed:
        setattr(recommendation, key, _only(text)[key])
    version = add_version(recommendation, author, note, amendment_id)
    audit.record(
        author.user,
        "recommendation.edited",
        recommendation,
        convention=author.convention,
        version=version.number,
        fields=changed,
    )
    return version


def add_version(
    recommendation: Recommendation, author: Membership, note: str, amendment_id: int | None = None
) -> RecommendationVersion:
    """Record the recommendation's current wording as its next version: the one numbering."""
    last = db.session.scalar(
        sa.select(sa.func.max(RecommendationVersion.number)).where(
            RecommendationVersion.recommendation_id == recommendation.id
        )
    )
    version = RecommendationVersion(
        recommendation_id=recommendation.id,
        number=(last or 0) + 1,
        author_id=author.id,
        note=note,
        amendment_id=amendment_id,
        **{k: getattr(recommendation, k) for k in TEXT_FIELDS},
    )
    db.session.add(version)
    db.session.flush()
    return version


def set_evidence(
    recommendation: Recommendation,
    actor: Membership,
    briefings: list[Briefing],
    hearings: list[Hearing],
) -> None:
    """Replace the briefings and hearings the recommendation cites."""
    before = ({b.id for b in recommendation.briefings}, {h.id for h in recommendation.hearings})
    after = ({b.id for b in briefings}, {h.id for h in hearings})
    if before == after:
        return
    recommendation.briefings, recommendation.hearings = briefings, hearings
    db.session.flush()
    audit.record(
        actor.user,
        "recommendation.evidence_changed",
        recommendation,
        convention=actor.convention,
        briefings=sorted(after[0]),
        hearings=sorted(after[1]),
    )


def move(recommendation: Recommendation, actor: Membership, target: RecommendationState) -> None:
    """Move a recommendation to `target` when the actor's role, the phase and its state allow."""
    allowed = may_move(
        recommendation.state,
        target,
        role=actor.role,
        phase=actor.convention.phase,
        is_author=writes(actor, recommendation),
    )
    if not allowed:
        raise RecommendationError(_("This change of state is not allowed now."))
    previous = recommendation.move_to(target)
    if target == RecommendationState.FINAL:
        recommendation.final_version_id = recommendation.versions[-1].id
    elif previous == RecommendationState.FINAL and target == RecommendationState.SUBMITTED:
        recommendation.final_version_id = None
    db.session.flush()
    audit.record(
        actor.user,
        "recommendation.state_changed",
        recommendation,
        convention=actor.convention,
        previous=previous.value,
        state=target.value,
    )


def bulk_move(
    recommendations: Iterable[Recommendation], actor: Membership, target: RecommendationState
) -> tuple[list[Recommendation], list[Recommendation]]:
    """Move each recommendation that may go to `target`; return those moved and those skipped."""
    moved, skipped = [], []
    for recommendation in recommendations:
        try:
            move(recommendation, actor, target)
        except (RecommendationError, ValueError):
            skipped.append(recommendation)
        else:
            moved.append(recommendation)
    return moved, skipped


def support(recommendation: Recommendation, member: Membership, show_pseudonym: bool) -> Support:
    """Co-sign a recommendation, once; the pseudonym is shown only if the member agrees."""
    if not may_support(recommendation.state):
        raise RecommendationError(_("This recommendation cannot be supported now."))
    found = db.session.scalar(
        sa.select(Support).where(
            Support.recommendation_id == recommendation.id, Support.membership_id == member.id
        )
    )
    if found is None:
        found = Support(
            convention_id=recommendation.convention_id,
            recommendation_id=recommendation.id,
            membership_id=member.id,
        )
        db.session.add(found)
    found.show_pseudonym = show_pseudonym
    db.session.flush()
    return found


def withdraw_support(recommendation: Recommendation, member: Membership) -> None:
    """Take one's support back while the recommendation may still be supported."""
    if not may_support(recommendation.state):
        raise RecommendationError(_("This recommendation cannot be supported now."))
    db.session.execute(
        sa.delete(Support).where(
            Support.recommendation_id == recommendation.id, Support.membership_id == member.id
        )
    )
    db.session.flush()


def write_opinion(recommendation: Recommendation, author: Membership, body: str) -> MinorityOpinion:
    """Attach a member's minority opinion to a recommendation the panel has seen."""
    if recommendation.submitted_at is None or recommendation.state == RecommendationState.WITHDRAWN:
        raise RecommendationError(_("A minority opinion needs a submitted recommendation."))
    opinion = MinorityOpinion(
        convention_id=recommendation.convention_id,
        recommendation_id=recommendation.id,
        author_id=author.id,
        body=body,
    )
    db.session.add(opinion)
    db.session.flush()
    audit.record(
        author.user,
        "minority_opinion.written",
        opinion,
        convention=author.convention,
        reference=recommendation.reference,
    )
    return opinion


def cosign(opinion: MinorityOpinion, member: Membership) -> None:
    """Add a member's name under a minority opinion, once."""
    if member.id == opinion.author_id or member in opinion.cosigners:
        raise RecommendationError(_("You have already signed this minority opinion."))
    opinion.cosigners.append(member)
    db.session.flush()


def _only(fields: dict[str, str]) -> dict[str, str]:
    """Keep the text fields a recommendation has, with browsers' line endings made plain."""
    return {
        k: (v or "").replace("\r\n", "\n").strip() for k, v in fields.items() if k in TEXT_FIELDS
    }
