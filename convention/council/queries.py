"""Selects for the council's answers, their eager loading decided here."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from convention.extensions import db
from convention.models import Convention, CouncilResponse, Recommendation, ResponseReply
from convention.rules.council import (
    Decision,
    ImplementationStatus,
    finished_late,
    finished_on,
    is_overdue,
)
from convention.rules.recommendations import RecommendationState


@dataclass(frozen=True)
class Row:
    """One line of the accountability page: a recommendation and the council's answer, if any."""

    recommendation: Recommendation
    response: CouncilResponse | None
    overdue: bool
    late: bool = False


@dataclass(frozen=True)
class Filters:
    """Allow-listed filters of the accountability page; unknown values are ignored."""

    decision: str = ""
    status: str = ""
    overdue: bool = False

    @classmethod
    def parse(cls, args: dict) -> "Filters":
        """Keep only the values the page knows; drop anything else."""
        decision = args.get("decision", "")
        status = args.get("status", "")
        return cls(
            decision=decision if decision in {*Decision, "pending"} else "",
            status=status if status in set(ImplementationStatus) else "",
            overdue=args.get("overdue") == "1",
        )


def detail(response_id: int, convention: Convention) -> sa.Select:
    """Select one answer of `convention` with its recommendation, updates and replies."""
    return (
        sa.select(CouncilResponse)
        .options(
            joinedload(CouncilResponse.recommendation),
            selectinload(CouncilResponse.updates),
            selectinload(CouncilResponse.history),
            selectinload(CouncilResponse.replies).joinedload(ResponseReply.member),
        )
        .where(CouncilResponse.id == response_id, CouncilResponse.convention_id == convention.id)
    )


def for_recommendation(recommendation: Recommendation) -> sa.Select:
    """Select the answer to a recommendation, if any."""
    return sa.select(CouncilResponse).where(CouncilResponse.recommendation_id == recommendation.id)


def response_overdue(response: CouncilResponse | None, today: date) -> bool:
    """Tell whether an answer is overdue, derived from its deadline and latest status."""
    if response is None:
        return False
    return is_overdue(response.decision, response.deadline, response.status, today)


def response_late(response: CouncilResponse | None) -> bool:
    """Tell whether an answer was ever late: finished past its deadline, or overdue if corrected."""
    if response is None:
        return False
    steps = [(u.noted_on, u.status) for u in response.updates]
    late = finished_late(response.decision, response.deadline, finished_on(steps))
    return late or any(v.overdue_when_replaced for v in response.history)


def rows(convention: Convention, today: date) -> list[Row]:
    """Every adopted recommendation with its answer, in reference order."""
    responses = {
        r.recommendation_id: r
        for r in db.session.scalars(
            sa.select(CouncilResponse)
            .options(selectinload(CouncilResponse.updates), selectinload(CouncilResponse.history))
            .where(CouncilResponse.convention_id == convention.id)
        )
    }
    recommendations = db.session.scalars(
        sa.select(Recommendation)
        .where(
            Recommendation.convention_id == convention.id,
            sa.or_(
                Recommendation.state == RecommendationState.ADOPTED,
                Recommendation.id.in_(list(responses)),
            ),
        )
        .order_by(Recommendation.number)
    )
    return [
        Row(
            rec,
            responses.get(rec.id),
            response_overdue(responses.get(rec.id), today),
            response_late(responses.get(rec.id)),
        )
        for rec in recommendations
    ]


def filtered(all_rows: list[Row], filters: Filters) -> list[Row]:
    """Apply the page's filters to its rows."""
    kept = all_rows
    if filters.decision == "pending":
        kept = [r for r in kept if r.response is None]
    elif filters.decision:
        kept = [r for r in kept if r.response and r.response.decision == filters.decision]
    if filters.status:
        kept = [r for r in kept if r.response and r.response.status == filters.status]
    if filters.overdue:
        kept = [r for r in kept if r.overdue]
    return kept
