"""Who may do what to one object: predicates on the object, combined with the role x phase table.

`permits` is the one question views, services and templates ask (through `access.can`). The
policy table says whether a role may take an action in a phase at all; the predicate registered
for the action in `OBJECT_RULES` then says whether this member may take it on this object.
"""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

from convention.rules.comments import may_change
from convention.rules.phases import Phase
from convention.rules.policy import Action, Role, allows
from convention.rules.recommendations import (
    AmendmentState,
    RecommendationState,
    may_amend,
    may_edit,
    may_move,
    next_states,
)


class Identified(Protocol):
    """Anything with an id: a member named as an author or a co-signer."""

    @property
    def id(self) -> int: ...


class Member(Identified, Protocol):
    """A member of the convention, as the predicates see them."""

    @property
    def role(self) -> Role: ...

    @property
    def group_ids(self) -> frozenset[int]: ...


class Text(Protocol):
    """A recommendation: written by its working group or its named authors."""

    @property
    def group_id(self) -> int | None: ...

    @property
    def authors(self) -> Sequence[Identified]: ...

    @property
    def state(self) -> RecommendationState: ...

    @property
    def submitted_at(self) -> datetime | None: ...


class Proposal(Protocol):
    """An amendment to a recommendation."""

    @property
    def state(self) -> AmendmentState: ...

    @property
    def recommendation(self) -> Text: ...


class Authored(Protocol):
    """A briefing, a comment or a minority opinion: one author."""

    @property
    def author_id(self) -> int: ...


class Discussion(Protocol):
    """A topic, recommendation or amendment: it takes contributions or not."""

    @property
    def accepts_comments(self) -> bool: ...


class Contribution(Authored, Protocol):
    """A comment on a discussion."""

    @property
    def removed(self) -> bool: ...

    @property
    def target(self) -> Discussion | None: ...


class Opinion(Authored, Protocol):
    """A minority opinion and who signed it."""

    @property
    def cosigners(self) -> Sequence[Identified]: ...


class Ballot(Protocol):
    """A ballot, whose own state guards casting."""

    @property
    def is_open(self) -> bool: ...


class Shown(Protocol):
    """Survey results, shown once the survey closes with enough respondents."""

    @property
    def shown(self) -> bool: ...


# Predicates: pure answers about one member and one object.


def writes(member: Member | None, text: Text) -> bool:
    """Tell whether a member writes a recommendation: in its working group, or a named author."""
    if member is None:
        return False
    if text.group_id is not None and text.group_id in member.group_ids:
        return True
    return any(author.id == member.id for author in text.authors)


def reads(member: Member | None, text: Text) -> bool:
    """Tell whether a member reads a recommendation: once submitted all; a draft its writers."""
    if text.submitted_at is not None:
        return True
    if member is not None and member.role == Role.FACILITATOR:
        return True
    return writes(member, text)


def edits(member: Member | None, text: Text, phase: Phase) -> bool:
    """Tell whether a member changes a recommendation's wording: its writers, before it freezes."""
    return writes(member, text) and may_edit(text.state)


def moves(member: Member | None, text: Text, phase: Phase) -> bool:
    """Tell whether a member may move a recommendation to some next state now."""
    if member is None or not reads(member, text):
        return False
    author = writes(member, text)
    return any(
        may_move(text.state, target, role=member.role, phase=phase, is_author=author)
        for target in next_states(text.state)
    )


def amends(member: Member | None, text: Text, phase: Phase) -> bool:
    """Tell whether a recommendation takes amendments: submitted, in the amendment phase."""
    return reads(member, text) and may_amend(text.state, phase)


def decides(member: Member | None, amendment: Proposal, phase: Phase) -> bool:
    """Tell whether a member decides an amendment: the text's writers, while it is undecided."""
    text = amendment.recommendation
    return (
        writes(member, text)
        and amendment.state == AmendmentState.OPEN
        and may_amend(text.state, phase)
    )


def opines(member: Member | None, text: Text, phase: Phase) -> bool:
    """Tell whether a minority opinion may be written: a submitted, standing recommendation."""
    return text.submitted_at is not None and text.state != RecommendationState.WITHDRAWN


def cosigns(member: Member | None, opinion: Opinion, phase: Phase) -> bool:
    """Tell whether a member may co-sign an opinion: not its author, not signed yet."""
    if member is None or opinion.author_id == member.id:
        return False
    return all(signer.id != member.id for signer in opinion.cosigners)


def withdraws(member: Member | None, briefing: Authored, phase: Phase) -> bool:
    """Tell whether a member withdraws a briefing: its author or a facilitator."""
    if member is None:
        return False
    return member.role == Role.FACILITATOR or briefing.author_id == member.id


def contributes(member: Member | None, target: Discussion, phase: Phase) -> bool:
    """Tell whether a topic or text takes contributions now."""
    return target.accepts_comments


def changes(member: Member | None, comment: Contribution, phase: Phase) -> bool:
    """Tell whether a member edits or deletes a comment: its author, while it can still change."""
    target = comment.target
    return may_change(
        author_id=comment.author_id,
        member_id=member.id if member else None,
        removed=comment.removed,
        topic_open=target is None or target.accepts_comments,
    )


def casts(member: Member | None, ballot: Ballot, phase: Phase) -> bool:
    """Tell whether a ballot takes votes: open now."""
    return ballot.is_open


def evaluates(member: Member | None, results: Shown, phase: Phase) -> bool:
    """Tell whether survey results may be read in detail: shown, with enough respondents."""
    return results.shown


Predicate = Callable[[Member | None, Any, Phase], bool]

# One predicate per action that concerns one object; actions not listed depend on role and phase.
OBJECT_RULES: dict[Action, Predicate] = {
    Action.VIEW_RECOMMENDATIONS: lambda member, text, phase: reads(member, text),
    Action.EDIT_RECOMMENDATION: edits,
    Action.MOVE_RECOMMENDATION: moves,
    Action.AMEND: amends,
    Action.DECIDE_AMENDMENTS: decides,
    Action.WRITE_OPINIONS: opines,
    Action.COSIGN_OPINIONS: cosigns,
    Action.WITHDRAW_BRIEFINGS: withdraws,
    Action.COMMENT: contributes,
    Action.CHANGE_COMMENTS: changes,
    Action.VOTE: casts,
    Action.EVALUATE_SURVEYS: evaluates,
}


def permits(
    member: Member | None,
    phase: Phase,
    action: Action,
    obj: object | None = None,
    *,
    public: bool = False,
) -> bool:
    """Tell whether `member` (None for a visitor) may take `action`, on `obj` when given."""
    if not allows(member.role if member else None, phase, action, public=public):
        return False
    rule = OBJECT_RULES.get(action)
    return obj is None or rule is None or rule(member, obj, phase)
