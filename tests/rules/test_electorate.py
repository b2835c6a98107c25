"""The electorate and repeated submissions as pure rules."""

from convention.rules.electorate import (
    FIRST_VOTE,
    Ineligible,
    submission_basis,
    why_not_elector,
)


def test_an_elector_may_vote():
    assert why_not_elector(elector=True, frozen=True, joined_after_opening=False) is None


def test_a_member_who_joined_after_the_opening_is_told_so():
    reason = why_not_elector(elector=False, frozen=True, joined_after_opening=True)
    assert reason == Ineligible.JOINED_LATE
    reason = why_not_elector(elector=False, frozen=True, joined_after_opening=False)
    assert reason == Ineligible.NOT_ACTIVE_AT_OPENING
    assert why_not_elector(elector=False, frozen=False, joined_after_opening=False) == (
        Ineligible.NOT_OPEN_YET
    )


def test_the_basis_changes_with_what_is_recorded_not_with_its_order():
    assert submission_basis([]) == FIRST_VOTE
    one = submission_basis([(1, "for"), (2, "against")])
    assert one == submission_basis([(2, "against"), (1, "for")])
    assert one != submission_basis([(1, "for"), (2, "for")])
    assert len(one) == 32 and one != FIRST_VOTE
