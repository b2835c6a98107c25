"""Who is told of each event of the convention's life, and with which words; callers commit."""

import sqlalchemy as sa
from flask import url_for

from convention.extensions import db
from convention.models import (
    Amendment,
    Ballot,
    BallotElector,
    Convention,
    Flag,
    ImplementationUpdate,
    Membership,
    NotificationKind,
    Recommendation,
    ReportVersion,
)
from convention.models.recommendations import recommendation_authors, working_group_members
from convention.notifications.services import notify
from convention.rules.policy import Role


def members(convention: Convention, *roles: Role) -> list[int]:
    """The accounts of the convention's active members, of `roles` when given."""
    select = sa.select(Membership.user_id).where(
        Membership.convention_id == convention.id, Membership.active.is_(True)
    )
    if roles:
        select = select.where(Membership.role.in_(roles))
    return list(db.session.scalars(select))


def writers(recommendation: Recommendation) -> list[int]:
    """The accounts of a recommendation's named authors and of its working group."""
    named = sa.select(recommendation_authors.c.membership_id).where(
        recommendation_authors.c.recommendation_id == recommendation.id
    )
    group = sa.select(working_group_members.c.membership_id).where(
        working_group_members.c.group_id == recommendation.group_id
    )
    return list(
        db.session.scalars(
            sa.select(Membership.user_id).where(
                sa.or_(Membership.id.in_(named), Membership.id.in_(group)),
                Membership.active.is_(True),
            )
        )
    )


def ballot_opened(ballot: Ballot, convention: Convention) -> None:
    """Tell the ballot's electorate that their vote is awaited."""
    electors = db.session.scalars(
        sa.select(Membership.user_id)
        .join(BallotElector, BallotElector.membership_id == Membership.id)
        .where(BallotElector.ballot_id == ballot.id)
    )
    path = url_for("voting.show_ballot", slug=convention.slug, ballot_id=ballot.id)
    notify(electors, convention, NotificationKind.BALLOT, path, title=ballot.title)


def report_published(version: ReportVersion, convention: Convention) -> None:
    """Tell every member that a version of the report is out."""
    path = url_for("reports.show_report", slug=convention.slug, version=version.number)
    notify(members(convention), convention, NotificationKind.REPORT, path, number=version.number)


def amendment_proposed(amendment: Amendment, author: Membership) -> None:
    """Tell the recommendation's writers, but not the amendment's author, of a proposal."""
    recommendation = amendment.recommendation
    told = set(writers(recommendation)) - {author.user_id}
    path = url_for(
        "amendments.show_amendment", slug=author.convention.slug, amendment_id=amendment.id
    )
    kind = NotificationKind.AMENDMENT
    notify(told, author.convention, kind, path, title=recommendation.title)


def amendment_decided(amendment: Amendment, convention: Convention) -> None:
    """Tell an amendment's author whether it was accepted or rejected."""
    path = url_for("amendments.show_amendment", slug=convention.slug, amendment_id=amendment.id)
    notify(
        [amendment.author.user_id],
        convention,
        NotificationKind.AMENDMENT_DECIDED,
        path,
        title=amendment.recommendation.title,
        outcome=amendment.state.value,
    )


def update_posted(
    update: ImplementationUpdate, recommendation: Recommendation, author: Membership
) -> None:
    """Tell every member, but its author, that the council reported progress."""
    convention = author.convention
    path = url_for("council.show_response", slug=convention.slug, response_id=update.response_id)
    told = set(members(convention)) - {author.user_id}
    notify(told, convention, NotificationKind.UPDATE, path, title=recommendation.title)


def phase_changed(convention: Convention, actor_id: int) -> None:
    """Tell every member, but the one who moved it, that the convention changed phase."""
    told = set(members(convention)) - {actor_id}
    path = url_for("conventions.show_convention", slug=convention.slug)
    notify(told, convention, NotificationKind.PHASE, path, phase=convention.phase.value)


def comment_flagged(flag: Flag, convention: Convention, topic: str) -> None:
    """Tell the facilitators that a contribution awaits moderation."""
    told = members(convention, Role.FACILITATOR)
    path = url_for("comments.show_moderation", slug=convention.slug)
    notify(told, convention, NotificationKind.FLAG, path, topic=topic)
