"""The life of an invitation: pending until accepted, revoked or expired."""

from datetime import datetime
from enum import StrEnum


class InvitationState(StrEnum):
    """Where an invitation stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    EXPIRED = "expired"


def invitation_state(
    *,
    accepted_at: datetime | None,
    revoked_at: datetime | None,
    expires_at: datetime,
    now: datetime,
) -> InvitationState:
    """Derive an invitation's state from its times: accepted, else revoked, else expired."""
    if accepted_at is not None:
        return InvitationState.ACCEPTED
    if revoked_at is not None:
        return InvitationState.REVOKED
    if now >= expires_at:
        return InvitationState.EXPIRED
    return InvitationState.PENDING


# Letters and digits that cannot be mistaken for one another when typed from a printed letter.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def normalise_code(typed: str) -> str:
    """Turn what a person typed from a letter into the canonical code (case, dashes, spaces)."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """Print a code in groups of four so that it can be read aloud and typed."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
