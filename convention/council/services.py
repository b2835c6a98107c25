"""Changes to the council's answers: recording them, their follow-up, members' replies."""

from datetime import date
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import url_for

from convention import audit
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.models import (
    CouncilResponse,
    CouncilResponseVersion,
    ImplementationUpdate,
    Membership,
    NotificationKind,
    Recommendation,
    ResponseReply,
)
from convention.notifications import events
from convention.notifications.services import notify
from convention.rules.council import (
    Decision,
    ImplementationStatus,
    is_overdue,
    percent_is_valid,
    reasons_required as _reasons_required,
)
from convention.rules.recommendations import RecommendationState


class CouncilError(ServiceError):
    """Raised when an answer, an update or a reply is refused."""


def answerable(recommendation: Recommendation) -> bool:
    """Tell whether the council answers this recommendation: only those the panel adopted."""
    return recommendation.state == RecommendationState.ADOPTED


def answer(
    recommendation: Recommendation,
    member: Membership,
    *,
    debated_on: date,
    votes: tuple[int, int, int],
    decision: Decision,
    reasons: str,
    department: str = "",
    deadline: date | None = None,
) -> CouncilResponse:
    """Record or correct the council's answer to an adopted recommendation; tell its authors."""
    if not answerable(recommendation):
        raise CouncilError("only adopted recommendations are answered")
    if _reasons_required(decision) and not reasons.strip():
        raise CouncilError("reasons are required")
    response = db.session.scalar(
        sa.select(CouncilResponse).where(CouncilResponse.recommendation_id == recommendation.id)
    )
    first = response is None
    if response is None:
        response = CouncilResponse(
            convention_id=recommendation.convention_id, recommendation_id=recommendation.id
        )
    given = (debated_on, votes, decision, reasons.strip(), department.strip(), deadline)
    if not first and given == _answer_of(response):
        return response
    if not first:
        _keep_version(response, member)
    response.debated_on, response.decision = debated_on, decision
    response.votes_for, response.votes_against, response.votes_abstain = votes
    response.reasons, response.department = reasons.strip(), department.strip()
    response.deadline, response.answered_by_id = deadline, member.id
    # Added once complete: reading `member.id` may query, and autoflush a half-filled row.
    db.session.add(response)
    db.session.flush()
    audit.record(
        member.user,
        "council.answered" if first else "council.corrected",
        response,
        convention=member.convention,
        recommendation=recommendation.reference,
        decision=decision.value,
    )
    if first:
        _tell_authors(recommendation, response, member)
    return response


def _answer_of(response: CouncilResponse) -> tuple:
    """Return what an answer says, to tell a real correction from a form sent again."""
    votes = (response.votes_for, response.votes_against, response.votes_abstain)
    return (
        response.debated_on,
        votes,
        response.decision,
        response.reasons,
        response.department,
        response.deadline,
    )


def _keep_version(response: CouncilResponse, member: Membership) -> CouncilResponseVersion:
    """Keep the answer being corrected as a version, noting whether it was overdue then."""
    now = utcnow()
    today = now.astimezone(ZoneInfo(member.convention.time_zone)).date()
    version = CouncilResponseVersion(
        convention_id=response.convention_id,
        response_id=response.id,
        number=len(response.history) + 1,
        debated_on=response.debated_on,
        votes_for=response.votes_for,
        votes_against=response.votes_against,
        votes_abstain=response.votes_abstain,
        decision=response.decision,
        reasons=response.reasons,
        department=response.department,
        deadline=response.deadline,
        answered_by_id=response.answered_by_id,
        answered_at=response.answered_at,
        replaced_at=now,
        overdue_when_replaced=is_overdue(
            response.decision, response.deadline, response.status, today
        ),
    )
    db.session.add(version)
    response.history.append(version)
    response.answered_at = now
    return version


def _tell_authors(
    recommendation: Recommendation, response: CouncilResponse, member: Membership
) -> None:
    """Notify the recommendation's named authors and its working group."""
    notify(
        events.writers(recommendation),
        member.convention,
        NotificationKind.COUNCIL,
        url_for("council.show_response", slug=member.convention.slug, response_id=response.id),
        title=recommendation.title,
    )


def add_update(
    response: CouncilResponse,
    member: Membership,
    *,
    status: ImplementationStatus,
    percent: int,
    noted_on: date,
    note: str,
) -> ImplementationUpdate:
    """Add a dated step to an answer's implementation."""
    if not percent_is_valid(status, percent):
        raise CouncilError("percentage does not fit the status")
    update = ImplementationUpdate(
        convention_id=response.convention_id,
        response_id=response.id,
        status=status,
        percent=percent,
        noted_on=noted_on,
        note=note.strip(),
        author_id=member.id,
    )
    db.session.add(update)
    db.session.flush()
    audit.record(
        member.user,
        "council.progress",
        response,
        convention=member.convention,
        status=status.value,
        percent=percent,
    )
    events.update_posted(update, response.recommendation, member)
    return update


def has_replied(response: CouncilResponse, member: Membership | None) -> bool:
    """Tell whether a member already replied to this answer."""
    if member is None:
        return False
    return any(reply.membership_id == member.id for reply in response.replies)


def reply(response: CouncilResponse, member: Membership, body: str) -> ResponseReply:
    """Publish a member's one reply to the council's answer."""
    if has_replied(response, member):
        raise CouncilError("already replied")
    entry = ResponseReply(
        convention_id=response.convention_id,
        response_id=response.id,
        membership_id=member.id,
        body=body.strip(),
    )
    db.session.add(entry)
    db.session.flush()
    response.replies.append(entry)
    audit.record(member.user, "council.replied", response, convention=member.convention)
    return entry
