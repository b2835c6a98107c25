"""Demo data for the report and the council: a published report, answers in every state."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app

from convention.council import services as council
from convention.extensions import db
from convention.models import (
    Ballot,
    BallotItem,
    Convention,
    ItemKind,
    Membership,
    Recommendation,
    RecommendationVersion,
)
from convention.models.base import utcnow
from convention.reports import services as reports
from convention.rules.council import Decision, ImplementationStatus
from convention.rules.policy import Role
from convention.rules.recommendations import RecommendationState

INTRODUCTION = (
    "Forty residents drawn by lot met over three weekends to answer the question the city put "
    "to them. This report hands their recommendations to the municipal council, as they wrote "
    "and voted them."
)
CONCLUSION = "The panel asks the council to answer each recommendation publicly, with a date."
# (decision, reasons, department, days to the deadline, implementation steps)
ANSWERS = [
    (Decision.ADOPTED, "", "Digital services", 180, [("completed", 100)]),
    (
        Decision.ADOPTED_WITH_CHANGES,
        "Adopted for the services the city runs itself; contractors follow at renewal.",
        "Purchasing",
        240,
        [("not_started", 0), ("in_progress", 40)],
    ),
    (
        Decision.REFERRED,
        "The legal department studies what the law allows before any commitment.",
        "Legal affairs",
        -30,
        [("in_progress", 20)],
    ),
    (Decision.REJECTED, "The cost exceeds this year's budget.", "Finance", None, []),
]


def seed_reports(convention: Convention) -> None:
    """Publish the report, then answer the adopted recommendations, one answer overdue."""
    # Notifications link to pages: outside a request (the CLI), URLs need one to be built.
    with current_app.test_request_context("/"):
        _seed(convention)


def _seed(convention: Convention) -> None:
    """Publish the report and record the council's answers."""
    facilitator, council_member = (
        _first(convention, role) for role in (Role.FACILITATOR, Role.COUNCIL)
    )
    _final_plenary(convention, facilitator)
    reports.save_draft(convention, facilitator, INTRODUCTION, CONCLUSION)
    reports.publish(convention, facilitator)
    adopted = db.session.scalars(
        sa.select(Recommendation)
        .where(
            Recommendation.convention_id == convention.id,
            Recommendation.state == RecommendationState.ADOPTED,
        )
        .order_by(Recommendation.number)
    ).all()
    today = date.today()
    for recommendation, (decision, reasons, department, days, steps) in zip(
        adopted, ANSWERS, strict=False
    ):
        response = council.answer(
            recommendation,
            council_member,
            debated_on=today - timedelta(days=60),
            votes=(38, 9, 4),
            decision=decision,
            reasons=reasons,
            department=department,
            deadline=today + timedelta(days=days) if days is not None else None,
        )
        for n, (status, percent) in enumerate(steps):
            council.add_update(
                response,
                council_member,
                status=ImplementationStatus(status),
                percent=percent,
                noted_on=today - timedelta(days=50 - 20 * n),
                note="Progress reported to the council's follow-up committee.",
            )


# Recommendations the panel adopted at its final plenary, so the council has several to answer.
FINAL = [
    (
        "Une charte municipale de l'IA, revue chaque année",
        "La ville adopte une charte de l'IA, publiée et revue chaque année avec des habitants.",
        (33, 4, 2),
    ),
    (
        "Un droit de recours humain contre toute décision automatisée",
        "Toute personne visée par une décision automatisée peut demander à un agent de la revoir.",
        (36, 2, 1),
    ),
    (
        "Un budget pour la formation des habitants au numérique",
        "La ville finance des ateliers gratuits dans chaque quartier.",
        (27, 9, 3),
    ),
]


def _final_plenary(convention: Convention, facilitator: Membership) -> None:
    """Add three recommendations adopted by a closed ballot, with frozen results."""
    topic_id, author_id, number = db.session.execute(
        sa.select(
            sa.func.min(Recommendation.topic_id),
            sa.func.min(Recommendation.created_by_id),
            sa.func.max(Recommendation.number),
        ).where(Recommendation.convention_id == convention.id)
    ).one()
    ballot = Ballot(
        convention_id=convention.id,
        created_by_id=facilitator.id,
        title="Vote final en plénière",
        opened_at=utcnow() - timedelta(days=70, hours=1),
        closed_at=utcnow() - timedelta(days=70),
        eligible=40,
    )
    db.session.add(ballot)
    for position, (title, body, (yes, no, abstain)) in enumerate(FINAL, start=1):
        number += 1
        recommendation = Recommendation(
            convention_id=convention.id,
            number=number,
            topic_id=topic_id,
            created_by_id=author_id,
            title=title,
            body=body,
            state=RecommendationState.ADOPTED,
            submitted_at=utcnow() - timedelta(days=90),
        )
        db.session.add(recommendation)
        db.session.flush()
        db.session.add(
            RecommendationVersion(
                recommendation_id=recommendation.id,
                number=1,
                author_id=author_id,
                title=title,
                body=body,
            )
        )
        db.session.add(
            BallotItem(
                ballot_id=ballot.id,
                convention_id=convention.id,
                position=position,
                kind=ItemKind.RECOMMENDATION,
                title=title,
                recommendation_id=recommendation.id,
                result=_result(yes, no, abstain),
            )
        )
    db.session.flush()


def _result(yes: int, no: int, abstain: int) -> dict:
    """A frozen result as the tally writes it: simple majority of the votes expressed."""
    expressed = yes + no
    return {
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "participants": yes + no + abstain,
        "eligible": 40,
        "expressed": expressed,
        "required": expressed // 2 + 1,
        "quorum_needed": 0,
        "quorum_met": True,
        "outcome": "adopted",
    }


def _first(convention: Convention, role: Role) -> Membership:
    """Return the convention's first active member with `role`."""
    member = db.session.scalar(
        sa.select(Membership)
        .where(
            Membership.convention_id == convention.id,
            Membership.role == role,
            Membership.active.is_(True),
        )
        .order_by(Membership.id)
        .limit(1)
    )
    assert member is not None, role
    return member
