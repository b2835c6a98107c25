"""Who may do what to one object: per family, every role x phase x object state, one row each.

To change who may do something, change its predicate in `rules/permissions.py` (or its row in
`rules/policy.py`) and the matching row here.
"""

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from convention.rules.permissions import permits
from convention.rules.phases import LIFECYCLE, Phase
from convention.rules.policy import Action, Role
from convention.rules.recommendations import AmendmentState, RecommendationState

pytestmark = pytest.mark.pure

P = Phase
R = Role
S = RecommendationState
ALL = frozenset(LIFECYCLE)
OPEN = ALL - {P.CLOSED}
DRAFTING = frozenset({P.DELIBERATION, P.DRAFTING, P.AMENDMENTS})
BEFORE_VOTE = frozenset(LIFECYCLE[: LIFECYCLE.index(P.REPORT)]) - {P.CLOSED}
WRITERS = (R.CITIZEN, R.FACILITATOR)
SPEAKERS = (R.CITIZEN, R.FACILITATOR, R.EXPERT)
ME, OTHER, MY_GROUP = 1, 2, 10
SUBMITTED_AT = datetime(2026, 3, 1)


@dataclass
class Member:
    id: int
    role: Role
    group_ids: frozenset[int]


@dataclass
class Person:
    id: int


@dataclass
class Text:
    state: RecommendationState
    group_id: int | None = None
    authors: list[Person] = field(default_factory=list)
    submitted_at: datetime | None = SUBMITTED_AT


@dataclass
class Proposal:
    state: AmendmentState
    recommendation: Text


@dataclass
class Discussion:
    accepts_comments: bool


@dataclass
class Contribution:
    author_id: int
    target: Discussion | None
    removed: bool = False


@dataclass
class Opinion:
    author_id: int
    cosigners: list[Person] = field(default_factory=list)


@dataclass
class Briefing:
    author_id: int


@dataclass
class Ballot:
    is_open: bool


@dataclass
class Results:
    shown: bool


def mine(state: RecommendationState, submitted: bool = True) -> Text:
    """A recommendation written by the walker's working group."""
    return Text(state, group_id=MY_GROUP, submitted_at=SUBMITTED_AT if submitted else None)


def theirs(state: RecommendationState, submitted: bool = True) -> Text:
    """A recommendation written by someone else, alone."""
    return Text(state, authors=[Person(OTHER)], submitted_at=SUBMITTED_AT if submitted else None)


def may(*roles: Role, phases: frozenset[Phase] = OPEN) -> dict[Role, frozenset[Phase]]:
    """Who may: these roles, in these phases."""
    return {role: phases for role in roles}


NOBODY: dict[Role, frozenset[Phase]] = {}

# (family, action, object, who may), the object seen by a member with id ME in group MY_GROUP.
ROWS = [
    # Recommendations: drafts stay in their group; the panel reads what is submitted.
    ("read", Action.VIEW_RECOMMENDATIONS, mine(S.DRAFT, submitted=False), may(*R, phases=ALL)),
    ("read", Action.VIEW_RECOMMENDATIONS, theirs(S.DRAFT, False), may(R.FACILITATOR, phases=ALL)),
    ("read", Action.VIEW_RECOMMENDATIONS, theirs(S.SUBMITTED), may(*R, phases=ALL)),
    ("read", Action.VIEW_RECOMMENDATIONS, theirs(S.WITHDRAWN), may(*R, phases=ALL)),
    ("edit", Action.EDIT_RECOMMENDATION, mine(S.DRAFT, False), may(*WRITERS, phases=DRAFTING)),
    ("edit", Action.EDIT_RECOMMENDATION, mine(S.SUBMITTED), may(*WRITERS, phases=DRAFTING)),
    ("edit", Action.EDIT_RECOMMENDATION, mine(S.FINAL), NOBODY),
    ("edit", Action.EDIT_RECOMMENDATION, theirs(S.DRAFT, False), NOBODY),
    ("move", Action.MOVE_RECOMMENDATION, mine(S.DRAFT, False), may(*WRITERS, phases=BEFORE_VOTE)),
    (
        "move",
        Action.MOVE_RECOMMENDATION,
        theirs(S.DRAFT, False),
        may(R.FACILITATOR, phases=BEFORE_VOTE),
    ),
    ("move", Action.MOVE_RECOMMENDATION, mine(S.SUBMITTED), may(*WRITERS, phases=BEFORE_VOTE)),
    (
        "move",
        Action.MOVE_RECOMMENDATION,
        theirs(S.SUBMITTED),
        may(R.FACILITATOR, phases=BEFORE_VOTE),
    ),
    (
        "move",
        Action.MOVE_RECOMMENDATION,
        theirs(S.IN_VOTE),
        may(R.FACILITATOR, phases=frozenset({P.VOTING})),
    ),
    ("move", Action.MOVE_RECOMMENDATION, mine(S.ADOPTED), NOBODY),
    # Amendments: proposed on submitted texts in the amendment phase, decided by the text's writers.
    ("amend", Action.AMEND, theirs(S.SUBMITTED), may(*WRITERS, phases=frozenset({P.AMENDMENTS}))),
    ("amend", Action.AMEND, theirs(S.FINAL), NOBODY),
    ("amend", Action.AMEND, theirs(S.DRAFT, False), NOBODY),
    (
        "decide",
        Action.DECIDE_AMENDMENTS,
        Proposal(AmendmentState.OPEN, mine(S.SUBMITTED)),
        may(*WRITERS, phases=frozenset({P.AMENDMENTS})),
    ),
    (
        "decide",
        Action.DECIDE_AMENDMENTS,
        Proposal(AmendmentState.OPEN, theirs(S.SUBMITTED)),
        NOBODY,
    ),
    (
        "decide",
        Action.DECIDE_AMENDMENTS,
        Proposal(AmendmentState.ACCEPTED, mine(S.SUBMITTED)),
        NOBODY,
    ),
    ("decide", Action.DECIDE_AMENDMENTS, Proposal(AmendmentState.OPEN, mine(S.FINAL)), NOBODY),
    # Minority opinions: on a standing, submitted text; co-signed once, never by their author.
    ("opinion", Action.WRITE_OPINIONS, theirs(S.SUBMITTED), may(R.CITIZEN)),
    ("opinion", Action.WRITE_OPINIONS, theirs(S.WITHDRAWN), NOBODY),
    ("opinion", Action.WRITE_OPINIONS, mine(S.DRAFT, False), NOBODY),
    ("cosign", Action.COSIGN_OPINIONS, Opinion(OTHER), may(R.CITIZEN)),
    ("cosign", Action.COSIGN_OPINIONS, Opinion(ME), NOBODY),
    ("cosign", Action.COSIGN_OPINIONS, Opinion(OTHER, [Person(ME)]), NOBODY),
    # Comments: on open topics and texts under discussion; changed by their author while standing.
    ("comment", Action.COMMENT, Discussion(accepts_comments=True), may(*SPEAKERS)),
    ("comment", Action.COMMENT, Discussion(accepts_comments=False), NOBODY),
    ("change", Action.CHANGE_COMMENTS, Contribution(ME, Discussion(True)), may(*SPEAKERS)),
    ("change", Action.CHANGE_COMMENTS, Contribution(ME, Discussion(False)), NOBODY),
    ("change", Action.CHANGE_COMMENTS, Contribution(ME, Discussion(True), removed=True), NOBODY),
    ("change", Action.CHANGE_COMMENTS, Contribution(OTHER, Discussion(True)), NOBODY),
    # Briefings: withdrawn by their author, or by a facilitator.
    ("briefing", Action.WITHDRAW_BRIEFINGS, Briefing(ME), may(R.FACILITATOR, R.EXPERT)),
    ("briefing", Action.WITHDRAW_BRIEFINGS, Briefing(OTHER), may(R.FACILITATOR)),
    # Ballots: cast while open, whatever the phase; surveys: detail once results are shown.
    ("ballot", Action.VOTE, Ballot(is_open=True), may(R.CITIZEN)),
    ("ballot", Action.VOTE, Ballot(is_open=False), NOBODY),
    (
        "survey",
        Action.EVALUATE_SURVEYS,
        Results(shown=True),
        may(R.FACILITATOR, R.OBSERVER, phases=ALL),
    ),
    ("survey", Action.EVALUATE_SURVEYS, Results(shown=False), NOBODY),
]


@pytest.mark.parametrize("phase", LIFECYCLE)
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("family", "action", "obj", "allowed"), ROWS)
def test_permission_matrix(family, action, obj, allowed, role: Role, phase: Phase) -> None:
    """Each row holds for every role and phase: allowed exactly where the row says."""
    member = Member(ME, role, frozenset({MY_GROUP}))
    expected = phase in allowed.get(role, frozenset())
    assert permits(member, phase, action, obj) is expected


@pytest.mark.parametrize(("family", "action", "obj", "allowed"), ROWS)
def test_visitors_act_on_no_object(family, action, obj, allowed) -> None:
    assert not any(permits(None, phase, action, obj, public=True) for phase in LIFECYCLE)


def test_without_an_object_only_role_and_phase_count() -> None:
    """Menus ask without an object; the page that acts on one asks again with it."""
    citizen = Member(ME, R.CITIZEN, frozenset())
    assert permits(citizen, P.AMENDMENTS, Action.DECIDE_AMENDMENTS)
    assert not permits(
        citizen,
        P.AMENDMENTS,
        Action.DECIDE_AMENDMENTS,
        Proposal(AmendmentState.OPEN, theirs(S.SUBMITTED)),
    )
