"""Recommendations as pure rules: states, who may move them where, references, paragraphs."""

from dataclasses import dataclass
from enum import StrEnum

from convention.rules.phases import LIFECYCLE, Phase
from convention.rules.policy import Role


class RecommendationState(StrEnum):
    """Where a recommendation stands, from first draft to the panel's vote."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    FINAL = "final"
    IN_VOTE = "in_vote"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# Voted recommendations are public record: the results pages and the report already show them.
PUBLIC_RECORD = frozenset({RecommendationState.ADOPTED, RecommendationState.REJECTED})


class AmendmentState(StrEnum):
    """Where an amendment stands: open until its recommendation's authors decide."""

    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


S = RecommendationState
_WORKING = frozenset({Phase.DELIBERATION, Phase.DRAFTING, Phase.AMENDMENTS})
_BEFORE_VOTE = frozenset(LIFECYCLE[: LIFECYCLE.index(Phase.REPORT)])
_VOTING = frozenset({Phase.VOTING})


@dataclass(frozen=True)
class Move:
    """A permitted state change: who may make it, in which phases."""

    roles: frozenset[Role]
    phases: frozenset[Phase]
    # Citizens must be among the recommendation's authors (its group or named authors).
    authors_only: bool = True


_AUTHORS = frozenset({Role.CITIZEN, Role.FACILITATOR})
_FACILITATORS = frozenset({Role.FACILITATOR})

TRANSITIONS: dict[tuple[S, S], Move] = {
    (S.DRAFT, S.SUBMITTED): Move(_AUTHORS, _WORKING),
    # Freezing the wording ends the amendments; reopening is possible until the vote.
    (S.SUBMITTED, S.FINAL): Move(_FACILITATORS, frozenset({Phase.AMENDMENTS, Phase.VOTING})),
    (S.FINAL, S.SUBMITTED): Move(_FACILITATORS, frozenset({Phase.AMENDMENTS})),
    (S.FINAL, S.IN_VOTE): Move(_FACILITATORS, _VOTING),
    (S.IN_VOTE, S.ADOPTED): Move(_FACILITATORS, _VOTING),
    (S.IN_VOTE, S.REJECTED): Move(_FACILITATORS, _VOTING),
    (S.DRAFT, S.WITHDRAWN): Move(_AUTHORS, _BEFORE_VOTE),
    (S.SUBMITTED, S.WITHDRAWN): Move(_AUTHORS, _BEFORE_VOTE),
    (S.FINAL, S.WITHDRAWN): Move(_FACILITATORS, _BEFORE_VOTE),
}


def may_move(
    current: S, target: S, *, role: Role | None, phase: Phase, is_author: bool = False
) -> bool:
    """Tell whether a member with `role` may move a recommendation from `current` to `target`."""
    move = TRANSITIONS.get((current, target))
    if move is None or role not in move.roles or phase not in move.phases:
        return False
    return role == Role.FACILITATOR or not move.authors_only or is_author


def next_states(current: S) -> list[S]:
    """Return the states a recommendation in `current` may go to, by anyone."""
    return [target for (source, target) in TRANSITIONS if source == current]


def may_edit(state: S) -> bool:
    """Tell whether the text may still change: a draft, or a submitted one being amended."""
    return state in (S.DRAFT, S.SUBMITTED)


def may_amend(state: S, phase: Phase) -> bool:
    """Tell whether amendments are accepted: submitted, during the amendment phase."""
    return state == S.SUBMITTED and phase == Phase.AMENDMENTS


def may_comment(state: S) -> bool:
    """Tell whether the panel discusses the recommendation: once submitted, until decided."""
    return state in (S.SUBMITTED, S.FINAL, S.IN_VOTE)


def may_support(state: S) -> bool:
    """Tell whether citizens may co-sign: once the panel sees it, before the vote."""
    return state in (S.SUBMITTED, S.FINAL)


def reference(number: int) -> str:
    """Return a recommendation's stable reference in its convention."""
    return f"R-{number}"


def paragraphs(text: str) -> list[str]:
    """Split Markdown text into its paragraphs, separated by blank lines."""
    blocks = [block.strip("\n") for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block.strip()]


def apply_amendment(text: str, paragraph: int | None, new_text: str) -> str:
    """Return `text` with one paragraph (or the whole text, for None) replaced by `new_text`."""
    if paragraph is None:
        return new_text.strip()
    blocks = paragraphs(text)
    if not 0 <= paragraph < len(blocks):
        raise IndexError(paragraph)
    blocks[paragraph] = new_text.strip()
    return "\n\n".join(block for block in blocks if block)


def target_text(text: str, paragraph: int | None) -> str | None:
    """Return what an amendment would replace now, or None when the paragraph is gone."""
    if paragraph is None:
        return text.strip()
    blocks = paragraphs(text)
    return blocks[paragraph] if 0 <= paragraph < len(blocks) else None


def is_stale(current_text: str, paragraph: int | None, base: str) -> bool:
    """Tell whether the wording an amendment was written against has changed since."""
    return target_text(current_text, paragraph) != base.strip()


def in_conflict(a: int | None, b: int | None) -> bool:
    """Tell whether two amendments touch the same wording: one paragraph, or the whole text."""
    return a is None or b is None or a == b
