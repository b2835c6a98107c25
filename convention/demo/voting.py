"""The demo's ballots, run through the voting services: two closed votes, a ranking, two open.

Votes are cast one member at a time with `cast_vote`, ballots are opened and closed with the
facilitator's services, so every figure shown comes from the tally, never from a typed number.
No paper or proxy vote is seeded: those channels are being reworked (issue 10, electorate).
"""

import random
from datetime import timedelta

import sqlalchemy as sa

from convention.clock import utcnow
from convention.demo.clock import backdate
from convention.demo.story import allowed, first, members
from convention.extensions import db
from convention.models import Ballot, Convention, Membership, Recommendation
from convention.rules.policy import Action, Role
from convention.rules.tally import Choice, Grade, Method
from convention.voting import services

# The final plenary (four weeks ago) and the vote at session 3 (two weeks ago): for, against,
# abstaining per recommendation number; the tally decides what is adopted.
PLENARY = {8: (33, 4, 2), 9: (36, 2, 1), 10: (27, 9, 3)}
SESSION_3 = {1: (26, 7, 3), 5: (9, 23, 4)}


def seed_voting(convention: Convention) -> None:
    """Run the demo's ballots in order, the past ones placed at their days."""
    rng = random.Random(2026)  # noqa: S311
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MANAGE_BALLOTS)
    # The first citizen is the demo login: it is left to vote in the open ballots.
    citizens = members(convention, Role.CITIZEN)
    numbered = {
        r.number: r
        for r in db.session.scalars(
            sa.select(Recommendation).where(Recommendation.convention_id == convention.id)
        )
    }
    today = utcnow()
    plenary = _ballot(facilitator, "Vote final en plénière", [numbered[n] for n in PLENARY])
    _vote_counts(plenary, citizens[1:], PLENARY, rng)
    _close(plenary, facilitator, today - timedelta(days=28))
    session = _ballot(
        facilitator,
        "Vote final, séance 3",
        [numbered[n] for n in SESSION_3],
        quorum_percent=50,
    )
    _vote_counts(session, citizens[1:], SESSION_3, rng)
    _close(session, facilitator, today - timedelta(days=14))
    _priorities(facilitator, citizens[1:31], [numbered[n] for n in (1, 8, 9, 10, 3)], rng)
    _open_votes(facilitator, citizens, numbered[2], rng)


def _ballot(facilitator: Membership, title: str, items: list, **settings) -> Ballot:
    """Create a ballot with recommendations or questions as items, and open it."""
    ballot = services.create_ballot(facilitator.convention, facilitator, title=title, **settings)
    for subject in items:
        if isinstance(subject, Recommendation):
            services.add_item(ballot, facilitator, recommendation=subject)
        else:
            services.add_item(ballot, facilitator, title=subject, question=subject)
    services.open_ballot(ballot, facilitator)
    return ballot


def _close(ballot: Ballot, facilitator: Membership, when) -> None:
    """Close and tally a ballot through the services, then place it at its day."""
    services.close_ballot(ballot, facilitator)
    backdate(ballot, when - timedelta(hours=2), when)


def _vote_counts(ballot: Ballot, voters: list[Membership], counts: dict, rng) -> None:
    """Have members vote so that each item gets exactly the counts given, in a shuffled order."""
    columns: dict[int, list[Choice | Grade]] = {}
    for item in ballot.items:
        assert item.recommendation is not None
        yes, no, abstain = counts[item.recommendation.number]
        answers: list[Choice | Grade] = []
        for choice, times in ((Choice.FOR, yes), (Choice.AGAINST, no), (Choice.ABSTAIN, abstain)):
            answers += [choice] * times
        rng.shuffle(answers)
        columns[item.id] = answers
    voting = len(next(iter(columns.values())))
    for index, member in enumerate(voters[:voting]):
        services.cast_vote(
            ballot, member, {item: column[index] for item, column in columns.items()}
        )


def _priorities(facilitator, voters, options, rng) -> None:
    """Rank adopted and final recommendations by majority judgment, a day after session 3."""
    ballot = _ballot(facilitator, "Quelles priorités ?", options, method=Method.JUDGMENT)
    for member in voters:
        grades: dict[int, Choice | Grade] = {
            item.id: Grade(min(6, max(0, rng.randint(1, 6) - index // 2)))
            for index, item in enumerate(ballot.items)
        }
        services.cast_vote(ballot, member, grades)
    _close(ballot, facilitator, utcnow() - timedelta(days=13))


def _open_votes(facilitator, citizens, in_vote: Recommendation, rng) -> None:
    """Leave a secret ballot on R-2 and a roll-call procedural question open, part voted."""
    secret = _ballot(facilitator, "Vote sur R-2", [in_vote], quorum_percent=50)
    for member in citizens[1:13]:
        choice = rng.choices(list(Choice), weights=[60, 30, 10])[0]
        services.cast_vote(secret, member, {secret.items[0].id: choice})
    question = "Ajouter une séance supplémentaire en juin ?"
    roll_call = _ballot(facilitator, "Question de procédure", [question], secret=False)
    for member in citizens[1:20]:
        choice = rng.choices(list(Choice), weights=[60, 30, 10])[0]
        services.cast_vote(roll_call, member, {roll_call.items[0].id: choice})
    backdate(secret, utcnow() - timedelta(minutes=30))
    backdate(roll_call, utcnow() - timedelta(minutes=20))
