"""The recommendation state machine, paragraphs and amendments, as pure rules."""

import itertools

import pytest

from convention.rules.phases import LIFECYCLE, Phase
from convention.rules.policy import Role
from convention.rules.recommendations import (
    TRANSITIONS,
    RecommendationState as S,
    apply_amendment,
    in_conflict,
    is_stale,
    may_amend,
    may_move,
    paragraphs,
    reference,
)

ALLOWED = {
    # (from, to): {role: phases}, citizens as authors
    (S.DRAFT, S.SUBMITTED): {
        Role.CITIZEN: {Phase.DELIBERATION, Phase.DRAFTING, Phase.AMENDMENTS},
        Role.FACILITATOR: {Phase.DELIBERATION, Phase.DRAFTING, Phase.AMENDMENTS},
    },
    (S.SUBMITTED, S.FINAL): {Role.FACILITATOR: {Phase.AMENDMENTS, Phase.VOTING}},
    (S.FINAL, S.SUBMITTED): {Role.FACILITATOR: {Phase.AMENDMENTS}},
    (S.FINAL, S.IN_VOTE): {Role.FACILITATOR: {Phase.VOTING}},
    (S.IN_VOTE, S.ADOPTED): {Role.FACILITATOR: {Phase.VOTING}},
    (S.IN_VOTE, S.REJECTED): {Role.FACILITATOR: {Phase.VOTING}},
    (S.DRAFT, S.WITHDRAWN): {
        r: set(LIFECYCLE[: LIFECYCLE.index(Phase.REPORT)]) for r in (Role.CITIZEN, Role.FACILITATOR)
    },
    (S.SUBMITTED, S.WITHDRAWN): {
        r: set(LIFECYCLE[: LIFECYCLE.index(Phase.REPORT)]) for r in (Role.CITIZEN, Role.FACILITATOR)
    },
    (S.FINAL, S.WITHDRAWN): {Role.FACILITATOR: set(LIFECYCLE[: LIFECYCLE.index(Phase.REPORT)])},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("source,target", list(itertools.product(S, S)))
def test_every_transition_by_role_and_phase(role, source, target):
    for phase in Phase:
        expected = phase in ALLOWED.get((source, target), {}).get(role, set())
        assert may_move(source, target, role=role, phase=phase, is_author=True) == expected, phase


def test_the_table_is_the_one_tested():
    assert set(TRANSITIONS) == set(ALLOWED)


def test_a_citizen_who_is_not_an_author_moves_nothing():
    for (source, target), move in TRANSITIONS.items():
        for phase in move.phases:
            assert not may_move(source, target, role=Role.CITIZEN, phase=phase, is_author=False)


def test_nothing_leaves_a_decided_or_withdrawn_recommendation():
    for state in (S.ADOPTED, S.REJECTED, S.WITHDRAWN):
        assert not any(source == state for source, _ in TRANSITIONS)


def test_council_observers_and_experts_never_move_anything():
    for (source, target), role, phase in itertools.product(
        TRANSITIONS, (Role.COUNCIL, Role.OBSERVER, Role.EXPERT), Phase
    ):
        assert not may_move(source, target, role=role, phase=phase, is_author=True)


def test_amendments_only_on_submitted_texts_during_the_amendment_phase():
    assert may_amend(S.SUBMITTED, Phase.AMENDMENTS)
    assert not may_amend(S.SUBMITTED, Phase.DRAFTING)
    assert not may_amend(S.FINAL, Phase.AMENDMENTS)


def test_references_are_stable_and_readable():
    assert reference(1) == "R-1" and reference(12) == "R-12"


def test_paragraphs_split_on_blank_lines_and_an_amendment_replaces_one():
    text = "First one.\n\nSecond one,\nwrapped.\n\n\nThird."
    assert paragraphs(text) == ["First one.", "Second one,\nwrapped.", "Third."]
    assert apply_amendment(text, 1, "Two.") == "First one.\n\nTwo.\n\nThird."
    assert apply_amendment(text, None, " All new. ") == "All new."
    with pytest.raises(IndexError):
        apply_amendment(text, 5, "x")


def test_an_amendment_is_stale_once_its_paragraph_changed():
    text = "A.\n\nB."
    assert not is_stale(text, 1, "B.")
    assert is_stale("A.\n\nB changed.", 1, "B.")
    assert not is_stale("A changed.\n\nB.", 1, "B.")
    assert is_stale("A.", 1, "B.")  # the paragraph is gone


def test_conflicts_are_on_the_same_paragraph_or_the_whole_text():
    assert in_conflict(1, 1) and in_conflict(None, 2) and in_conflict(0, None)
    assert not in_conflict(0, 1)
