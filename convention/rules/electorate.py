"""Who may vote in a ballot, and how a repeated submission of the same vote is recognised."""

import hashlib
from collections.abc import Iterable
from enum import StrEnum

# The basis of a first vote: the member had recorded nothing when the review page was built.
FIRST_VOTE = "new"


class Ineligible(StrEnum):
    """Why a member is not in a ballot's electorate."""

    NOT_OPEN_YET = "not_open_yet"
    JOINED_LATE = "joined_late"
    NOT_ACTIVE_AT_OPENING = "not_active_at_opening"


def why_not_elector(
    *, elector: bool, frozen: bool, joined_after_opening: bool
) -> Ineligible | None:
    """Say why a citizen may not vote in a ballot; None when they are an elector."""
    if elector:
        return None
    if not frozen:
        return Ineligible.NOT_OPEN_YET
    return Ineligible.JOINED_LATE if joined_after_opening else Ineligible.NOT_ACTIVE_AT_OPENING


def submission_basis(recorded: Iterable[tuple[int, str]]) -> str:
    """Fingerprint what a member had recorded when a review page was built.

    A confirmation carries this basis back: when it no longer matches what is recorded, the
    page was already submitted (retry, back button, second tab) and must not count again.
    """
    answers = sorted(recorded)
    if not answers:
        return FIRST_VOTE
    text = ";".join(f"{item}={answer}" for item, answer in answers)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
