"""Settling a ballot: freezing it at opening, and counting it once when it has closed."""

from typing import Any

import sqlalchemy as sa

from convention import audit
from convention.clock import utcnow
from convention.extensions import db
from convention.models import Amendment, Ballot, BallotItem, BallotState, Membership
from convention.notifications import events
from convention.recommendations.services import add_version
from convention.rules.recommendations import RecommendationState, apply_amendment
from convention.rules.tally import Count, Grade, Method, Outcome, decide, rank
from convention.voting import box, electorate, queries

# The settings a ballot freezes at opening, recorded in the audit log then.
SETTINGS = (
    "title",
    "description",
    "method",
    "majority",
    "threshold_num",
    "threshold_den",
    "abstentions_expressed",
    "quorum_percent",
    "secret",
    "opens_at",
    "closes_at",
)


def needs_refresh(ballot: Ballot, state: BallotState) -> bool:
    """Tell whether the ballot's times call for a freeze not yet made: readers then write once."""
    opened_unfrozen = state != BallotState.SCHEDULED and ballot.frozen_at is None
    return opened_unfrozen or (state == BallotState.CLOSED and ballot.tallied_at is None)


def refresh(ballot: Ballot, actor: Membership | None = None) -> BallotState:
    """Freeze what the ballot's times call for (opening, settling), once; return its state."""
    state = ballot.state
    if state != BallotState.SCHEDULED and ballot.frozen_at is None and _claim(ballot, "frozen_at"):
        _freeze(ballot, actor)
    if state == BallotState.CLOSED and ballot.tallied_at is None:
        settle(ballot, actor)
    return state


def settle(ballot: Ballot, actor: Membership | None = None) -> bool:
    """Under the ballot's lock, tally a closed ballot and shuffle its secret box, once."""
    if not box.claim_settling(ballot):
        return False
    _tally(ballot, actor)
    box.shuffle(ballot)
    return True


def _claim(ballot: Ballot, column: str) -> bool:
    """Set a freeze time only if nobody has: concurrent first reads freeze once."""
    db.session.flush()
    now = utcnow()
    claimed = db.session.execute(  # type: ignore[attr-defined]
        sa.update(Ballot)
        .where(Ballot.id == ballot.id, getattr(Ballot, column).is_(None))
        .values({column: now})
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(ballot)
    return bool(claimed)


def _freeze(ballot: Ballot, actor: Membership | None) -> None:
    """List the electorate, put the recommendations in vote, record the versions voted."""
    ballot.eligible = electorate.fill(ballot)
    if ballot.opened_at is None:
        ballot.opened_at = ballot.opens_at
    for item in ballot.items:
        recommendation = item.recommendation
        if recommendation is None:
            continue
        item.version_id = recommendation.final_version_id or recommendation.versions[-1].id
        if ballot.method == Method.APPROVAL and recommendation.state == RecommendationState.FINAL:
            recommendation.move_to(RecommendationState.IN_VOTE)
    db.session.flush()
    audit.record(
        actor.user if actor else None,
        "ballot.opened",
        ballot,
        convention=ballot.created_by.convention,
        eligible=ballot.eligible,
        settings={
            k: str(getattr(ballot, k)) for k in SETTINGS if k not in ("title", "description")
        },
    )
    events.ballot_opened(ballot, ballot.created_by.convention)


def _tally(ballot: Ballot, actor: Membership | None) -> None:
    """Count every item once, write the frozen results and move what the vote decided."""
    eligible = ballot.eligible or 0
    if ballot.method == Method.JUDGMENT:
        _tally_judgment(ballot, eligible)
    else:
        for item in ballot.items:
            item.result = _approval_result(ballot, item, eligible)
            _apply(item, Outcome(item.result["outcome"]), ballot)
    db.session.flush()
    audit.record(
        actor.user if actor else None,
        "ballot.closed",
        ballot,
        convention=ballot.created_by.convention,
        outcomes={item.id: item.result.get("outcome") for item in ballot.items if item.result},
    )


def _approval_result(ballot: Ballot, item: BallotItem, eligible: int) -> dict[str, Any]:
    """Count one for/against/abstain item from the box and apply the rule.

    Paper and proxy ballots are in the box like online ones: only participation is counted per
    channel, never choices, which would name a lone paper or proxy voter's choice.
    """
    rows = db.session.execute(queries.choice_counts(item)).all()
    counted = Count(**{str(row[0]): int(row[1]) for row in rows})
    decision = decide(counted, eligible, ballot.rule)
    channels = dict(db.session.execute(queries.channel_counts(item)).all())
    return {
        "yes": decision.count.yes,
        "no": decision.count.no,
        "abstain": decision.count.abstain,
        "channels": {str(k): v for k, v in channels.items()},
        "participants": decision.count.participants,
        "eligible": eligible,
        "expressed": decision.expressed,
        "required": decision.required,
        "quorum_needed": decision.quorum_needed,
        "quorum_met": decision.quorum_met,
        "outcome": decision.outcome.value,
    }


def _tally_judgment(ballot: Ballot, eligible: int) -> None:
    """Rank the options by majority judgment; no recommendation changes state."""
    grades: dict[int, list[Grade]] = {item.id: [] for item in ballot.items}
    for row in db.session.execute(queries.grades(ballot)).all():
        grades[int(row[0])].append(Grade(row[1]))
    voters = max((len(g) for g in grades.values()), default=0)
    ranked = {r.key: r for r in rank(dict(grades.items()), voters)}
    for item in ballot.items:
        place = ranked[item.id]
        item.result = {
            "rank": place.rank,
            "median": None if place.median is None else int(place.median),
            "grades": [place.grades[g] for g in Grade],
            "participants": voters,
            "eligible": eligible,
        }


def _apply(item: BallotItem, outcome: Outcome, ballot: Ballot) -> None:
    """Adopt or reject the recommendation voted on; an adopted amendment makes a new version."""
    recommendation = item.recommendation
    if recommendation is not None and recommendation.state == RecommendationState.IN_VOTE:
        adopted = outcome == Outcome.ADOPTED
        recommendation.move_to(
            RecommendationState.ADOPTED if adopted else RecommendationState.REJECTED
        )
    if item.amendment is not None and outcome == Outcome.ADOPTED:
        _adopt_amendment(item.amendment, ballot)


def _adopt_amendment(amendment: Amendment, ballot: Ballot) -> None:
    """Write the amended wording as the recommendation's next version, crediting the vote."""
    recommendation = amendment.recommendation
    recommendation.body = apply_amendment(
        recommendation.body, amendment.paragraph, amendment.new_text
    )
    version = add_version(recommendation, amendment.author, "", amendment.id)
    if recommendation.state == RecommendationState.FINAL:
        recommendation.final_version_id = version.id
    audit.record(
        None,
        "amendment.adopted_by_vote",
        amendment,
        convention=ballot.created_by.convention,
        ballot=ballot.id,
        version=version.number,
    )
