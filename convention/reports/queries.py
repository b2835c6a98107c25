"""Read what the report is assembled from, as plain records, in a fixed number of queries."""

from collections import Counter
from typing import cast

import sqlalchemy as sa
from sqlalchemy.orm import defer, selectinload

from convention.extensions import db
from convention.meetings.queries import session_record
from convention.models import (
    Convention,
    CouncilResponse,
    Hearing,
    Membership,
    MinorityOpinion,
    Recommendation,
    ReportDraft,
    ReportFile,
    ReportVersion,
    SelectionRun,
    Support,
    Topic,
)
from convention.models.recommendations import minority_signatures
from convention.reports.results import rankings_for, results_for
from convention.rules.policy import Role
from convention.rules.recommendations import RecommendationState
from convention.rules.report import (
    HearingRecord,
    RecommendationRecord,
    ReportInput,
    ResponseRecord,
)
from convention.selection.services import quota_fill
from convention.surveys.results import survey_records

_VOTED = (RecommendationState.ADOPTED, RecommendationState.REJECTED)


def latest_number(convention: Convention) -> sa.Select:
    """The number of the convention's latest published version (None before any)."""
    return sa.select(sa.func.max(ReportVersion.number)).where(
        ReportVersion.convention_id == convention.id
    )


def stored_file(version: ReportVersion, name: str) -> sa.Select:
    """One stored file of a published version, by name."""
    return sa.select(ReportFile).where(ReportFile.report_id == version.id, ReportFile.name == name)


def versions(convention: Convention) -> sa.Select:
    """Select the report's published versions, newest first."""
    return (
        sa.select(ReportVersion)
        .options(selectinload(ReportVersion.files).options(defer(ReportFile.data)))
        .where(ReportVersion.convention_id == convention.id)
        .order_by(ReportVersion.number.desc())
    )


def draft(convention: Convention) -> ReportDraft:
    """Return the convention's report draft (a blank one if none was saved)."""
    found = db.session.get(ReportDraft, convention.id)
    return found or ReportDraft(convention_id=convention.id, introduction="", conclusion="")


def report_input(convention: Convention) -> ReportInput:
    """Read every record the report is assembled from."""
    saved = draft(convention)
    return ReportInput(
        title=convention.title,
        slug=convention.slug,
        mandate=convention.mandate,
        introduction=saved.introduction,
        conclusion=saved.conclusion,
        **_panel(convention),
        sessions=session_record(convention)[0],
        hearings=_hearings(convention),
        recommendations=_recommendations(convention),
        results=results_for(convention),
        responses=_responses(convention),
        rankings=rankings_for(convention),
        surveys=survey_records(convention),
    )


def _panel(convention: Convention) -> dict:
    """Describe the published draw and the panel's composition, in aggregate only."""
    members = db.session.scalar(
        sa.select(sa.func.count(Membership.id)).where(
            Membership.convention_id == convention.id,
            Membership.role == Role.CITIZEN,
            Membership.active.is_(True),
        )
    )
    run = db.session.scalar(
        sa.select(SelectionRun).where(
            SelectionRun.convention_id == convention.id, SelectionRun.published_at.is_not(None)
        )
    )
    if run is None:
        return {"members": members or 0}
    selection = {
        "method": run.method,
        "panel_size": run.panel_size,
        "list_hash": run.list_hash or "",
        "seed": run.seed or "",
        "drawn_index": run.drawn_index,
    }
    composition = tuple(
        (f.feature, f.value, f.in_panel) for f in quota_fill(run) if f.in_panel is not None
    )
    return {"members": members or 0, "selection": selection, "composition": composition}


def _hearings(convention: Convention) -> tuple[HearingRecord, ...]:
    """List the expert hearings with their topic."""
    rows = db.session.execute(
        sa.select(Hearing, Topic.title)
        .join(Topic, Topic.id == Hearing.topic_id)
        .where(Hearing.convention_id == convention.id)
        .order_by(Hearing.held_at, Hearing.id)
    ).all()
    return tuple(
        HearingRecord(
            h.expert_name, h.affiliation, topic, h.held_at.date().isoformat() if h.held_at else ""
        )
        for h, topic in rows
    )


def _recommendations(convention: Convention) -> tuple[RecommendationRecord, ...]:
    """List the recommendations the panel voted on, with evidence, opinions and supports."""
    recommendations = db.session.scalars(
        sa.select(Recommendation)
        .options(
            selectinload(Recommendation.topic),
            selectinload(Recommendation.group),
            selectinload(Recommendation.briefings),
            selectinload(Recommendation.hearings),
        )
        .where(Recommendation.convention_id == convention.id, Recommendation.state.in_(_VOTED))
        .order_by(Recommendation.number)
    ).all()
    opinions = _opinions(convention)
    supports = Counter(
        db.session.scalars(
            sa.select(Support.recommendation_id).where(Support.convention_id == convention.id)
        )
    )
    return tuple(
        RecommendationRecord(
            id=r.id,
            reference=r.reference,
            title=r.title,
            body=r.body,
            rationale=r.rationale,
            impact=r.impact,
            state=str(r.state),
            topic=r.topic.title,
            group=r.group.name if r.group else "",
            evidence=tuple(b.title for b in r.briefings) + tuple(h.expert_name for h in r.hearings),
            minority_opinions=tuple(opinions.get(r.id, ())),
            supports=supports[r.id],
        )
        for r in recommendations
    )


def _opinions(convention: Convention) -> dict[int, list[tuple[str, int]]]:
    """Map each recommendation to its minority opinions' texts and co-signer counts."""
    cosigners = (
        sa.select(sa.func.count())
        .where(minority_signatures.c.opinion_id == MinorityOpinion.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        sa.select(MinorityOpinion.recommendation_id, MinorityOpinion.body, cosigners)
        .where(MinorityOpinion.convention_id == convention.id)
        .order_by(MinorityOpinion.id)
    ).all()
    found: dict[int, list[tuple[str, int]]] = {}
    for row in rows:
        recommendation_id, body, count = cast(tuple[int, str, int], tuple(row))
        found.setdefault(recommendation_id, []).append((body, count))
    return found


def _responses(convention: Convention) -> dict[int, ResponseRecord]:
    """Map each recommendation to the council's answer as it stands."""
    responses = db.session.scalars(
        sa.select(CouncilResponse).where(CouncilResponse.convention_id == convention.id)
    )
    return {
        r.recommendation_id: ResponseRecord(
            decision=str(r.decision),
            reasons=r.reasons,
            debated_on=r.debated_on.isoformat(),
            votes_for=r.votes_for,
            votes_against=r.votes_against,
            votes_abstain=r.votes_abstain,
            department=r.department,
            deadline=r.deadline.isoformat() if r.deadline else "",
        )
        for r in responses
    }
