"""Invitation states and printed codes."""

from datetime import UTC, datetime, timedelta

import pytest

from convention.rules.invitations import (
    CODE_ALPHABET,
    InvitationState,
    format_code,
    invitation_state,
    normalise_code,
)

pytestmark = pytest.mark.pure

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
LATER = NOW + timedelta(days=1)


def state(**times) -> InvitationState:
    base = {"accepted_at": None, "revoked_at": None, "expires_at": LATER, "now": NOW}
    return invitation_state(**(base | times))


def test_a_fresh_invitation_is_pending() -> None:
    assert state() is InvitationState.PENDING


def test_an_invitation_expires_at_its_expiry_time_exactly() -> None:
    assert state(expires_at=NOW) is InvitationState.EXPIRED
    assert state(expires_at=NOW + timedelta(seconds=1)) is InvitationState.PENDING


def test_acceptance_outranks_revocation_and_expiry() -> None:
    assert state(accepted_at=NOW, revoked_at=NOW, expires_at=NOW) is InvitationState.ACCEPTED
    assert state(revoked_at=NOW, expires_at=NOW) is InvitationState.REVOKED


def test_codes_are_typed_forgivingly() -> None:
    assert normalise_code(" abcd-efgh jkLM ") == "ABCDEFGHJKLM"
    assert format_code("ABCDEFGHJKLM") == "ABCD-EFGH-JKLM"


def test_the_code_alphabet_avoids_lookalikes() -> None:
    assert not set("01IO") & set(CODE_ALPHABET)
