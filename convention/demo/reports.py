"""The demo's report and council answers, through the reports and council services."""

from datetime import date, timedelta

import sqlalchemy as sa

from convention import clock
from convention.council import services as council
from convention.demo.story import allowed, first
from convention.extensions import db
from convention.models import (
    Convention,
    Membership,
    Recommendation,
)
from convention.reports import services as reports
from convention.rules.council import Decision, ImplementationStatus
from convention.rules.policy import Action, Role
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
        -3,
        [("in_progress", 20)],
    ),
    (Decision.REJECTED, "The cost exceeds this year's budget.", "Finance", None, []),
]


def seed_report(convention: Convention) -> None:
    """Write and publish the report, as the facilitators hand it to the council."""
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.PUBLISH_REPORT)
    reports.save_draft(convention, facilitator, INTRODUCTION, CONCLUSION)
    reports.publish(convention, facilitator)


def seed_council_answers(convention: Convention) -> None:
    """Answer the adopted recommendations: one overdue, one corrected, with progress updates."""
    council_member = allowed(first(convention, Role.COUNCIL), Action.ANSWER_RECOMMENDATIONS)
    adopted = db.session.scalars(
        sa.select(Recommendation)
        .where(
            Recommendation.convention_id == convention.id,
            Recommendation.state == RecommendationState.ADOPTED,
        )
        .order_by(Recommendation.number)
    ).all()
    today = clock.today(convention.time_zone)
    for recommendation, (decision, reasons, department, days, steps) in zip(
        adopted, ANSWERS, strict=False
    ):
        if decision == Decision.ADOPTED_WITH_CHANGES:
            _first_answer_later_corrected(recommendation, council_member, today)
        response = council.answer(
            recommendation,
            council_member,
            debated_on=today - timedelta(days=10),
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
                noted_on=today - timedelta(days=8 - 3 * n),
                note="Progress reported to the council's follow-up committee.",
            )


def _first_answer_later_corrected(
    recommendation: Recommendation, council_member: Membership, today: date
) -> None:
    """Record a first answer whose deadline passed: the correction keeps it on record."""
    council.answer(
        recommendation,
        council_member,
        debated_on=today - timedelta(days=12),
        votes=(30, 15, 6),
        decision=Decision.REFERRED,
        reasons="Referred to the purchasing committee.",
        department="Purchasing",
        deadline=today - timedelta(days=2),
    )
